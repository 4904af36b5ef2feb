import { load as loadYaml } from 'js-yaml';
import { existsSync, readdirSync } from 'node:fs';
import { readSmallTextFile } from '../shared/small-file.js';
import { basename, join, relative } from 'node:path';
import picomatch from 'picomatch';
import { toPosix } from './discover.js';

/** The parts of a package.json the tool reads. */
export interface PackageManifest {
  name?: string;
  main?: string;
  module?: string;
  source?: string;
  types?: string;
  typings?: string;
  exports?: unknown;
  /** Subpath imports (`"#store": "./src/store.js"`), resolved for specifiers that start with `#`. */
  imports?: Record<string, unknown>;
  bin?: string | Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
}

export interface WorkspacePackage {
  name: string;
  /** Absolute folder. */
  dir: string;
  manifest: PackageManifest;
}

const MAX_DEPTH = 4;
const SKIPPED = new Set(['node_modules', 'dist', 'build', '.git', '.next', 'coverage']);

/** A folder's package.json, keeping only fields of the types the tool reads: a checkout's manifest is input like any other. */
export function readManifest(dir: string): PackageManifest | undefined {
  const text = readSmallTextFile(join(dir, 'package.json'));
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isRecord(raw) ? normaliseManifest(raw) : undefined;
}

function normaliseManifest(raw: Record<string, unknown>): PackageManifest {
  const manifest: PackageManifest = {};
  for (const key of ['name', 'main', 'module', 'source', 'types', 'typings'] as const) {
    if (typeof raw[key] === 'string') manifest[key] = raw[key];
  }
  if (raw.exports !== undefined && raw.exports !== null) manifest.exports = raw.exports;
  if (isRecord(raw.imports)) manifest.imports = raw.imports;
  if (typeof raw.bin === 'string') manifest.bin = raw.bin;
  else if (isRecord(raw.bin)) manifest.bin = stringsOf(raw.bin);
  for (const key of ['scripts', 'dependencies', 'devDependencies'] as const) {
    if (isRecord(raw[key])) manifest[key] = stringsOf(raw[key]);
  }
  const workspaces = raw.workspaces;
  if (Array.isArray(workspaces)) manifest.workspaces = workspaces.filter((item): item is string => typeof item === 'string');
  else if (isRecord(workspaces) && Array.isArray(workspaces.packages)) manifest.workspaces = { packages: workspaces.packages.filter((item): item is string => typeof item === 'string') };
  return manifest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string-valued entries of an object, as a map without a prototype (`__proto__` is a key like any other). */
function stringsOf(value: Record<string, unknown>): Record<string, string> {
  const strings: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') strings[key] = item;
  return strings;
}

/**
 * The packages of a workspace rooted at `root`: npm/yarn `workspaces`, pnpm-workspace.yaml, or,
 * without either, sub-folders that have both a package.json and a tsconfig.json, unless the
 * root is a package that runs something itself (sample apps inside a service are not tiers).
 */
export function findWorkspacePackages(root: string): WorkspacePackage[] {
  const patterns = workspacePatterns(root);
  if (!patterns && runsItself(readManifest(root))) return [];
  const folders = patterns ? foldersMatching(root, patterns) : foldersWithOwnProject(root);
  return folders
    .map((dir) => ({ dir, manifest: readManifest(dir) }))
    .filter((entry): entry is { dir: string; manifest: PackageManifest } => entry.manifest !== undefined)
    .map(({ dir, manifest }) => ({ name: manifest.name ?? basename(dir), dir, manifest }))
    .sort((a, b) => (a.dir < b.dir ? -1 : 1));
}

function runsItself(manifest: PackageManifest | undefined): boolean {
  if (!manifest) return false;
  return Boolean(manifest.main || manifest.bin || manifest.scripts?.start || manifest.scripts?.serve);
}

function workspacePatterns(root: string): string[] | undefined {
  const manifest = readManifest(root);
  const workspaces = manifest?.workspaces;
  if (Array.isArray(workspaces)) return workspaces;
  if (workspaces?.packages) return workspaces.packages;
  const pnpm = readSmallTextFile(join(root, 'pnpm-workspace.yaml'));
  if (pnpm === undefined) return undefined;
  // A YAML parser, not lines: `packages: ['apps/*', 'libs/*']` (flow style) is as common as a list.
  let parsed: unknown;
  try {
    parsed = loadYaml(pnpm);
  } catch {
    return undefined;
  }
  const packages = isRecord(parsed) && Array.isArray(parsed.packages) ? parsed.packages : [];
  return packages.filter((pattern): pattern is string => typeof pattern === 'string' && !pattern.startsWith('!'));
}

function foldersMatching(root: string, patterns: string[]): string[] {
  const matches = picomatch(patterns.map((pattern) => pattern.replace(/\/$/, '')));
  return subFolders(root).filter((dir) => matches(toPosix(relative(root, dir))));
}

function foldersWithOwnProject(root: string): string[] {
  return subFolders(root).filter((dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tsconfig.json')));
}

/** Folders below `root` (not `root` itself), up to a few levels deep, sorted. */
function subFolders(root: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      found.push(path);
      visit(path, depth + 1);
    }
  };
  visit(root, 1);
  return found.sort();
}

import { statSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { INFRA_FOLDERS, relativePosix, toPosix } from './discover.js';
import { guessEntries } from './entries.js';
import type { ImportResolver, ModuleSummary } from './engine.js';
import { findWorkspacePackages, readManifest, type PackageManifest, type WorkspacePackage } from './workspace.js';

/** A set of processes that scale together: one service package, with the files it starts from. */
export interface Tier {
  name: string;
  /** Absolute folder. */
  root: string;
  /** Absolute entry files; empty means every scanned file below `root` counts. */
  entries: string[];
  /** Where the entries came from (`configuration`, `package.json main`, ...). */
  entrySources: string[];
}

/** Dependencies that make a workspace package a server (Next.js counts: it renders and serves on the server). */
// `ws` is left out: browsers' and libraries' code depends on it as a client.
const SERVER_PACKAGES = ['@hapi/hapi', '@nestjs/core', '@remix-run/node', '@sveltejs/kit', 'express', 'fastify', 'hono', 'koa', 'next', 'nuxt', 'socket.io'];
/** Dependencies of an app that runs in the browser (or a desktop shell): a start script there serves assets. */
const BROWSER_PACKAGES = ['@angular/core', '@tauri-apps/api', 'preact', 'react-dom', 'solid-js', 'svelte', 'vue'];
const SERVICE_SCRIPTS = ['start', 'start:prod', 'serve'];
/** A script that runs a long-lived Node process, not a build. */
const RUNS_A_PROCESS = /(^|[\s;&])(node|ts-node|ts-node-dev|tsx|nodemon|bun|pm2|pm2-runtime|nest start)\s/;
const TEST_PACKAGE = /(^|[/@-])(test|tests|testing|test-utils|e2e|mocks?|fixtures?)([/-]|$)/;

/**
 * The tiers of the scan: one per service package of a workspace, or one for each scanned folder.
 * Explicit entries (configuration or `--entry`) make one tier that starts from them.
 */
export function planTiers(roots: readonly string[], files: readonly string[], explicitEntries: readonly string[]): { tiers: Tier[]; packages: WorkspacePackage[] } {
  const known = new Set(files);
  const tiers: Tier[] = [];
  const packages: WorkspacePackage[] = [];
  for (const root of roots) {
    if (!statSync(root).isDirectory()) {
      tiers.push({ name: basename(root), root, entries: [], entrySources: [] });
      continue;
    }
    const manifest = readManifest(root);
    if (explicitEntries.length > 0) {
      tiers.push({ name: tierName(root, manifest), root, entries: [...explicitEntries].sort(), entrySources: ['configuration'] });
      continue;
    }
    const workspace = findWorkspacePackages(root);
    packages.push(...workspace);
    const services = workspace.filter((candidate) => isService(candidate.manifest));
    if (services.length === 0) {
      tiers.push(tierFor(root, manifest, known));
      continue;
    }
    for (const service of services) tiers.push(tierFor(service.dir, service.manifest, known));
  }
  // A package none of whose files were discovered (outside the tsconfig's list) is not scanned.
  const scanned = tiers.filter((tier) => tier.entries.length > 0 || files.some((file) => file === tier.root || file.startsWith(tier.root + sep)));
  return { tiers: scanned, packages };
}

function tierFor(root: string, manifest: PackageManifest | undefined, known: ReadonlySet<string>): Tier {
  const below = new Set([...known].filter((file) => file.startsWith(root + sep)));
  const guess = guessEntries(root, manifest, below);
  return { name: tierName(root, manifest), root, entries: guess.files, entrySources: guess.sources };
}

function tierName(root: string, manifest: PackageManifest | undefined): string {
  return manifest?.name ?? basename(root);
}

function isService(manifest: PackageManifest): boolean {
  // Test helpers start servers for tests; they are not a tier of the product.
  if (TEST_PACKAGE.test(manifest.name ?? '')) return false;
  const dependsOn = (names: readonly string[]): boolean => names.some((name) => manifest.dependencies?.[name] !== undefined);
  const starts = SERVICE_SCRIPTS.some((script) => manifest.scripts?.[script]);
  // `bin` means a command-line tool. Declarations or an export map mean a library others import,
  // unless the package also runs a server itself (`node dist/main.js` with express): services
  // publish types and exports too, and a library's `start` is a watch build (`tsc -w`).
  if (manifest.bin) return false;
  if (manifest.types || manifest.typings || manifest.exports) {
    return dependsOn(SERVER_PACKAGES) && SERVICE_SCRIPTS.some((script) => RUNS_A_PROCESS.test(manifest.scripts?.[script] ?? ''));
  }
  if (dependsOn(SERVER_PACKAGES)) return true;
  // A browser app's start script serves assets, not requests of the service.
  return starts && !dependsOn(BROWSER_PACKAGES);
}

/**
 * Which tiers each file belongs to: the files reachable by imports from the tier's entries and
 * `'use server'` modules, never crossing into `'use client'` modules (they run in the browser).
 */
export function assignTiers(modules: readonly ModuleSummary[], tiers: readonly Tier[], resolve: ImportResolver): Map<string, string[]> {
  const byPath = new Map(modules.map((module) => [module.path, module]));
  const membership = new Map<string, string[]>();
  const join = (module: ModuleSummary, tier: Tier): void => {
    const list = membership.get(module.file) ?? [];
    if (!list.includes(tier.name)) list.push(tier.name);
    membership.set(module.file, list);
  };
  for (const tier of tiers) {
    const below = modules.filter((module) => module.path === tier.root || module.path.startsWith(tier.root + sep));
    const serverOnly = below.filter((module) => !module.directives.includes('use client'));
    if (tier.entries.length === 0) {
      // Without an entry every file counts, except the folders that by name are not the service.
      for (const module of serverOnly) if (!isOutsideTheService(tier.root, module.path)) join(module, tier);
      continue;
    }
    // Infrastructure-as-code beside the service configures its load balancer: it belongs to the tier.
    for (const module of serverOnly) if (INFRA_FOLDERS.has(relativePosix(tier.root, module.path).split('/')[0]!)) join(module, tier);
    const queue = [...tier.entries, ...serverOnly.filter((module) => module.directives.includes('use server')).map((module) => module.path)];
    const seen = new Set<string>();
    // An index into the queue, not shift(): shifting is linear, and the queue holds every file.
    for (let next = 0; next < queue.length; next++) {
      const path = queue[next]!;
      const module = byPath.get(path);
      if (!module || seen.has(path) || module.directives.includes('use client')) continue;
      seen.add(path);
      join(module, tier);
      for (const specifier of module.specifiers) {
        const target = resolve(path, specifier);
        if (target && !seen.has(target)) queue.push(target);
      }
    }
  }
  return membership;
}

/** One-off scripts, migrations, seeds, examples and benchmarks: code that does not run in the server process. */
const NOT_THE_SERVICE = new Set(['benchmarks', 'docs', 'examples', 'migrations', 'scripts', 'seeders', 'seeds']);

function isOutsideTheService(root: string, path: string): boolean {
  return relativePosix(root, path).split('/').slice(0, -1).some((folder) => NOT_THE_SERVICE.has(folder));
}

/** Entry paths as the report shows them. */
export function describeEntries(tier: Tier, cwd: string): string[] {
  return tier.entries.map((entry) => toPosix(relative(cwd, entry)));
}

import { readSmallTextFile } from '../shared/small-file.js';
import { dirname, join, resolve } from 'node:path';
import { ts } from '../shared/typescript.cjs';
import { resolveRelativeImport } from '../facts/module-resolution.js';
import { ownConfig } from './project-files.js';
import { sourcePathsOf } from './entries.js';
import type { ImportResolver } from '../engine/engine.js';
import type { WorkspacePackage } from './workspace.js';
import { createSubpathImports, fromPackageFolder } from './subpath-imports.js';

interface PathAliases {
  /** Where non-relative names resolve from (`baseUrl`), if set. */
  baseUrl?: string;
  /** `paths` patterns with their targets, made absolute. */
  paths: { prefix: string; suffix: string; targets: string[] }[];
}

/**
 * Relative imports, tsconfig `baseUrl`/`paths` aliases (`@/lib/cache`) of the nearest tsconfig,
 * and imports of workspace packages by name (`@acme/shared`) to their source entry.
 */
export function createImportResolver(known: Pick<ReadonlySet<string>, 'has'>, packages: readonly WorkspacePackage[]): ImportResolver {
  const isKnown = (path: string): boolean => known.has(path);
  // Many folders share one tsconfig: its aliases are read once per config file, and a folder
  // without one of its own asks its parent, which its siblings asked already.
  const configByFolder = new Map<string, string | undefined>();
  const configFor = (folder: string): string | undefined => {
    if (configByFolder.has(folder)) return configByFolder.get(folder);
    const parent = dirname(folder);
    const config = ownConfig(folder) ?? (parent === folder ? undefined : configFor(parent));
    configByFolder.set(folder, config);
    return config;
  };
  const aliasesByConfig = new Map<string, PathAliases | undefined>();
  const aliasesFor = (config: string | undefined): PathAliases | undefined => {
    if (!config) return undefined;
    if (!aliasesByConfig.has(config)) aliasesByConfig.set(config, loadAliases(config));
    return aliasesByConfig.get(config);
  };
  const subpathImport = createSubpathImports();
  const resolveFrom = (fromPath: string, specifier: string): string | undefined => {
    if (specifier.startsWith('#')) {
      const mapped = subpathImport(fromPath, specifier);
      if (!mapped) return undefined;
      const from = fromPackageFolder(mapped.folder);
      return resolveRelativeImport(from, mapped.target, isKnown) ?? resolveIntoSources(from, mapped.target, isKnown);
    }
    const relative = resolveRelativeImport(fromPath, specifier, isKnown) ?? resolveIntoSources(fromPath, specifier, isKnown);
    if (relative || specifier.startsWith('.')) return relative;
    return resolveAlias(aliasesFor(configFor(dirname(fromPath))), specifier, isKnown) ?? resolveWorkspacePackage(packages, specifier, isKnown);
  };
  // Grouping the files and linking each group both ask, and many files import the same modules:
  // a path leads where its folder says, a package name where its tsconfig's aliases and the
  // workspace say (the folder decides the tsconfig, so keying paths by folder is exact too).
  const resolved = new Map<string, string | undefined>();
  return (fromPath, specifier) => {
    const folder = dirname(fromPath);
    // A `#` import resolves through the nearest package.json, which the folder decides too.
    const key = `${isRelative(specifier) || specifier.startsWith('#') ? folder : configFor(folder) ?? ''}\0${specifier}`;
    if (resolved.has(key)) return resolved.get(key);
    const target = resolveFrom(fromPath, specifier);
    resolved.set(key, target);
    return target;
  };
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('/');
}

/** `bin/cli.js` importing `../dist/cli.js`: the build output's source (`src/cli.ts`, or `cli.ts` beside `dist/`). */
function resolveIntoSources(fromPath: string, specifier: string, isKnown: (path: string) => boolean): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(fromPath), specifier);
  const output = /[\\/](dist|build|lib|out)[\\/]/.exec(target);
  if (!output) return undefined;
  const before = target.slice(0, output.index);
  const after = target.slice(output.index + output[0].length);
  return resolveRelativeImport('/', join(before, after), isKnown) ?? resolveRelativeImport('/', join(before, 'src', after), isKnown);
}

function resolveAlias(aliases: PathAliases | undefined, specifier: string, isKnown: (path: string) => boolean): string | undefined {
  if (!aliases) return undefined;
  for (const { prefix, suffix, targets } of aliases.paths) {
    const exact = !targets.some((target) => target.includes('*')) && suffix === '' ;
    if (exact ? specifier !== prefix : !specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) continue;
    const star = specifier.slice(prefix.length, specifier.length - suffix.length);
    for (const target of targets) {
      const found = resolveRelativeImport('/', target.replace('*', star), isKnown);
      if (found) return found;
    }
  }
  return aliases.baseUrl ? resolveRelativeImport('/', join(aliases.baseUrl, specifier), isKnown) : undefined;
}

function resolveWorkspacePackage(packages: readonly WorkspacePackage[], specifier: string, isKnown: (path: string) => boolean): string | undefined {
  const owner = packages.find((candidate) => specifier === candidate.name || specifier.startsWith(`${candidate.name}/`));
  if (!owner) return undefined;
  const subpath = specifier.slice(owner.name.length + 1);
  if (subpath) return resolveRelativeImport(join(owner.dir, 'x'), `./src/${subpath}`, isKnown) ?? resolveRelativeImport(join(owner.dir, 'x'), `./${subpath}`, isKnown);
  const declared = [owner.manifest.source, owner.manifest.main, owner.manifest.module].filter((value): value is string => typeof value === 'string');
  const candidates = [...declared.flatMap(sourcePathsOf), 'src/index', 'index'];
  for (const candidate of candidates) {
    const found = resolveRelativeImport(join(owner.dir, 'x'), `./${candidate.replace(/^\.\//, '')}`, isKnown);
    if (found) return found;
  }
  return undefined;
}

/** `baseUrl` and `paths` of a tsconfig.json / jsconfig.json, following `extends`. */
function loadAliases(config: string): PathAliases | undefined {
  // Only the options are needed: listing the files the config includes would walk the whole tree.
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    readDirectory: () => [],
    // A tsconfig that is a FIFO or `/dev/zero` reads as missing, not forever.
    readFile: (path) => readSmallTextFile(path),
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  };
  const options = ts.getParsedCommandLineOfConfigFile(config, undefined, host)?.options;
  if (!options?.paths && !options?.baseUrl) return undefined;
  const base = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath ?? dirname(config);
  // The checkout's tsconfig is input: `"paths": { "x": null }` reports a diagnostic and keeps the value.
  const paths = Object.entries(options.paths ?? {}).map(([pattern, targets]) => {
    const star = pattern.indexOf('*');
    return {
      prefix: star < 0 ? pattern : pattern.slice(0, star),
      suffix: star < 0 ? '' : pattern.slice(star + 1),
      targets: (Array.isArray(targets) ? targets : []).filter((target) => typeof target === 'string').map((target) => resolve(base, target)),
    };
  });
  return { baseUrl: options.baseUrl, paths };
}

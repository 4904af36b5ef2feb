import { statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { INFRA_FOLDERS, relativePosix, toPosix } from './discover.js';
import { guessEntries } from './entries.js';
import type { ImportResolver, ModuleSummary } from '../engine/engine.js';
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
  /** Absolute folders below `root` that are not this tier (the packages of a workspace root's own tier). */
  excludes?: string[];
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
    // Code of the root outside every package (servers without a package of their own) is a tier too.
    const packageDirs = workspace.map((candidate) => candidate.dir);
    const outside = files.some((file) => file.startsWith(root + sep) && !packageDirs.some((dir) => file.startsWith(dir + sep)));
    if (outside) tiers.push({ name: tierName(root, manifest), root, entries: [], entrySources: [], excludes: packageDirs });
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

/** A tier a file belongs to, and whether the tier's entries reach it. */
export interface TierMembership {
  tier: string;
  /** False for a file no entry imports: loaded in a way the module graph does not see, or dead code. */
  reached: boolean;
}

/** Why an analysed file is in no tier. */
export type LeftOutReason = 'client code' | 'script, migration, seed or example' | 'in no service package';

export interface TierAssignment {
  /** File (relative to the working directory) -> its tiers. */
  members: Map<string, TierMembership[]>;
  /** Analysed files that belong to no tier, with why. */
  leftOut: Map<string, LeftOutReason>;
}

/**
 * Which tiers each file belongs to. A tier with entries reaches the files imported from them and
 * the `'use server'` modules, never crossing into `'use client'` modules (they run in the
 * browser), and the folders its modules load without naming the files (`@fastify/autoload`, a
 * `readdir` then `require`); every other server file below its root belongs to it too, as not
 * reached. Client code (a `'use client'` module and what only it imports) and one-off scripts are
 * left out, and so are the files of workspace packages that no tier reaches.
 */
export function assignTiers(modules: readonly ModuleSummary[], tiers: readonly Tier[], resolve: ImportResolver): TierAssignment {
  const byPath = new Map(modules.map((module) => [module.path, module]));
  const members = new Map<string, TierMembership[]>();
  const leftOut = new Map<string, LeftOutReason>();
  const join = (module: ModuleSummary, tier: Tier, reached: boolean): void => {
    const list = members.get(module.file) ?? [];
    const known = list.find((membership) => membership.tier === tier.name);
    if (known) known.reached ||= reached;
    else list.push({ tier: tier.name, reached });
    members.set(module.file, list);
  };
  for (const tier of tiers) {
    const below = modules.filter(
      (module) => (module.path === tier.root || module.path.startsWith(tier.root + sep)) && !(tier.excludes ?? []).some((dir) => module.path.startsWith(dir + sep)),
    );
    const clientSide = importedFrom(below.filter(isClientModule).map((module) => module.path), byPath, resolve, () => true);
    const reached = tier.entries.length === 0
      ? new Set(below.map((module) => module.path))
      : importedFrom(
          [...tier.entries, ...below.filter((module) => module.directives.includes('use server')).map((module) => module.path)],
          byPath, resolve, (module) => !isClientModule(module),
        );
    for (const module of below) {
      const relativePath = relativePosix(tier.root, module.path);
      // Infrastructure-as-code beside the service configures its load balancer: it belongs to the tier.
      if (INFRA_FOLDERS.has(relativePath.split('/')[0]!)) join(module, tier, true);
      else if (isClientModule(module) || (clientSide.has(module.path) && !reached.has(module.path))) leftOut.set(module.file, 'client code');
      else if (isOutsideTheService(tier.root, module.path)) leftOut.set(module.file, 'script, migration, seed or example');
      else join(module, tier, reached.has(module.path));
    }
    // Files of other packages (workspace libraries) that the tier's code imports.
    for (const path of reached) {
      const module = byPath.get(path);
      if (module && !(path === tier.root || path.startsWith(tier.root + sep)) && !isClientModule(module)) join(module, tier, true);
    }
  }
  for (const module of modules) {
    if (members.has(module.file) || leftOut.has(module.file)) continue;
    leftOut.set(module.file, isClientModule(module) ? 'client code' : 'in no service package');
  }
  for (const file of members.keys()) leftOut.delete(file);
  return { members, leftOut };
}

const isClientModule = (module: ModuleSummary): boolean => module.directives.includes('use client');

/**
 * The modules reached from `starts` through imports and loaded folders, entering only the modules
 * `enter` accepts.
 */
function importedFrom(
  starts: readonly string[],
  byPath: ReadonlyMap<string, ModuleSummary>,
  resolve: ImportResolver,
  enter: (module: ModuleSummary) => boolean,
): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const path = queue.pop()!;
    const module = byPath.get(path);
    if (!module || seen.has(path) || !enter(module)) continue;
    seen.add(path);
    for (const specifier of module.specifiers) {
      const target = resolve(path, specifier);
      if (target && !seen.has(target)) queue.push(target);
    }
    for (const folder of module.loads ?? []) {
      const prefix = join(dirname(path), folder) + sep;
      for (const candidate of byPath.keys()) if (candidate.startsWith(prefix) && !seen.has(candidate)) queue.push(candidate);
    }
  }
  return seen;
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

import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../shared/errors.js';
import type { FileError } from '../report/finding.js';
import { filesOfProject, findCoveringConfig, withTrailingSep } from './project-files.js';

export interface DiscoveryOptions {
  /** Files or folders to scan, relative to `cwd`. */
  paths: readonly string[];
  cwd: string;
  /** An explicit tsconfig.json / jsconfig.json. */
  tsconfig?: string;
  include: readonly string[];
  exclude: readonly string[];
  includeTests: boolean;
}

export interface Discovery {
  /** Absolute paths, sorted. */
  files: string[];
  /** The tsconfig files whose lists were used, relative to `cwd`. */
  tsconfigs: string[];
  /** Entries that could not be read (symlink loops, unreadable folders). */
  errors: FileError[];
  /** Source files left out as test code (without `--include-tests`). */
  testFiles: number;
}

export const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', '.next', 'coverage', 'out', '.git', 'cdk.out', 'cdktf.out']);
/**
 * Folders that by convention hold the service's infrastructure-as-code (load-balancer settings
 * such as stickiness). The service's tsconfig usually leaves them out, so they are walked anyway.
 */
export const INFRA_FOLDERS: ReadonlySet<string> = new Set(['cdk', 'cdktf', 'deploy', 'deployment', 'iac', 'infra', 'infrastructure', 'pulumi']);
const TEST_FOLDERS: ReadonlySet<string> = new Set(['test', 'tests', '__tests__', '__mocks__', 'e2e']);
const TEST_FILE = /\.(test|spec|e2e|e2e-spec|stories)\.[cm]?[jt]sx?$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** The files of the scan: from the covering tsconfig when there is one, else every source file below each path. */
export function discoverFiles(options: DiscoveryOptions): Discovery {
  const files = new Set<string>();
  const tsconfigs = new Set<string>();
  const errors: FileError[] = [];
  const tests = new Set<string>();
  const filter = createFileFilter(options, tests);
  const explicitConfig = options.tsconfig ? resolve(options.cwd, options.tsconfig) : undefined;
  if (explicitConfig && !existsSync(explicitConfig)) throw new UsageError(`tsconfig not found: ${options.tsconfig}`);

  // What the scan may read: the real folders (and files) it was given. A link out of them is
  // listed and skipped, so a checkout cannot make the report quote a file elsewhere on the machine.
  const roots = options.paths.map((path) => realpathOr(resolve(options.cwd, path)));
  const inside = (real: string): boolean => roots.some((root) => real === root || real.startsWith(withTrailingSep(root)));
  for (const path of options.paths) {
    const absolute = resolve(options.cwd, path);
    const stats = statOrThrow(absolute, path);
    if (stats.isFile()) {
      if (SOURCE_EXTENSIONS.has(extname(absolute)) && !DECLARATION_FILE.test(absolute)) files.add(absolute);
      continue;
    }
    const config = explicitConfig ?? findCoveringConfig(absolute);
    const keep = (file: string): boolean => filter(file, absolute);
    const project = config ? filesOfProject(config, absolute) : { files: [], configs: [] };
    const listed = project.files.filter(keep);
    if (listed.length > 0) {
      for (const used of project.configs) tsconfigs.add(toPosix(relative(options.cwd, used)));
      for (const file of listed) files.add(file);
      for (const infra of infraFoldersIn(absolute)) {
        for (const file of walkFolder(infra, errors, options.cwd, inside)) if (keep(file)) files.add(file);
      }
      continue;
    }
    for (const file of walkFolder(absolute, errors, options.cwd, inside)) if (keep(file)) files.add(file);
  }
  const readable = [...files].sort().filter((file) => {
    const problem = unreadableReason(file, inside);
    if (problem) errors.push({ file: toPosix(relative(options.cwd, file)), message: problem });
    return !problem;
  });
  return { files: readable, tsconfigs: [...tsconfigs].sort(), errors, testFiles: tests.size };
}

/**
 * The given paths without those inside another one (or equal to one given before): `scan app
 * app/src` is `scan app`. Overlapping paths counted files twice, made two tiers of one package
 * and gave the same finding two fingerprints.
 */
export function outermostPaths(paths: readonly string[], cwd: string): string[] {
  const reals = paths.map((path) => realpathOr(resolve(cwd, path)));
  const within = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(withTrailingSep(outer));
  return paths.filter((_, index) =>
    reals.every((outer, other) => other === index || !within(reals[index]!, outer) || (reals[index] === outer && other > index)),
  );
}

/** Why a listed file is not read: a link out of the scanned folders, or not a regular file (a FIFO, `/dev/zero`). */
function unreadableReason(file: string, inside: (real: string) => boolean): string | undefined {
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink loop: skipped' : 'broken symlink: skipped';
  }
  if (!inside(real)) return OUTSIDE;
  try {
    return statSync(real).isFile() ? undefined : NOT_REGULAR;
  } catch (error) {
    return `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

const OUTSIDE = 'symlink out of the scanned folders: skipped';
const NOT_REGULAR = 'not a regular file: skipped';

function realpathOr(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

function statOrThrow(absolute: string, shown: string) {
  try {
    return statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UsageError(`symlink loop: ${shown}`);
    if (code === 'ENOENT') throw new UsageError(`path not found: ${shown}`);
    throw new UsageError(`cannot read ${shown}: ${code ?? String(error)}`);
  }
}

/** The infrastructure-as-code folders directly inside `folder`, sorted. */
function infraFoldersIn(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isDirectory() && INFRA_FOLDERS.has(entry.name))
    .map((entry) => join(folder, entry.name))
    .sort();
}

/** Every source file below `folder`, skipping dependencies and build output, following folder links once. */
function walkFolder(folder: string, errors: FileError[], cwd: string, inside: (real: string) => boolean): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  // `knownReal`: a plain folder below a folder whose real path is known needs no lookup; only
  // the root and folder links do (one system call per folder saved on a large tree).
  const visit = (current: string, knownReal?: string): void => {
    let real: string;
    try {
      real = knownReal ?? realpathSync(current);
    } catch {
      errors.push({ file: toPosix(relative(cwd, current)), message: 'symlink loop or broken link: skipped' });
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    if (!inside(real)) {
      errors.push({ file: toPosix(relative(cwd, current)), message: OUTSIDE });
      return;
    }
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      errors.push({ file: toPosix(relative(cwd, current)), message: `cannot read folder: ${(error as NodeJS.ErrnoException).code}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // Hidden entries (.git, .env, .cache) are never the service's source.
      if (entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      let isFolder = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isFolder = statSync(path).isDirectory();
        } catch (error) {
          // A loop is worth saying; a dangling link to something that is not source is not.
          const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
          if (loop || SOURCE_EXTENSIONS.has(extname(entry.name))) {
            errors.push({ file: toPosix(relative(cwd, path)), message: loop ? 'symlink loop: skipped' : 'broken symlink: skipped' });
          }
          continue;
        }
      }
      if (isFolder) {
        if (!SKIPPED_FOLDERS.has(entry.name)) visit(path, entry.isSymbolicLink() ? undefined : join(real, entry.name));
      } else if (SOURCE_EXTENSIONS.has(extname(entry.name))) {
        found.push(path);
      }
    }
  };
  visit(folder);
  return found;
}

/**
 * Built-in exclusions (dependencies, build output, declarations, tests), judged below the scanned
 * folder so that scanning `test/fixtures/app` works, plus the user's globs, relative to `cwd`.
 */
/** Whether a file is scanned; the test files it leaves out are added to `tests`, for the report's scope. */
function createFileFilter(options: DiscoveryOptions, tests: Set<string>): (file: string, root: string) => boolean {
  const include = options.include.length > 0 ? picomatch([...options.include], { dot: true }) : undefined;
  const exclude = options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : undefined;
  return (file, root) => {
    const path = relativePosix(options.cwd, file);
    const folders = relativePosix(root, file).split('/').slice(0, -1);
    if (DECLARATION_FILE.test(path) || !SOURCE_EXTENSIONS.has(extname(path))) return false;
    if (folders.some((folder) => SKIPPED_FOLDERS.has(folder))) return false;
    if (include && !include(path)) return false;
    if (exclude && exclude(path)) return false;
    if (!options.includeTests && (TEST_FILE.test(path) || folders.some((folder) => TEST_FOLDERS.has(folder)))) {
      tests.add(file);
      return false;
    }
    return true;
  };
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * `path` relative to `from`, with `/` separators. Both are absolute and normalized; the common
 * case, a file below the folder, is a slice: `path.relative` re-resolves both on every call,
 * and the scan asks this several times per file.
 */
export function relativePosix(from: string, path: string): string {
  if (path.startsWith(from) && path[from.length] === sep) return toPosix(path.slice(from.length + 1));
  return toPosix(relative(from, path));
}

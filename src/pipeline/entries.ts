import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { toPosix } from './discover.js';
import type { PackageManifest } from './workspace.js';

/** The files a tier starts from, and where that knowledge came from. */
export interface EntryGuess {
  /** Absolute paths, sorted. */
  files: string[];
  /** `package.json main`, `conventional name`, `Next.js conventions`, ... */
  sources: string[];
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const CONVENTIONAL_NAMES = ['src/main', 'src/server', 'src/index', 'src/app', 'server', 'main', 'index', 'app'];
const OUTPUT_FOLDERS = /^(\.\/)?(dist|build|lib|out)\//;
const NEXT_CONVENTION = /^(src\/)?(app\/(.+\/)?(route|page|layout|template|default|loading|error|not-found|global-error)\.[cm]?[jt]sx?|pages\/.+\.[cm]?[jt]sx?|middleware\.[cm]?[jt]s|instrumentation\.[cm]?[jt]s)$/;
const SCRIPT_FILE = /(?:^|\s)((?:\.\/)?[\w@./-]+\.(?:[cm]?[jt]sx?))(?=\s|$)/g;
/** `node dist/src/main`: the file a runner starts, written without its extension. */
const RUNNER_ARGUMENT = /(?:^|[\s;&])(?:node|ts-node|ts-node-dev|tsx|nodemon|bun)\s+(?:-{1,2}[\w-]+(?:=\S+)?\s+)*((?:\.\/)?[\w@-]+(?:\/[\w@.-]+)+)(?=\s|$)/g;

/**
 * Guesses where a service starts: package.json `main`, `bin` and the start script (mapping
 * compiled `dist/` paths back to `src/`), Next.js file conventions, NestJS `src/main.ts`, and
 * the usual names. `known` holds the files of the scan; only those can be entries.
 */
export function guessEntries(dir: string, manifest: PackageManifest | undefined, known: ReadonlySet<string>): EntryGuess {
  const files = new Set<string>();
  const sources = new Set<string>();
  const add = (candidates: string[], source: string): void => {
    const found = candidates.map((candidate) => sourceFileFor(dir, candidate, known)).filter((file): file is string => file !== undefined);
    for (const file of found) files.add(file);
    if (found.length > 0) sources.add(source);
  };
  if (manifest) {
    add([manifest.main, manifest.module, manifest.source].filter((value): value is string => typeof value === 'string'), 'package.json main');
    for (const script of ['start', 'start:prod', 'serve', 'dev']) {
      const command = manifest.scripts?.[script];
      if (command) add([...command.matchAll(SCRIPT_FILE), ...command.matchAll(RUNNER_ARGUMENT)].map((match) => match[1]!), `package.json scripts.${script}`);
    }
    // In a service, `bin` is usually a command-line helper (a generator, a migration runner), not
    // the server: it is an entry only when nothing else says where the service starts.
    if (files.size === 0) add(typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {}), 'package.json bin');
  }
  if (isNextApp(dir, manifest)) {
    const conventional = [...known].filter((file) => NEXT_CONVENTION.test(toPosix(relative(dir, file))));
    for (const file of conventional) files.add(file);
    if (conventional.length > 0) sources.add('Next.js conventions');
  }
  if (files.size === 0) add(CONVENTIONAL_NAMES.flatMap((name) => SOURCE_EXTENSIONS.map((extension) => name + extension)), 'conventional name');
  return { files: [...files].sort(), sources: [...sources] };
}

function isNextApp(dir: string, manifest: PackageManifest | undefined): boolean {
  if (manifest?.dependencies?.next || manifest?.devDependencies?.next) return true;
  return ['next.config.js', 'next.config.mjs', 'next.config.ts'].some((name) => existsSync(join(dir, name)));
}

/** The scanned source file a package path names: itself, its `src/` twin for build output, or with an extension added. */
/**
 * A package path and the source paths its build output comes from: build output mirrors either
 * `src/` (dist/main.js <- src/main.ts) or the package root (build/server <- server).
 */
export function sourcePathsOf(path: string): string[] {
  return OUTPUT_FOLDERS.test(path) ? [path, path.replace(OUTPUT_FOLDERS, 'src/'), path.replace(OUTPUT_FOLDERS, '')] : [path];
}

function sourceFileFor(dir: string, candidate: string, known: ReadonlySet<string>): string | undefined {
  for (const path of sourcePathsOf(candidate)) {
    const absolute = join(dir, path);
    const stem = absolute.replace(/\.[cm]?[jt]sx?$/, '');
    const options = [absolute, ...SOURCE_EXTENSIONS.map((extension) => stem + extension), ...SOURCE_EXTENSIONS.map((extension) => join(absolute, `index${extension}`))];
    const found = options.find((option) => known.has(option));
    if (found) return found;
  }
  return undefined;
}

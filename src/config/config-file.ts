import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load as loadYaml } from 'js-yaml';
import { ts } from '../shared/typescript.cjs';
import { UsageError } from '../shared/errors.js';
import { toPosix } from '../pipeline/discover.js';
import { jsonSyntaxError } from './json-syntax-error.js';

/**
 * Where the configuration is searched, in the working directory only, in this order. All are
 * data: a checkout is often untrusted (a pull request, an inherited service), and scanning it
 * must not run its code.
 */
const DATA_PLACES = [
  'package.json',
  '.hiddenstaterc',
  '.hiddenstaterc.json',
  '.hiddenstaterc.yaml',
  '.hiddenstaterc.yml',
  '.config/hiddenstaterc',
  '.config/hiddenstaterc.json',
  '.config/hiddenstaterc.yaml',
  '.config/hiddenstaterc.yml',
];
const CODE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
/** Configuration that runs code: found, it is named and left alone; it loads only through `--config`. */
const CODE_PLACES = ['hiddenstate.config', '.hiddenstaterc', '.config/hiddenstaterc'].flatMap((stem) => CODE_EXTENSIONS.map((extension) => stem + extension));
/** A configuration is a few hundred bytes; a larger "file" is a mistake or a trap (`/dev/zero`). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface FoundConfig {
  /** The raw value (`undefined` when the file is empty), before validation. */
  value?: unknown;
  /** Absolute path of the file it came from. */
  file?: string;
  /** A configuration that runs code, found by search and not loaded, relative to the working directory. */
  notRun?: string;
}

/** The configuration data found in `cwd`, and any configuration code found there and not run. */
export function searchConfig(cwd: string): FoundConfig {
  const notRun = CODE_PLACES.find((place) => isPresent(join(cwd, place)));
  const found = { ...(notRun ? { notRun: toPosix(notRun) } : {}) };
  for (const place of DATA_PLACES) {
    const path = join(cwd, place);
    if (!isPresent(path)) continue;
    if (place === 'package.json') {
      // The package's own file, read by other tools too: one that cannot be read or parsed holds no configuration.
      const manifest = readManifestQuietly(path);
      const own = typeof manifest === 'object' && manifest !== null && Object.hasOwn(manifest, 'hiddenstate');
      if (own) return { ...found, value: (manifest as Record<string, unknown>).hiddenstate, file: path };
      continue;
    }
    return { ...found, value: parseData(readConfigText(path, place), place), file: path };
  }
  return found;
}

/** The file the user named with `--config`: data, or (because they named it) code, which is run. */
export async function loadNamedConfig(path: string, cwd: string): Promise<FoundConfig> {
  const shown = toPosix(relative(cwd, path)) || basename(path);
  const extension = extname(path);
  if (!CODE_EXTENSIONS.includes(extension)) {
    const text = readConfigText(path, shown);
    const value = basename(path) === 'package.json' ? (parseJson(text, shown) as Record<string, unknown> | null)?.hiddenstate : parseData(text, shown);
    return { value, file: path };
  }
  readConfigText(path, shown); // the same checks: a regular file of sensible size
  try {
    return { value: await importConfig(path, extension), file: path };
  } catch (error) {
    throw new UsageError(`cannot read configuration ${shown}: ${firstLine(error)}`);
  }
}

/** Runs a configuration module and returns its default export; TypeScript is compiled into a temporary folder, never beside the file. */
async function importConfig(path: string, extension: string): Promise<unknown> {
  if (!['.ts', '.mts', '.cts'].includes(extension)) return ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
  const output = ts.transpileModule(readFileSync(path, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    fileName: path,
  }).outputText;
  const folder = mkdtempSync(join(tmpdir(), 'hidden-state-config-'));
  try {
    const compiled = join(folder, 'config.mjs');
    writeFileSync(compiled, output);
    return ((await import(pathToFileURL(compiled).href)) as { default?: unknown }).default;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function readManifestQuietly(path: string): unknown {
  try {
    return JSON.parse(readConfigText(path, 'package.json'));
  } catch {
    return undefined;
  }
}

function isPresent(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    // A dangling link or a loop is present for the user's purposes: reading it says what is wrong.
    return (error as NodeJS.ErrnoException).code === 'ELOOP';
  }
}

/** The text of a configuration file: a regular file (not a FIFO or a device) of a sensible size. */
function readConfigText(path: string, shown: string): string {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new UsageError(`cannot read configuration ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!stats.isFile()) throw new UsageError(`cannot read configuration ${shown}: not a regular file`);
  if (stats.size > MAX_CONFIG_BYTES) throw new UsageError(`cannot read configuration ${shown}: ${stats.size} bytes is over the ${MAX_CONFIG_BYTES}-byte limit`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read configuration ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** JSON for `.json`, YAML (which reads JSON too) otherwise; an empty file is no configuration. */
function parseData(text: string, shown: string): unknown {
  if (text.trim() === '') return undefined;
  if (shown.endsWith('.json')) return parseJson(text, shown);
  try {
    // The default schema of js-yaml 4 builds plain data only: no functions, no custom types.
    return loadYaml(text, { filename: shown });
  } catch (error) {
    throw new UsageError(`cannot read configuration ${shown}: ${firstLine(error)}`);
  }
}

/** JSON.parse reads the file; a file it refuses is described by jsonSyntaxError, with the line and column. */
function parseJson(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`cannot read configuration ${shown}: ${jsonSyntaxError(text) ?? firstLine(error)}`);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

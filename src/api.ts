/**
 * The programmatic API: `import { scan } from 'hidden-state'`. It returns the report that
 * `hidden-state scan --format json` prints, as an object.
 */
import { relative, resolve } from 'node:path';
import { loadConfig, validateConfig, type FileConfig } from './config/config.js';
import { searchConfig } from './config/config-file.js';
import type { Report } from './report/report.js';
import { scan as scanFiles } from './pipeline/scan.js';
import { CONFIG_SCHEMA, scanOptionsFor } from './config/scan-settings.js';

export type { Report, ScanScope, TierReport, Verdict } from './report/report.js';
export type { Finding, Severity, Confidence } from './report/finding.js';
export type { FileConfig } from './config/config.js';
export { UsageError } from './shared/errors.js';

/** What to scan; each setting overrides the configuration file, as its flag does on the command line. */
export interface ScanApiOptions {
  /** Files or folders to scan, relative to `cwd` (default `['.']`). */
  paths?: string[];
  /** The working directory: paths, globs and the configuration search start here (default `process.cwd()`). */
  cwd?: string;
  /** A configuration file (`--config`); when absent, the configuration is searched in `cwd` (data files only). */
  config?: string;
  /** The tsconfig.json or jsconfig.json that lists the files (`--project`). */
  project?: string;
  /** Only scan files matching these globs (`--include`). */
  include?: string[];
  /** Also leave out files matching these globs (`--exclude`). */
  exclude?: string[];
  /** Entry files or globs: only code reachable from them is the tier (`--entry`). */
  entry?: string[];
  /** Scan test files too (`--include-tests`). */
  includeTests?: boolean;
  /** Texts that replace files' contents on disk, by path (relative to `cwd`, or absolute): an editor's unsaved buffers. */
  texts?: Record<string, string>;
}

/**
 * Scans the paths and returns the report, the same object as `--format json`. A problem with the
 * options or the configuration rejects with a `UsageError` whose message is the CLI's error line.
 */
export async function scan(options: ScanApiOptions = {}): Promise<Report> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { config } = await loadConfig(cwd, options.config === undefined ? undefined : resolve(cwd, options.config), CONFIG_SCHEMA);
  return scanWith(options, cwd, config);
}

/**
 * `scan` for callers that cannot wait, such as an ESLint rule: the same report, with the
 * configuration found in `cwd` (a data file; one that runs code is not run, as in the search of
 * `scan`). Naming a configuration file needs `scan`.
 */
export function scanSync(options: Omit<ScanApiOptions, 'config'> = {}): Report {
  const cwd = resolve(options.cwd ?? process.cwd());
  const found = searchConfig(cwd);
  const config = found.value === undefined || found.value === null || !found.file ? {} : validateConfig(found.value, relative(cwd, found.file).replace(/\\/g, '/'), CONFIG_SCHEMA);
  return scanWith(options, cwd, config);
}

function scanWith(options: ScanApiOptions, cwd: string, config: FileConfig): Report {
  const settings = { ...options, entryFrom: 'the entry option' };
  const texts = new Map(Object.entries(options.texts ?? {}).map(([path, text]) => [resolve(cwd, path), text]));
  return scanFiles({ ...scanOptionsFor(options.paths ?? ['.'], cwd, settings, config), ...(texts.size > 0 ? { texts } : {}) }).report;
}

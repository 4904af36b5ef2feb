import { relative } from 'node:path';
import { toPosix } from '../pipeline/discover.js';
import { loadNamedConfig, searchConfig } from './config-file.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { UsageError } from '../shared/errors.js';
import { SEVERITIES, type FailOn, type RuleSetting} from '../report/finding.js';


/** The configuration file's shape (`hiddenstate` in package.json, `.hiddenstaterc`, `hiddenstate.config.js`). */
export interface FileConfig {
  /** Globs a file must match to be scanned (relative to the working directory). */
  include?: string[];
  /** Globs of files to leave out, on top of the built-in exclusions. */
  exclude?: string[];
  /** Entry files or globs: when given, only code reachable from them is the tier. */
  entry?: string[];
  /** The tsconfig.json (or jsconfig.json) that lists the files. */
  tsconfig?: string;
  /** Rule id -> severity, or `off`. */
  rules?: Record<string, RuleSetting>;
  /** The lowest severity that fails the run. */
  failOn?: FailOn;
  /** Scan test files too (`*.test.*`, `*.spec.*`, `test/`, `__tests__/`). */
  includeTests?: boolean;
  /** Files larger than this many bytes are reported and skipped. */
  maxFileSize?: number;
  /** Planned number of instances, for the reports' projections. */
  instances?: number;
  /** Peak requests per second across the tier, for the session-store sizing. */
  peakRps?: number;
  /** In-house libraries that create state: `{ module, export, kind, label?, externalizedBy? }`. */
  sources?: UserSource[];
  /** In-house packages that keep state in a shared store: `{ module, export?, note }`. */
  externalized?: UserStore[];
}

/** A library export the configuration declares as a source of state. */
export interface UserSource {
  module: string;
  /** Default `default`. */
  export?: string;
  kind: string;
  label?: string;
  /** The option that, when set, moves the state to a shared store. */
  externalizedBy?: { option?: string; values?: string[]; memoryValues?: string[] };
}

export interface UserStore {
  module: string;
  /** Default `*`: any export of the module. */
  export?: string;
  note: string;
}

export interface LoadedConfig {
  config: FileConfig;
  /** The file it came from, if any. */
  file?: string;
  /** A configuration that runs code, found by search and not loaded (relative to the working directory). */
  notRun?: string;
}

const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'none'];
const RULE_SETTINGS: readonly RuleSetting[] = [...SEVERITIES, 'off'];

type Check = (value: unknown, where: string) => void;

const stringList: Check = (value, where) => {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new UsageError(`${where} must be an array of strings`);
};
const oneOf = (allowed: readonly string[]): Check => (value, where) => {
  if (typeof value !== 'string' || !allowed.includes(value)) throw new UsageError(`${where} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
};

/** What validation needs to know about the rules. */
export interface ConfigSchemaFacts {
  ruleIds: readonly string[];
  /** Kinds a `sources` entry may name (those a library rule reports). */
  sourceKinds: readonly string[];
}

/**
 * Loads and validates the configuration: the file named with `--config`, or the data file found
 * in `cwd` (see config-file.ts: code found there is not run, only named in `notRun`).
 */
export async function loadConfig(cwd: string, explicitFile: string | undefined, schema: ConfigSchemaFacts): Promise<LoadedConfig> {
  const found = explicitFile ? await loadNamedConfig(explicitFile, cwd) : searchConfig(cwd);
  const notRun = found.notRun ? { notRun: found.notRun } : {};
  if (found.value === undefined || found.value === null || !found.file) return { config: {}, file: found.file, ...notRun };
  return { config: validateConfig(found.value, shownPath(found.file, cwd), schema), file: found.file, ...notRun };
}

/** The file as errors name it: relative to the working directory when below it. */
function shownPath(file: string, cwd: string): string {
  const shown = relative(cwd, file);
  return shown && !shown.startsWith('..') ? toPosix(shown) : file;
}

/** Checks every key and value; the error names the file, the key and what is allowed. */
export function validateConfig(raw: unknown, file: string, schema: ConfigSchemaFacts): FileConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${file}: the configuration must be an object`);
  const checks: Record<keyof FileConfig, Check> = {
    include: stringList,
    exclude: stringList,
    entry: stringList,
    tsconfig: (value, where) => {
      if (typeof value !== 'string') throw new UsageError(`${where} must be a string`);
    },
    rules: (value, where) => checkRules(value, where, schema.ruleIds),
    failOn: oneOf(FAIL_ON),
    includeTests: (value, where) => {
      if (typeof value !== 'boolean') throw new UsageError(`${where} must be true or false`);
    },
    maxFileSize: (value, where) => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new UsageError(`${where} must be a positive whole number of bytes`);
    },
    sources: (value, where) => checkEntries(value, where, { module: 'string', export: 'string?', kind: 'string', label: 'string?', externalizedBy: 'object?' }, (entry, at) => oneOf(schema.sourceKinds)(entry.kind, `${at}.kind`)),
    externalized: (value, where) => checkEntries(value, where, { module: 'string', export: 'string?', note: 'string' }),
    instances: (value, where) => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`${where} must be a whole number of instances, 1 or more`);
    },
    peakRps: (value, where) => {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new UsageError(`${where} must be a number of requests per second above 0`);
    },
  };
  for (const [key, value] of Object.entries(raw)) {
    // Own keys only: `__proto__` or `constructor` would otherwise find Object.prototype's members.
    const check = Object.hasOwn(checks, key) ? checks[key as keyof FileConfig] : undefined;
    if (!check) throw new UsageError(`${file}: unknown key '${key}' (allowed: ${Object.keys(checks).join(', ')})`);
    check(value, `${file}: '${key}'`);
  }
  return raw as FileConfig;
}

/** An array of objects whose fields have the given types (`?` = optional). */
function checkEntries(
  value: unknown,
  where: string,
  fields: Record<string, string>,
  extra?: (entry: Record<string, unknown>, at: string) => void,
): void {
  if (!Array.isArray(value)) throw new UsageError(`${where} must be an array of objects`);
  value.forEach((entry: unknown, index) => {
    const at = `${where}[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new UsageError(`${at} must be an object`);
    for (const key of Object.keys(entry)) {
      if (!Object.hasOwn(fields, key)) throw new UsageError(`${at}: unknown key '${key}' (allowed: ${Object.keys(fields).join(', ')})`);
    }
    for (const [key, type] of Object.entries(fields)) {
      const field = (entry as Record<string, unknown>)[key];
      const optional = type.endsWith('?');
      if (field === undefined && optional) continue;
      if (typeof field !== type.replace('?', '') || field === null) throw new UsageError(`${at}.${key} must be a ${type.replace('?', '')}`);
    }
    extra?.(entry as Record<string, unknown>, at);
  });
}

function checkRules(value: unknown, where: string, ruleIds: readonly string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where} must map rule ids to ${RULE_SETTINGS.join('|')}`);
  for (const [id, setting] of Object.entries(value)) {
    if (!ruleIds.includes(id)) throw new UsageError(`${where}: unknown rule '${id}'${didYouMean(id, ruleIds)} (known: ${ruleIds.join(', ')})`);
    oneOf(RULE_SETTINGS)(setting, `${where}.${id}`);
  }
}

import { cosmiconfig } from 'cosmiconfig';
import { UsageError } from './errors.js';
import { SEVERITIES, type Severity } from './finding.js';

export type RuleSetting = Severity | 'off';
export type FailOn = Severity | 'none';

/** The configuration file's shape (`hiddenstate` in package.json, `.hiddenstaterc`, `hiddenstate.config.js`). */
export interface FileConfig {
  /** Globs a file must match to be scanned (relative to the working directory). */
  include?: string[];
  /** Globs of files to leave out, on top of the built-in exclusions. */
  exclude?: string[];
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
}

export interface LoadedConfig {
  config: FileConfig;
  /** The file it came from, if any. */
  file?: string;
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

/** Loads and validates the configuration: the explicit file, or the nearest one cosmiconfig finds from `cwd`. */
export async function loadConfig(cwd: string, explicitFile: string | undefined, ruleIds: readonly string[]): Promise<LoadedConfig> {
  const explorer = cosmiconfig('hiddenstate', { stopDir: cwd });
  let result;
  try {
    result = explicitFile ? await explorer.load(explicitFile) : await explorer.search(cwd);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`cannot read configuration${explicitFile ? ` ${explicitFile}` : ''}: ${reason}`);
  }
  if (!result || result.isEmpty) return { config: {}, file: result?.filepath };
  return { config: validateConfig(result.config, result.filepath, ruleIds), file: result.filepath };
}

/** Checks every key and value; the error names the file, the key and what is allowed. */
export function validateConfig(raw: unknown, file: string, ruleIds: readonly string[]): FileConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${file}: the configuration must be an object`);
  const checks: Record<keyof FileConfig, Check> = {
    include: stringList,
    exclude: stringList,
    tsconfig: (value, where) => {
      if (typeof value !== 'string') throw new UsageError(`${where} must be a string`);
    },
    rules: (value, where) => checkRules(value, where, ruleIds),
    failOn: oneOf(FAIL_ON),
    includeTests: (value, where) => {
      if (typeof value !== 'boolean') throw new UsageError(`${where} must be true or false`);
    },
    maxFileSize: (value, where) => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new UsageError(`${where} must be a positive whole number of bytes`);
    },
    instances: (value, where) => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`${where} must be a whole number of instances, 1 or more`);
    },
    peakRps: (value, where) => {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new UsageError(`${where} must be a number of requests per second above 0`);
    },
  };
  for (const [key, value] of Object.entries(raw)) {
    const check = checks[key as keyof FileConfig];
    if (!check) throw new UsageError(`${file}: unknown key '${key}' (allowed: ${Object.keys(checks).join(', ')})`);
    check(value, `${file}: '${key}'`);
  }
  return raw as FileConfig;
}

function checkRules(value: unknown, where: string, ruleIds: readonly string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where} must map rule ids to ${RULE_SETTINGS.join('|')}`);
  for (const [id, setting] of Object.entries(value)) {
    if (!ruleIds.includes(id)) throw new UsageError(`${where}: unknown rule '${id}' (known: ${ruleIds.join(', ')})`);
    oneOf(RULE_SETTINGS)(setting, `${where}.${id}`);
  }
}

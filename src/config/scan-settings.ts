import { RULES } from '../../rules/index.js';
import { LIBRARY_RULE_FOR_KIND, SHARED_STORES, STATE_SOURCES } from '../catalogue/catalogue.js';
import type { FileConfig } from './config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../pipeline/source-text.js';
import type { ScanOptions } from '../pipeline/scan.js';
import { userSources, userStores } from './user-catalogue.js';

/** What configuration validation needs to know about the rules. */
export const CONFIG_SCHEMA = {
  ruleIds: RULES.map((rule) => rule.id),
  sourceKinds: Object.keys(LIBRARY_RULE_FOR_KIND),
};

/** Which files to scan, as given on the command line or to the API; each overrides the configuration. */
export interface SourceSettings {
  project?: string;
  include?: string[];
  exclude?: string[];
  entry?: string[];
  includeTests?: boolean;
  /** Where `entry` came from, for the error about an entry that matches no file. */
  entryFrom?: string;
}

/**
 * The scan's options from the settings and the configuration: settings first, then the
 * configuration, then the defaults. The command line and the API build them here, so that the
 * same inputs give the same report.
 */
export function scanOptionsFor(paths: readonly string[], cwd: string, settings: SourceSettings, config: FileConfig): ScanOptions {
  return {
    paths,
    cwd,
    tsconfig: settings.project ?? config.tsconfig,
    entries: settings.entry ?? config.entry ?? [],
    entriesFrom: settings.entry ? settings.entryFrom ?? '--entry' : "the configuration's entry",
    include: settings.include ?? config.include ?? [],
    exclude: [...(config.exclude ?? []), ...(settings.exclude ?? [])],
    includeTests: settings.includeTests ?? config.includeTests ?? false,
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    rules: RULES,
    ruleSettings: config.rules ?? {},
    sources: [...STATE_SOURCES, ...userSources(config.sources ?? [])],
    stores: [...SHARED_STORES, ...userStores(config.externalized ?? [])],
  };
}


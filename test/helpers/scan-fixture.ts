import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_STORES, STATE_SOURCES } from '../../src/catalogue/catalogue.js';
import { RULES } from '../../rules/index.js';
import { createCatalogue } from '../../src/catalogue/types.js';
import { analyse } from '../../src/engine/engine.js';
import type { Finding } from '../../src/report/finding.js';
import { parseText } from '../../src/engine/parse.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/pipeline/source-text.js';
import { scan, type ScanOptions, type ScanResult } from '../../src/pipeline/scan.js';
import { describeFindings, expectationsBelow, fixtureFolders } from './expectations.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(ROOT, 'fixtures');

/** Scans a fixture folder in-process, from the repository root, with default options. */
export function scanFixture(name: string, overrides: Partial<ScanOptions> = {}): ScanResult {
  return scanWithDefaults([join('fixtures', name)], ROOT, { ...fixtureSettings(name), ...overrides });
}

/** Scans paths in-process with every rule, the built-in catalogue and default options. */
export function scanWithDefaults(paths: string[], cwd: string, overrides: Partial<ScanOptions> = {}): ScanResult {
  return scan({
    paths,
    cwd,
    include: [],
    exclude: [],
    includeTests: false,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    rules: RULES,
    ruleSettings: {},
    sources: STATE_SOURCES,
    stores: SHARED_STORES,
    ...overrides,
  });
}

/** Optional `fixture.json` beside the code: scan options a fixture needs. */
function fixtureSettings(name: string): Partial<ScanOptions> {
  const path = join(FIXTURES, name, 'fixture.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<ScanOptions>) : {};
}

/** Analyses one in-memory module with every rule: for documentation examples and small cases. */
export function analyseSnippet(text: string, file = 'snippet.ts'): Finding[] {
  return analyse([parseText(file, text)], RULES.map((rule) => ({ rule, severity: rule.severity })), createCatalogue(STATE_SOURCES, SHARED_STORES)).findings;
}

/** The findings a fixture's comments promise (`// expect: rule-id`), as `file:line rule-id Y|N`, sorted. */
export function expectedFindings(name: string): string[] {
  return expectationsBelow(ROOT, join(FIXTURES, name));
}

export { describeFindings };

export function fixtureNames(): string[] {
  return fixtureFolders(FIXTURES);
}

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_STORES, STATE_SOURCES } from '../../rules/catalogue.js';
import { RULES } from '../../rules/index.js';
import { createCatalogue } from '../../src/catalogue-types.js';
import { analyse } from '../../src/engine.js';
import type { Finding } from '../../src/finding.js';
import { DEFAULT_MAX_FILE_SIZE, parseText } from '../../src/project.js';
import { scan, type ScanOptions, type ScanResult } from '../../src/scan.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(ROOT, 'fixtures');

/** Scans a fixture folder in-process, from the repository root, with default options. */
export function scanFixture(name: string, overrides: Partial<ScanOptions> = {}): ScanResult {
  const settings = fixtureSettings(name);
  return scan({
    paths: [join('fixtures', name)],
    cwd: ROOT,
    include: [],
    exclude: [],
    includeTests: false,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    rules: RULES,
    ruleSettings: {},
    sources: STATE_SOURCES,
    stores: SHARED_STORES,
    ...settings,
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

const EXPECT_MARKER = /\/\/\s*expect(-shared)?:\s*([\w\-,\s]+?)\s*$/;

/**
 * The findings a fixture's comments promise: `// expect: rule-id` at the end of a line for an
 * instance-local line, `// expect-shared: rule-id` for an Instance-local N line. As
 * `file:line rule-id Y|N`, sorted.
 */
export function expectedFindings(name: string): string[] {
  const expected: string[] = [];
  for (const path of sourceFilesBelow(join(FIXTURES, name))) {
    const file = relative(ROOT, path).split('\\').join('/');
    readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
      const match = EXPECT_MARKER.exec(line);
      if (!match) return;
      for (const ruleId of match[2]!.split(',').map((id) => id.trim()).filter(Boolean)) {
        expected.push(`${file}:${index + 1} ${ruleId} ${match[1] ? 'N' : 'Y'}`);
      }
    });
  }
  return expected.sort();
}

/** The same shape for actual findings. */
export function describeFindings(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.instanceLocal ? 'Y' : 'N'}`).sort();
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();
}

function sourceFilesBelow(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') files.push(...sourceFilesBelow(path));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name)) files.push(path);
  }
  return files;
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { defineRule } from '../src/engine/rule.js';
import { formatTable } from '../src/reporters/table.js';
import { runInProcess as runCli, temporaryFolder } from './helpers/run-cli.js';
import { scanWithDefaults } from './helpers/scan-fixture.js';

/** A folder with the given files (paths relative to it). */
function folderWith(files: Record<string, string>): string {
  const folder = temporaryFolder();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

const STATELESS = { 'src/server.ts': 'export function handler() { return 1; }\n' };

/** A rule whose visitor throws on every call: stands for a bug in a rule. */
const throwingRule = defineRule({
  id: 'throws-always',
  kind: 'cache',
  title: 'Throws',
  description: 'Flags nothing: throws on every call.',
  severity: 'error',
  precedence: 0,
  impact: 'none',
  move: 'none',
  messages: { found: 'found' },
  docs: { rationale: '', notState: '', flagged: '', notFlagged: '' },
  create: () => ({
    CallExpression: () => {
      throw new Error('boom');
    },
  }),
});

describe('the incomplete verdict', () => {
  it('a rule that throws makes the verdict incomplete, never stateless, with the rule, file and line', async () => {
    const folder = folderWith({ 'src/server.ts': 'export function handler() {\n  return String(1);\n}\n' });
    const { report } = scanWithDefaults(['.'], folder, { rules: [...RULES, throwingRule] });
    expect(report.findings.filter((finding) => finding.instanceLocal)).toEqual([]);
    expect(report.verdict).toBe('incomplete');
    expect(report.tiers.map((tier) => tier.verdict)).toEqual(['incomplete']);
    expect(report.errors).toEqual([{ file: 'src/server.ts', message: 'rule throws-always failed at src/server.ts:2: boom' }]);
    const table = formatTable(report, { color: false, width: 120 });
    expect(table).toContain('Verdict: incomplete');
    expect(table).not.toContain('stateless');
    expect(table).toContain('src/server.ts: rule throws-always failed at src/server.ts:2: boom');
  });

  it('a file error is exit 2 with one line on stderr; --allow-incomplete accepts it and the gate decides', async () => {
    const folder = folderWith({ ...STATELESS, 'src/broken.ts': 'export function (( {\n' });
    const run = await runCli(['scan', '.'], folder);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('Verdict: incomplete');
    expect(run.stdout).not.toContain('stateless');
    expect(run.stderr).toMatch(/^hidden-state: incomplete: 1 file could not be analysed \(src\/broken\.ts: parse error at 1:17: [^\n]*\); --allow-incomplete accepts an incomplete scan\n$/);
    const allowed = await runCli(['scan', '.', '--allow-incomplete', '-f', 'json'], folder);
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout).verdict).toBe('incomplete');
  });

  it('an incomplete scan that also finds state fails the gate with exit 2 (1 with --allow-incomplete)', async () => {
    const folder = folderWith({ 'src/cache.ts': 'const prices = new Map();\nexport function remember(id: string) { prices.set(id, 1); }\n', 'src/broken.ts': 'export function (( {\n' });
    expect((await runCli(['scan', '.'], folder)).status).toBe(2);
    expect((await runCli(['scan', '.', '--allow-incomplete'], folder)).status).toBe(1);
  });

  it.each([
    ['an empty folder', {}, []],
    ['a folder without JS or TS', { 'README.md': '# hi\n', 'data.json': '{}' }, []],
    ['only files that fail to parse', { 'src/a.ts': 'export function (( {\n', 'src/b.ts': 'let = ;\n' }, []],
    ['an --include that matches nothing', STATELESS, ['--include', 'lib/**']],
  ])('a scan that analyses no file is exit 2, not "stateless (0 files scanned)": %s', async (_, files, flags) => {
    const folder = folderWith(files as Record<string, string>);
    for (const extra of [[], ['--allow-incomplete']]) {
      const run = await runCli(['scan', '.', ...(flags as string[]), ...extra, '-f', 'json'], folder);
      expect(run.status).toBe(2);
      expect(JSON.parse(run.stdout).verdict).toBe('incomplete');
      expect(run.stderr).toContain('hidden-state: no file was analysed');
    }
  });

  it('--entry that matches no scanned file is exit 2 with one line', async () => {
    const folder = folderWith(STATELESS);
    const run = await runCli(['scan', '.', '--entry', 'nope.ts'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("hidden-state: --entry 'nope.ts' matches no scanned file\n");
    expect((await runCli(['scan', '.', '--entry', 'src/server.ts'], folder)).status).toBe(0);
  });
});

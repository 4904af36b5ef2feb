import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { restrictToChangedLines } from '../src/ci/changed-lines.js';
import { run, type CliIo } from '../src/cli/cli.js';
import { mergeReports } from '../src/ci/merge.js';
import { mergeSarifLogs } from '../src/ci/merge-sarif.js';
import type { Report } from '../src/report/report.js';
import { formatSarif } from '../src/reporters/sarif.js';
import { summarizeRules } from '../src/cli/rule-docs.js';
import { temporaryFolder } from './helpers/run-cli.js';
import { FIXTURES } from './helpers/scan-fixture.js';

/** Five tiers (two share a workspace library), errors, warnings and shared lines. */
const SERVICES = ['monorepo', 'express-shop', 'warehouse-locks', 'reminder-jobs'];
const PATHS = SERVICES.map((name) => `fixtures/${name}`);
const SHARDS = 3;
const RULE_SUMMARIES = summarizeRules(RULES);
/** 2024-05-06T00:00:00Z. */
const EPOCH = '1714953600';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The workspace holds files that cannot be analysed (see makeWorkspace), so every scan is
 * incomplete: `--allow-incomplete` lets the gate decide, as these tests compare gates.
 */
async function cli(argv: string[], cwd: string, { strict = false } = {}): Promise<CliRun> {
  if (!strict && (argv[0] === 'scan' || argv[0] === 'merge')) argv = [...argv, '--allow-incomplete'];
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, env: { SOURCE_DATE_EPOCH: EPOCH }, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), stdoutIsTTY: false, stderrIsTTY: false };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/**
 * The four services copied into a scratch folder, with what only some shards see: a file that
 * does not parse, a symlink loop (a discovery error, in every shard), a suppressed finding, a
 * suppression comment without a reason and one that covers nothing.
 */
function makeWorkspace(): string {
  const folder = temporaryFolder('hidden-state-merge-');
  folders.push(folder);
  for (const name of SERVICES) cpSync(join(FIXTURES, name), join(folder, 'fixtures', name), { recursive: true });
  const edit = (path: string, from: string, to: string): void => {
    const text = readFileSync(join(folder, path), 'utf8');
    expect(text, path).toContain(from);
    writeFileSync(join(folder, path), text.replace(from, to));
  };
  writeFileSync(join(folder, 'fixtures/express-shop/src/routes/broken.ts'), 'export function (( {\n');
  symlinkSync(join(folder, 'fixtures/monorepo/packages/shared/src/loop-b'), join(folder, 'fixtures/monorepo/packages/shared/src/loop-a'));
  symlinkSync(join(folder, 'fixtures/monorepo/packages/shared/src/loop-a'), join(folder, 'fixtures/monorepo/packages/shared/src/loop-b'));
  edit('fixtures/reminder-jobs/src/jobs/reminders.ts', '// expect: local-scheduler', '// hidden-state-ignore-line local-scheduler -- the digest goes out from one worker by design');
  edit('fixtures/reminder-jobs/src/metrics.ts', '// expect: local-queue', '// hidden-state-ignore-line local-queue');
  edit('fixtures/warehouse-locks/src/server.ts', "import express from 'express';", "import express from 'express'; // hidden-state-ignore-line module-cache -- nothing to cover");
  return folder;
}

/** What `scan --shard i/3` writes for each part, run for real. */
async function scanShards(workspace: string, scanArgs: readonly string[], format: 'json' | 'sarif'): Promise<string[]> {
  const texts: string[] = [];
  for (let index = 1; index <= SHARDS; index++) {
    const shard = await cli([...scanArgs, '-f', format, '--fail-on', 'none', '--shard', `${index}/${SHARDS}`], workspace);
    expect(shard.code, shard.stderr).toBe(0);
    texts.push(shard.stdout);
  }
  return writeShards(workspace, texts, format);
}

function writeShards(folder: string, texts: readonly string[], extension: string): string[] {
  return texts.map((text, index) => {
    const name = `shard-${index + 1}.${extension}`;
    writeFileSync(join(folder, name), text);
    return name;
  });
}

describe('merge of JSON shard reports', () => {
  let workspace: string;
  let unsharded: Report;
  let shards: string[];

  beforeAll(async () => {
    workspace = makeWorkspace();
    const scanned = await cli(['scan', ...PATHS, '--report-unused-ignores', '-f', 'json', '--fail-on', 'none'], workspace);
    expect(scanned.code).toBe(0);
    unsharded = JSON.parse(scanned.stdout) as Report;
    shards = await scanShards(workspace, ['scan', ...PATHS, '--report-unused-ignores'], 'json');
  });

  it('splits the scan for real: every shard holds only part of it', () => {
    const reports = shards.map((name) => JSON.parse(readFileSync(join(workspace, name), 'utf8')) as Report);
    expect(unsharded.tiers).toHaveLength(5);
    expect(unsharded.errors.map((error) => error.file)).toEqual([
      'fixtures/express-shop/src/routes/broken.ts',
      'fixtures/monorepo/packages/shared/src/loop-a',
      'fixtures/monorepo/packages/shared/src/loop-b',
    ]);
    expect(unsharded.suppressionProblems?.map((problem) => problem.problem)).toEqual(['missing-reason', 'unused']);
    expect(unsharded.findings.some((finding) => finding.suppression)).toBe(true);
    for (const report of reports) {
      expect(report.findings.length).toBeGreaterThan(0);
      expect(report.findings.length).toBeLessThan(unsharded.findings.length);
      expect(report.tiers.map((tier) => tier.name)).toEqual(unsharded.tiers.map((tier) => tier.name));
    }
    expect(reports.reduce((total, report) => total + report.findings.length, 0)).toBe(unsharded.findings.length);
  });

  it('gives the unsharded JSON byte for byte, whatever the order of the inputs', async () => {
    const scanned = await cli(['scan', ...PATHS, '--report-unused-ignores', '-f', 'json'], workspace);
    const merged = await cli(['merge', ...shards, '-f', 'json'], workspace);
    expect(merged).toEqual(scanned);
    expect((await cli(['merge', ...[...shards].reverse(), '-f', 'json'], workspace)).stdout).toBe(scanned.stdout);
  });

  it.each(['table', 'compact', 'sarif', 'github'])('prints the unsharded %s output, notes and exit code', async (format) => {
    const scanned = await cli(['scan', ...PATHS, '--report-unused-ignores', '-f', format], workspace);
    const merged = await cli(['merge', ...shards, '-f', format], workspace);
    expect(merged).toEqual(scanned);
    expect(merged.code).toBe(1);
  });

  it('exits 2 on an incomplete merged report, as the scan does, unless --allow-incomplete', async () => {
    const scanned = await cli(['scan', ...PATHS, '--report-unused-ignores'], workspace, { strict: true });
    const merged = await cli(['merge', ...shards], workspace, { strict: true });
    expect(merged).toEqual(scanned);
    expect(merged.code).toBe(2);
    expect(merged.stdout).toContain('Verdict: incomplete');
    expect(merged.stderr).toMatch(/^hidden-state: incomplete: 3 files could not be analysed /);
  });

  it('refuses an incomplete or doubled set of shards, and a whole scan among shards: a missing shard would pass the gate unseen', async () => {
    const [first, second, third] = shards as [string, string, string];
    writeFileSync(join(workspace, 'whole.json'), (await cli(['scan', ...PATHS, '-f', 'json', '--fail-on', 'none'], workspace)).stdout);
    for (const [files, message] of [
      [[first, third], 'shard 2 of 3 missing: merge needs every shard of the run'],
      [[first], 'shards 2, 3 of 3 missing: merge needs every shard of the run'],
      [[first, second, third, second], `${second} and ${second} are both shard 2/3: give each shard once`],
      [[first, second, 'whole.json'], `whole.json is a whole scan and ${first} shard 1/3: merge the shards of one run`],
    ] as const) {
      expect(await cli(['merge', ...files], workspace)).toEqual({ code: 2, stdout: '', stderr: `hidden-state: ${message}\n` });
    }
    expect((JSON.parse(readFileSync(join(workspace, second), 'utf8')) as Report).shard).toEqual({ index: 2, count: 3 });
  });

  it('applies the same gate as scan, from the flags or the configuration', async () => {
    writeFileSync(join(workspace, 'warnings-fail.json'), JSON.stringify({ failOn: 'warning' }));
    const settings = [
      ['--fail-on', 'warning'],
      ['--fail-on', 'none'],
      ['--fail-on', 'none', '--max-warnings', '3'],
      ['--fail-on', 'none', '--max-warnings', '20'],
      ['--fail-on', 'warning', '--min-confidence', 'high', '-q'],
      ['-c', 'warnings-fail.json'],
    ];
    const codes = new Set<number>();
    for (const gate of settings) {
      const scanned = await cli(['scan', ...PATHS, '--report-unused-ignores', ...gate], workspace);
      const merged = await cli(['merge', ...shards, ...gate], workspace);
      expect(merged, gate.join(' ')).toEqual(scanned);
      codes.add(merged.code);
    }
    expect([...codes].sort()).toEqual([0, 1]);
  });

  it('writes review formats with a header taken from the report and excerpts read from the checkout', async () => {
    const merged = await cli(['merge', ...shards, '-f', 'markdown', '-o', 'review.md'], workspace);
    expect(merged.code).toBe(1);
    const markdown = readFileSync(join(workspace, 'review.md'), 'utf8');
    expect(markdown).toContain('- **Service:** @acme/notifications\n- **Date:** 2024-05-06\n');
    expect(markdown).toContain('`fixtures/warehouse-locks/src/server.ts`');
    // Below the header, what an unsharded scan writes, code excerpts included.
    const scanned = await cli(['scan', ...PATHS, '--report-unused-ignores', '-f', 'markdown'], workspace);
    const body = (text: string): string => text.slice(text.indexOf('\n## '));
    expect(body(scanned.stdout)).toContain('```ts');
    expect(body(markdown)).toBe(body(scanned.stdout));
  });

  it('keeps --changed-since: the shards of a restricted scan merge into the restricted report', () => {
    const changed = new Map([
      ['fixtures/warehouse-locks/src/inventory/stock-reservations.ts', [{ from: 5, to: 5 }]],
      ['fixtures/reminder-jobs/src/metrics.ts', [{ from: 1, to: 40 }]],
    ]);
    const restricted = restrictToChangedLines(unsharded, changed, 'origin/main');
    const reports = shards.map((name) => JSON.parse(readFileSync(join(workspace, name), 'utf8')) as Report);
    const merged = mergeReports(reports.map((shard) => restrictToChangedLines(shard, changed, 'origin/main')));
    expect(merged.changedSince).toBe('origin/main');
    expect(merged.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(restricted));
  });
});

describe('merge with a baseline', () => {
  it('unions the fixed entries: those of a deleted file once, those of an edited file from their shard', async () => {
    const workspace = makeWorkspace();
    expect((await cli(['baseline', ...PATHS, '-o', 'baseline.json'], workspace)).code).toBe(0);
    rmSync(join(workspace, 'fixtures/express-shop/src/routes/cart.ts'));
    const metrics = join(workspace, 'fixtures/reminder-jobs/src/metrics.ts');
    writeFileSync(metrics, readFileSync(metrics, 'utf8').replaceAll('userTimezones', 'timezonesByUser'));
    const scan = ['scan', ...PATHS, '--report-unused-ignores', '--baseline', 'baseline.json'];
    const report = JSON.parse((await cli([...scan, '-f', 'json'], workspace)).stdout) as Report;
    expect(report.baseline!.fixed.map((entry) => `${entry.file} ${entry.symbol}`)).toEqual([
      'fixtures/express-shop/src/routes/cart.ts carts',
      'fixtures/reminder-jobs/src/metrics.ts userTimezones',
    ]);
    const shards = await scanShards(workspace, scan, 'json');
    // The deleted file's entry is fixed in every shard; the edited file's only in its own.
    const fixed = shards.map((name) => (JSON.parse(readFileSync(join(workspace, name), 'utf8')) as Report).baseline!.fixed.length);
    expect(fixed.sort()).toEqual([1, 1, 2]);
    for (const format of ['json', 'table']) {
      const scanned = await cli([...scan, '-f', format], workspace);
      expect(await cli(['merge', ...shards, '-f', format], workspace), format).toEqual(scanned);
      expect(scanned.code).toBe(1); // timezonesByUser is new
    }
  });
});

describe('merge of SARIF shard logs', () => {
  let workspace: string;
  let unsharded: Report;
  let shards: string[];

  beforeAll(async () => {
    workspace = makeWorkspace();
    unsharded = JSON.parse((await cli(['scan', ...PATHS, '--report-unused-ignores', '-f', 'json'], workspace)).stdout) as Report;
    shards = await scanShards(workspace, ['scan', ...PATHS, '--report-unused-ignores'], 'sarif');
  });

  it('gives the unsharded SARIF byte for byte, and exits 0: SARIF logs are only combined', async () => {
    const scanned = await cli(['scan', ...PATHS, '--report-unused-ignores', '-f', 'sarif'], workspace);
    expect(scanned.code).toBe(1);
    const merged = await cli(['merge', ...[...shards].reverse(), '-o', 'merged.sarif'], workspace);
    expect(merged).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(workspace, 'merged.sarif'), 'utf8')).toBe(scanned.stdout);
  });

  it('keeps the most severe results past the cap, as the writer does', () => {
    const logs = shards.map((name) => JSON.parse(readFileSync(join(workspace, name), 'utf8')) as Log);
    const capped = formatSarif(unsharded, { rules: RULE_SUMMARIES, maxResults: 7 });
    expect(`${JSON.stringify(mergeSarifLogs(logs, 7), null, 2)}\n`).toBe(capped);
    expect((JSON.parse(capped) as Log).runs[0]!.properties!.resultsOmitted).toBe(unsharded.findings.length - 7);
  });

  it('refuses gate settings and other formats: they need the JSON reports', async () => {
    for (const [flags, message] of [
      [['--fail-on', 'warning'], "--fail-on needs the shards' JSON reports: SARIF logs are only combined, without a gate"],
      [['--max-warnings', '0'], "--max-warnings needs the shards' JSON reports: SARIF logs are only combined, without a gate"],
      [['-f', 'table'], "SARIF logs merge into SARIF: -f table needs the shards' JSON reports"],
    ] as const) {
      expect(await cli(['merge', ...shards, ...flags], workspace)).toEqual({ code: 2, stdout: '', stderr: `hidden-state: ${message}\n` });
    }
  });
});

describe('bad input', () => {
  let workspace: string;

  beforeAll(async () => {
    workspace = makeWorkspace();
    const report = JSON.parse((await cli(['scan', 'fixtures/express-shop', '-f', 'json'], workspace)).stdout) as Report;
    writeFileSync(join(workspace, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(workspace, 'report.sarif'), formatSarif(report, { rules: RULE_SUMMARIES }));
    writeFileSync(join(workspace, 'truncated.json'), `{\n  "tool": {\n    "name": "hidden`);
    writeFileSync(join(workspace, 'other-tool.sarif'), JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'eslint', version: '9.0.0' } }, results: [] }] }));
    const withReport = (name: string, change: Partial<Report>): void => writeFileSync(join(workspace, name), JSON.stringify({ ...report, ...change }));
    withReport('older.json', { tool: { name: 'hidden-state', version: '0.0.9' } });
    withReport('changed-since.json', { changedSince: 'origin/main' });
    withReport('bad-finding.json', { findings: [{ ...report.findings[0]!, line: '6' as unknown as number }] });
  });

  it.each([
    [['missing.json'], /^cannot read report .*missing\.json: ENOENT$/],
    [['truncated.json'], /^truncated\.json: not valid JSON \(Unterminated string in JSON at position \d+( \(line 3 column \d+\))?\)$/],
    [['fixtures/express-shop/package.json'], /^fixtures\/express-shop\/package\.json: not a hidden-state report \(merge reads what 'hidden-state scan' writes with -f json or -f sarif\)$/],
    [['bad-finding.json'], /^bad-finding\.json: not a hidden-state report/],
    [['other-tool.sarif'], /^other-tool\.sarif: not a hidden-state report/],
    [['report.json', 'report.sarif'], /^report\.sarif is a SARIF log and report\.json a JSON report: merge files of one kind$/],
    [['report.json', 'older.json'], /^older\.json was written by hidden-state 0\.0\.9 and report\.json by \d+\.\d+\.\d+: merge files of one version$/],
    [['older.json'], /^older\.json was written by hidden-state 0\.0\.9, this is \d+\.\d+\.\d+: merge with the version that scanned$/],
    [['report.json', 'changed-since.json'], /^changed-since\.json and report\.json come from different runs \(--changed-since origin\/main against not given\): merge the shards of one run$/],
    [[], /^missing required argument 'reports'$/],
  ])('merge %j is exit 2 with one line', async (files, message) => {
    const result = await cli(['merge', ...files], workspace);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^hidden-state: [^\n]+\n$/);
    expect(result.stderr.slice('hidden-state: '.length, -1)).toMatch(message);
  });

  it('merges one report into itself', async () => {
    expect(await cli(['merge', 'report.json', '-f', 'json'], workspace)).toEqual(await cli(['scan', 'fixtures/express-shop', '-f', 'json'], workspace));
  });
});

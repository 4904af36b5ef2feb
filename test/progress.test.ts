import { appendFileSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../src/cli/cli.js';
import { createProgressLine, type ProgressLineOptions } from '../src/cli/progress.js';
import { temporaryFolder } from './helpers/run-cli.js';
import { ROOT, scanFixture, scanWithDefaults } from './helpers/scan-fixture.js';
import type { ScanProgress } from '../src/pipeline/scan.js';

const CLEAR = '\r\x1b[K';
const HALF_DONE = { total: 3000, read: 1234, analysed: 800 };

/** A progress line on a fake terminal, with a clock that moves only when told. */
function fakeTerminal(options: Partial<ProgressLineOptions> = {}) {
  let time = 5_000;
  const writes: string[] = [];
  const line = createProgressLine({ write: (text) => writes.push(text), isTTY: true, env: {}, quiet: false, now: () => time, ...options });
  return { line, writes, advance: (ms: number) => (time += ms) };
}

describe('the progress line', () => {
  it('stays silent for the first second, so that fast scans print nothing', () => {
    const { line, writes, advance } = fakeTerminal();
    line.update(HALF_DONE);
    advance(999);
    line.update(HALF_DONE);
    line.done();
    expect(writes).toEqual([]);
  });

  it('then draws one line over the previous one, counts grouped as in the reports', () => {
    const { line, writes, advance } = fakeTerminal();
    advance(2_100);
    line.update(HALF_DONE);
    advance(1_000);
    line.update({ total: 3000, read: 3000, analysed: 1500 });
    expect(writes).toEqual([
      `${CLEAR}hidden-state: 1,234/3,000 files read, 800 analysed, 2.1 s`,
      `${CLEAR}hidden-state: 3,000/3,000 files read, 1,500 analysed, 3.1 s`,
    ]);
  });

  it('redraws at most every 100 ms, however often the scan reports', () => {
    const { line, writes, advance } = fakeTerminal();
    advance(1_000);
    for (let analysed = 0; analysed < 99; analysed++) {
      line.update({ ...HALF_DONE, analysed });
      advance(1);
    }
    expect(writes).toEqual([`${CLEAR}hidden-state: 1,234/3,000 files read, 0 analysed, 1 s`]);
    advance(1);
    line.update({ ...HALF_DONE, analysed: 100 });
    expect(writes).toHaveLength(2);
    expect(writes[1]).toBe(`${CLEAR}hidden-state: 1,234/3,000 files read, 100 analysed, 1.1 s`);
  });

  it('erases the line when the scan ends, and only if it was drawn', () => {
    const { line, writes, advance } = fakeTerminal();
    advance(1_500);
    line.update(HALF_DONE);
    line.done();
    expect(writes.at(-1)).toBe(CLEAR);
    expect(writes).toHaveLength(2);
    line.done();
    expect(writes).toHaveLength(2);
  });

  it('is cut one column short of a narrow terminal, so that it cannot wrap', () => {
    const { line, writes, advance } = fakeTerminal({ columns: 30 });
    advance(1_000);
    line.update(HALF_DONE);
    expect(writes).toEqual([`${CLEAR}hidden-state: 1,234/3,000 fil`]);
  });

  it('is drawn whole when the terminal reports no width (0 columns)', () => {
    const { line, writes, advance } = fakeTerminal({ columns: 0 });
    advance(1_000);
    line.update(HALF_DONE);
    expect(writes).toEqual([`${CLEAR}hidden-state: 1,234/3,000 files read, 800 analysed, 1 s`]);
  });

  it.each<[string, Partial<ProgressLineOptions>]>([
    ['stderr is not a terminal', { isTTY: false }],
    ['CI=true', { env: { CI: 'true' } }],
    ['CI=1', { env: { CI: '1' } }],
    ['--quiet', { quiet: true }],
    ['TERM=dumb', { env: { TERM: 'dumb' } }],
  ])('never writes when %s', (_, options) => {
    const { line, writes, advance } = fakeTerminal(options);
    advance(10_000);
    line.update(HALF_DONE);
    line.done();
    expect(writes).toEqual([]);
  });

  it.each(['false', '0', ''])('is drawn when CI=%j', (ci) => {
    const { line, writes, advance } = fakeTerminal({ env: { CI: ci, TERM: 'xterm-256color' } });
    advance(1_000);
    line.update(HALF_DONE);
    expect(writes).toHaveLength(1);
  });
});

describe('the progress line of the command line', () => {
  const SCRATCH = temporaryFolder('hidden-state-progress-');
  afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));
  const SHOP = ['scan', 'fixtures/express-shop'];
  /** One or more redraws, then the erase; nothing else. */
  const DRAWN_THEN_ERASED = /^(\r\x1b\[Khidden-state: \d+\/\d+ files read, \d+ analysed, \d+(\.\d)? s)+\r\x1b\[K$/;

  /** A clock a second further on at every reading: every update is drawn. */
  function slowClock(): () => number {
    let time = 0;
    return () => (time += 1_000);
  }

  async function cli(argv: string[], io: Partial<CliIo> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await run(argv, { cwd: ROOT, env: {}, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), stdoutIsTTY: false, stderrIsTTY: false, ...io });
    return { code, stdout, stderr };
  }

  it('draws the line on a terminal and erases it before the report, which is unchanged', async () => {
    const plain = await cli(SHOP);
    const onTerminal = await cli(SHOP, { stderrIsTTY: true, now: slowClock() });
    expect(onTerminal.stderr).toMatch(DRAWN_THEN_ERASED);
    expect(onTerminal.stderr).toMatch(/hidden-state: (\d+)\/\1 files read, \1 analysed, \d+ s\r\x1b\[K$/);
    expect(onTerminal.stdout).toBe(plain.stdout);
    expect(onTerminal.code).toBe(plain.code);
    expect(plain.stderr).toBe('');
  });

  it('is erased when the scan fails, before the error', async () => {
    let readings = 0;
    const failingClock = (): number => {
      readings += 1;
      if (readings === 3) throw new Error('the clock stopped');
      return readings * 1_000;
    };
    const failed = await cli(SHOP, { stderrIsTTY: true, now: failingClock });
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/^\r\x1b\[Khidden-state: \d+\/\d+ files read, \d+ analysed, 1 s\r\x1b\[Khidden-state: the clock stopped\n$/);
  });

  it('draws and erases it for baseline too, leaving the file as it would be', async () => {
    const plainFile = join(SCRATCH, 'plain.json');
    const terminalFile = join(SCRATCH, 'terminal.json');
    await cli(['baseline', 'fixtures/express-shop', '-o', plainFile]);
    const onTerminal = await cli(['baseline', 'fixtures/express-shop', '-o', terminalFile], { stderrIsTTY: true, now: slowClock() });
    expect(onTerminal.stderr).toMatch(DRAWN_THEN_ERASED);
    expect(readFileSync(terminalFile, 'utf8')).toBe(readFileSync(plainFile, 'utf8'));
  });

  it.each<[string, string[], Partial<CliIo>]>([
    ['stderr is not a terminal', SHOP, { stderrIsTTY: false }],
    ['CI is set', SHOP, { stderrIsTTY: true, env: { CI: 'true' } }],
    ['--quiet is given', [...SHOP, '--quiet'], { stderrIsTTY: true }],
    ['TERM is dumb', SHOP, { stderrIsTTY: true, env: { TERM: 'dumb' } }],
  ])('writes nothing of it when %s', async (_, argv, io) => {
    const plain = await cli(argv);
    const checked = await cli(argv, { ...io, now: slowClock() });
    expect(checked.stderr).toBe(plain.stderr);
    expect(checked.stderr).not.toContain('files read');
    expect(checked.stdout).toBe(plain.stdout);
  });
});

describe('what scan() reports', () => {
  it('moves file by file, reading before analysing, and ends with every file read and analysed', () => {
    const reports: ScanProgress[] = [];
    scanFixture('live-chat', { onProgress: (progress) => reports.push(progress) });
    const total = reports[0]!.total;
    expect(total).toBe(7);
    // One step per file parsed and per file walked, not one per group.
    expect(reports.length).toBeGreaterThanOrEqual(2 * total);
    reports.reduce((previous, current) => {
      expect(current.read).toBeGreaterThanOrEqual(previous.read);
      expect(current.analysed).toBeGreaterThanOrEqual(previous.analysed);
      expect(current.analysed).toBeLessThanOrEqual(current.read);
      return current;
    });
    expect(reports.at(-1)).toEqual({ total, read: total, analysed: total });
  });

  it('ends with every file read and analysed when the cache gives a group whole, or analyses part of it again', () => {
    const folder = temporaryFolder();
    cpSync(join(ROOT, 'fixtures/express-cross-file'), folder, { recursive: true });
    const cacheLocation = join(temporaryFolder(), 'cache');
    const lastReport = (): ScanProgress => {
      const reports: ScanProgress[] = [];
      scanWithDefaults(['.'], folder, { cacheLocation, partialAnalysisLimit: 1, onProgress: (progress) => reports.push(progress) });
      return reports.at(-1)!;
    };
    const cold = lastReport();
    expect(cold.total).toBeGreaterThan(1);
    expect(lastReport()).toEqual(cold);
    appendFileSync(join(folder, 'src/routes/login.ts'), '\n// edited\n');
    expect(lastReport()).toEqual(cold);
  });
});

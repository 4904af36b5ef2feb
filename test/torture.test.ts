import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/scan-fixture.js';
import { temporaryFolder } from './helpers/run-cli.js';
import { writeTortureCorpus } from './torture/generate.mjs';

/** Per case: the CLI must finish within this time, in a heap of this size. */
const TIME_LIMIT_MS = 30_000;
const HEAP_LIMIT_MB = 512;

interface TortureCase {
  name: string;
  folder: string;
  args: string[];
}

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the built CLI in the case's folder with the bounds; a case that exceeds them is killed. */
function runBounded(torture: TortureCase): Promise<Outcome> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, join(ROOT, 'bin/hidden-state.js'), ...torture.args], {
      cwd: torture.folder,
      env: { PATH: process.env.PATH, NO_COLOR: '1', HOME: torture.folder },
      timeout: TIME_LIMIT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (status, signal) => done({ status, signal, stdout, stderr, ms: performance.now() - started }));
  });
}

const cases = (writeTortureCorpus as (root: string) => TortureCase[])(join(temporaryFolder('hidden-state-torture-'), 'corpus'));

/** Checks that hold for every case: bounded, an exit code the README documents, no crash, a well-formed report. */
function expectWellBehaved(torture: TortureCase, outcome: Outcome): void {
  const label = `${torture.name}: ${outcome.stderr.slice(0, 300)}`;
  expect(outcome.signal, label).toBe(null);
  expect([0, 1, 2], label).toContain(outcome.status);
  expect(outcome.stderr, label).not.toMatch(/^\s+at |Maximum call stack|is not a function|Cannot read properties|Invalid array length|heap out of memory/m);
  // Terminal escapes and controls from the target never reach the output raw.
  expect(outcome.stdout + outcome.stderr, label).not.toMatch(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  if (outcome.stdout === '') {
    // A refusal: exit 2 and one line.
    expect(outcome.status, label).toBe(2);
    expect(outcome.stderr.trimEnd().split('\n'), label).toHaveLength(1);
    return;
  }
  if (torture.args.includes('json')) {
    const report = JSON.parse(outcome.stdout);
    expect(['stateless', 'stateful', 'incomplete'], label).toContain(report.verdict);
    expect(typeof report.summary.files, label).toBe('number');
    expect(Array.isArray(report.findings) && Array.isArray(report.errors), label).toBe(true);
    for (const error of report.errors) expect([typeof error.file, typeof error.message], label).toEqual(['string', 'string']);
    // An incomplete verdict is exit 2, never a pass.
    if (report.verdict === 'incomplete') expect(outcome.status, label).toBe(2);
  }
}

describe.concurrent('the torture corpus, end to end through the CLI', () => {
  it.each(cases)('$name', async (torture) => {
    const outcome = await runBounded(torture);
    expectWellBehaved(torture, outcome);
    expect(existsSync(join(torture.folder, 'ran')), 'configuration code ran').toBe(false);
  }, TIME_LIMIT_MS + 10_000);
});

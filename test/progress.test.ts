import { describe, expect, it } from 'vitest';
import { createProgressLine, type ProgressLineOptions } from '../src/progress.js';

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

import { formatNumber } from '../shared/number-format.js';
import type { ScanProgress } from '../pipeline/scan.js';

/** A scan shorter than this prints nothing. */
const SHOW_AFTER_MS = 1000;
/** At most ten redraws a second, however often the scan reports. */
const REDRAW_EVERY_MS = 100;
/** Back to the start of the line, then erase to its end. */
const CLEAR_LINE = '\r\x1b[K';

export interface ProgressLineOptions {
  /** Where the line goes: stderr, never stdout. */
  write: (text: string) => void;
  /** Whether `write` reaches a terminal. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  quiet: boolean;
  /** Terminal width, when known (0 is not): a longer line would wrap and could not be rewritten. */
  columns?: number;
  /** Milliseconds on a monotonic clock. */
  now: () => number;
}

export interface ProgressLine {
  update: (progress: ScanProgress) => void;
  /** Erases the line, if it was drawn; call it before anything else is written. */
  done: () => void;
}

/** A status line rewritten in place on a terminal while a long scan runs. */
export function createProgressLine(options: ProgressLineOptions): ProgressLine {
  if (!showsProgress(options)) return { update: () => undefined, done: () => undefined };
  const { write, columns, now } = options;
  const start = now();
  let drawnAt: number | undefined;
  return {
    update: (progress) => {
      const time = now();
      if (time - start < SHOW_AFTER_MS) return;
      if (drawnAt !== undefined && time - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = time;
      write(`${CLEAR_LINE}${fitted(describeProgress(progress, time - start), columns)}`);
    },
    done: () => {
      if (drawnAt !== undefined) write(CLEAR_LINE);
      drawnAt = undefined;
    },
  };
}

/** `hidden-state: 1,234/3,000 files read, 800 analysed, 2.1 s`. */
function describeProgress(progress: ScanProgress, elapsedMs: number): string {
  const { total, read, analysed } = progress;
  return `hidden-state: ${formatNumber(read)}/${formatNumber(total)} files read, ${formatNumber(analysed)} analysed, ${formatNumber(elapsedMs / 1000)} s`;
}

/** One column short of the width: writing into the last column makes some terminals wrap. */
function fitted(line: string, columns: number | undefined): string {
  // A pseudo-terminal with no size set reports 0 columns: that is no width at all.
  return columns !== undefined && columns > 1 && line.length >= columns ? line.slice(0, columns - 1) : line;
}

/** Only people at a terminal want the line; logs of CI runs and dumb terminals would keep every redraw. */
function showsProgress({ isTTY, env, quiet }: ProgressLineOptions): boolean {
  return isTTY && !quiet && !runsInCi(env) && env.TERM !== 'dumb';
}

function runsInCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

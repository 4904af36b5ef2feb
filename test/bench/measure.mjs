// Times whole processes, start-up included, and reads their CPU time and peak resident memory:
// with GNU time (`/usr/bin/time -f '%U %S %M'`) when the machine has it, else through a preload that
// writes the Node child's own figures on exit. Every command the bench runs is Node. CPU time shows
// what wall time hides: the cost of extra threads, and waiting on a machine that others share.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const PRELOAD = fileURLToPath(new URL('usage.mjs', import.meta.url));

/**
 * Runs `args[0]` with the rest as arguments `runs` times; `prepare(run)` goes before each run,
 * untimed. Returns the median wall and CPU seconds and peak RSS in MB, and the last run's result. Exit codes
 * outside `okCodes` throw; with `okCodes: null` the caller judges the result.
 */
export function measure(args, { cwd, input, runs = 3, okCodes = [0], prepare } = {}) {
  const samples = [];
  let result;
  for (let run = 0; run < runs; run++) {
    prepare?.(run);
    const sample = runOnce(args, { cwd, input });
    result = sample.result;
    if (okCodes && !okCodes.includes(result.status)) {
      throw new Error(`${args.join(' ')} exited with ${result.status}:\n${result.stderr.slice(-2000)}`);
    }
    samples.push(sample);
  }
  const middle = (key) => median(samples.map((sample) => sample[key]));
  return { seconds: middle('seconds'), cpu: middle('cpu'), mb: middle('mb'), result };
}

function runOnce([command, ...rest], { cwd, input }) {
  const folder = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const usageFile = join(folder, 'usage');
  const withGnuTime = existsSync(GNU_TIME);
  const [file, args, env] = withGnuTime
    ? [GNU_TIME, ['-f', '%U %S %M', '-o', usageFile, command, ...rest], process.env]
    : [command, rest, { ...process.env, NODE_OPTIONS: `--import=${PRELOAD}`, BENCH_USAGE_FILE: usageFile }];
  const start = process.hrtime.bigint();
  const result = spawnSync(file, args, { cwd, input, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // GNU time writes "Command exited with non-zero status n" above the figures.
  const [user, system, kilobytes] = readFileSync(usageFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  rmSync(folder, { recursive: true, force: true });
  return { seconds, cpu: user + system, mb: kilobytes / 1024, result };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// The cached rescan: a cold scan that fills an empty cache, then rescans after a comment line is
// appended to one file in the middle of the corpus (the edit-and-rescan loop of a developer), and
// a check that the rescan writes the same bytes as a cold scan without the cache. The file is
// restored afterwards. Returns { unavailable } when the command line has no --cache.
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from './measure.mjs';

export function measureRescan(scanArgs, folder, files, benchFolder) {
  const cache = join(benchFolder, 'cache');
  const output = (name) => join(benchFolder, `${name}.json`);
  const scan = (name, ...flags) => [...scanArgs, '-f', 'json', '-o', output(name), '--fail-on', 'none', ...flags];
  const cached = (name) => scan(name, '--cache', '--cache-location', cache);
  const emptyCache = () => rmSync(cache, { recursive: true, force: true });

  const cold = measure(cached('cold'), { cwd: folder, prepare: emptyCache, okCodes: null });
  if (cold.result.status === 2 && /unknown option/i.test(cold.result.stderr)) return { unavailable: 'no --cache' };
  if (cold.result.status !== 0) throw new Error(`cached scan exited with ${cold.result.status}:\n${cold.result.stderr}`);

  // Nothing changed: every group comes from the cache.
  const unchanged = measure(cached('unchanged'), { cwd: folder });
  const edited = files[Math.floor(files.length / 2)];
  const original = readFileSync(edited);
  try {
    // A new line before each run: every rescan finds exactly one file changed since the last.
    const rescan = measure(cached('rescan'), { cwd: folder, prepare: (run) => appendFileSync(edited, `// bench edit ${run + 1}\n`) });
    measure(scan('fresh'), { cwd: folder, runs: 1 });
    const identical = readFileSync(output('rescan')).equals(readFileSync(output('fresh')));
    return { cold, unchanged, rescan, identical, edited };
  } finally {
    writeFileSync(edited, original);
  }
}

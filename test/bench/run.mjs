// npm run bench: times a full scan against the parse-only floor and tsc on a generated corpus.
// Whole processes, start-up included, median of three runs.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = join(ROOT, '.bench', 'corpus');
const FILES = Number(process.env.BENCH_FILES ?? 3000);
const RUNS = 3;

function listFiles(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => resolve(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

function time(label, command, args, input) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 28 });
    samples.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (result.status !== 0 && label !== 'tsc --noEmit') throw new Error(`${label} failed: ${result.stderr}`);
  }
  samples.sort((a, b) => a - b);
  return samples[1];
}

writeCorpus(CORPUS, FILES);
const fileList = listFiles(join(CORPUS, 'src')).join('\n');
const floor = time('parse floor', process.execPath, [join(ROOT, 'test/bench/floor.mjs')], fileList);
const scan = time('hidden-state', process.execPath, [join(ROOT, 'bin/hidden-state.js'), 'scan', CORPUS, '-f', 'json', '-o', join(ROOT, '.bench/report.json'), '--fail-on', 'none']);
const tsc = time('tsc --noEmit', process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', CORPUS]);

const rows = [
  ['parse-only floor (read + createSourceFile + visit)', floor],
  ['hidden-state scan (all rules)', scan],
  ['tsc --noEmit', tsc],
];
console.log(`corpus: ${FILES} files (${CORPUS}), median of ${RUNS}, whole process`);
for (const [label, seconds] of rows) console.log(`${label.padEnd(52)} ${seconds.toFixed(2)} s`);
console.log(`scan / floor: ${(scan / floor).toFixed(2)}x    scan / tsc: ${(scan / tsc).toFixed(2)}x`);

// Cached rescans after edits of several kinds, the way a developer edits: a statement duplicated
// in a function, a string changed, state added, an import removed, a call added at module scope,
// a line deleted (which may leave the file unparsable). Each edit lands on another file, spread
// over the codebase; after it, a cached rescan is timed and its JSON compared with a scan without
// the cache. The file is restored afterwards, so the next rescan sees two files changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from './measure.mjs';

const EDITS = [
  ['a statement duplicated', (lines) => duplicateLine(lines, (line) => /^\s+\S.*;\s*$/.test(line))],
  ['a string changed', (lines) => replaceFirst(lines, /'([^'\n]*)'/, "'$1 (edited)'")],
  ['state added', (lines) => lines.push('export const editedState = new Map<string, number>();', 'export function touchEdited(key: string) {', '  editedState.set(key, 1);', '}')],
  ['an import removed', (lines) => removeFirst(lines, (line) => /^import .* from /.test(line))],
  ['an import called at load', (lines) => callImported(lines)],
  ['a line deleted', (lines) => lines.splice(Math.floor(lines.length / 2), 1)],
];

export function measureEdits(scanArgs, folder, files, benchFolder, count) {
  const cache = join(benchFolder, 'cache');
  const output = (name) => join(benchFolder, `${name}.json`);
  const scan = (name, ...flags) => [...scanArgs, '-f', 'json', '-o', output(name), '--fail-on', 'none', ...flags];
  // The cache as it is after the one-edit rescan, brought up to date with the files on disk.
  measure(scan('edits-warm', '--cache-location', cache), { cwd: folder, runs: 1 });
  const timings = [];
  let identical = 0;
  for (let index = 0; index < count; index++) {
    const file = files[Math.floor(((index + 0.5) * files.length) / count)];
    const [kind, edit] = EDITS[index % EDITS.length];
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n');
    edit(lines);
    writeFileSync(file, lines.join('\n'));
    try {
      timings.push({ kind, seconds: measure(scan('edited', '--cache-location', cache), { cwd: folder, runs: 1 }).seconds });
      measure(scan('edited-fresh'), { cwd: folder, runs: 1 });
      if (readFileSync(output('edited')).equals(readFileSync(output('edited-fresh')))) identical += 1;
    } finally {
      writeFileSync(file, original);
    }
  }
  const sorted = timings.map((timing) => timing.seconds).sort((a, b) => a - b);
  return { timings, median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], identical };
}

function duplicateLine(lines, test) {
  const index = lines.findIndex(test);
  if (index >= 0) lines.splice(index, 0, lines[index]);
}

function replaceFirst(lines, pattern, replacement) {
  const index = lines.findIndex((line) => pattern.test(line) && !line.startsWith('import '));
  if (index >= 0) lines[index] = lines[index].replace(pattern, replacement);
}

function removeFirst(lines, test) {
  const index = lines.findIndex(test);
  if (index >= 0) lines.splice(index, 1);
}

function callImported(lines) {
  const imported = /^import \{\s*(\w+)/.exec(lines.find((line) => /^import \{\s*\w+/.test(line)) ?? '');
  if (imported) lines.push(`${imported[1]}();`);
}

// The files a scan of `folder` reads, found by the scan's own discovery (dist/src/pipeline/discover.js) with
// the defaults the command line uses when no configuration file is found: no include or exclude
// globs, no tests, files over 1 MiB left out. Run as a script, prints one absolute path a line.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverFiles } from '../../dist/src/pipeline/discover.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../dist/src/pipeline/source-text.js';

export function scannedFiles(folder) {
  const cwd = resolve(folder);
  const { files } = discoverFiles({ paths: ['.'], cwd, include: [], exclude: [], includeTests: false });
  return files.filter((file) => statSync(file).size <= DEFAULT_MAX_FILE_SIZE);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) throw new Error('usage: node test/bench/files.mjs <folder>');
  process.stdout.write(scannedFiles(process.argv[2]).map((file) => `${file}\n`).join(''));
}

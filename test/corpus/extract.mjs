#!/usr/bin/env node
// Writes the tree of one commit of a bare git directory into a folder, skipping the blobs the
// snapshot lacks (the fetch tool leaves out files of 4 MiB and more, and `git archive` stops at
// the first missing object). Usage: node test/corpus/extract.mjs <git-dir> <commit> <out-dir>
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

const [gitDir, commit, outDir] = process.argv.slice(2);
if (!gitDir || !commit || !outDir) {
  console.error('usage: node test/corpus/extract.mjs <git-dir> <commit> <out-dir>');
  process.exit(2);
}
const root = resolve(outDir);
// Hooks and fsmonitor off: the snapshot is untrusted input.
const git = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', `--git-dir=${gitDir}`];
const listing = execFileSync('git', [...git, 'ls-tree', '-r', '-z', commit], { maxBuffer: 1 << 30 }).toString();
const blobs = [];
for (const entry of listing.split('\0')) {
  if (!entry) continue;
  const [meta, path] = entry.split('\t');
  const [mode, type, id] = meta.split(' ');
  // Regular files only: no symlinks (they could point outside the folder), no submodules.
  if (type !== 'blob' || mode === '120000') continue;
  const target = resolve(root, path);
  if (!target.startsWith(root + sep)) continue;
  blobs.push({ id, target });
}

// One `git cat-file --batch` process for every blob; missing ones answer "<id> missing".
const child = spawn('git', [...git, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
let buffer = Buffer.alloc(0);
let index = 0;
let missing = 0;
child.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const newline = buffer.indexOf(10);
    if (newline < 0) return;
    const header = buffer.subarray(0, newline).toString();
    if (header.endsWith(' missing')) {
      buffer = buffer.subarray(newline + 1);
      index++;
      missing++;
      continue;
    }
    const size = Number(header.split(' ')[2]);
    if (buffer.length < newline + 1 + size + 1) return;
    const { target } = blobs[index++];
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, buffer.subarray(newline + 1, newline + 1 + size));
    buffer = buffer.subarray(newline + 1 + size + 1);
  }
});
child.on('close', () => {
  console.log(`${blobs.length - missing} files written to ${root}${missing ? `, ${missing} missing from the snapshot` : ''}`);
  process.exitCode = index === blobs.length ? 0 : 1;
});
child.stdin.end(blobs.map((b) => b.id).join('\n') + '\n');

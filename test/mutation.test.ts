import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers/scan-fixture.js';
import { temporaryFolder } from './helpers/run-cli.js';

/** A small seeded generator (mulberry32): the same seed gives the same mutations. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKEN = /[A-Za-z_$][\w$]*|\d+|=>|[{}()[\];,.:=<>'"`]/g;

/** One random edit of the kinds a broken checkout holds: a token deleted, a line duplicated, the file cut short. */
function mutate(text: string, next: () => number): string {
  const pick = (count: number): number => Math.floor(next() * count);
  const lines = text.split('\n');
  switch (pick(4)) {
    case 0: {
      const tokens = [...text.matchAll(TOKEN)];
      const token = tokens[pick(tokens.length)];
      return token ? text.slice(0, token.index) + text.slice(token.index! + token[0].length) : text;
    }
    case 1: {
      const line = pick(lines.length);
      return [...lines.slice(0, line + 1), lines[line]!, ...lines.slice(line + 1)].join('\n');
    }
    case 2:
      return text.slice(0, pick(text.length + 1));
    default: {
      const [a, b] = [pick(lines.length), pick(lines.length)];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
  }
}

/** Every file below `folder` (source, package.json, tsconfig), each given one to three mutations. */
function mutateFolder(folder: string, next: () => number): void {
  for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const path = join(folder, entry);
    if (!statSync(path).isFile() || next() < 0.3) continue;
    let text = readFileSync(path, 'utf8');
    for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) text = mutate(text, next);
    writeFileSync(path, text);
  }
}

const SEEDS = [1, 2, 3];
/** JSON for every seed; the other formats for the first (each run is a whole scan of the fixtures). */
const formatsFor = (seed: number): string[] => (seed === SEEDS[0] ? ['json', 'table', 'sarif', 'markdown'] : ['json']);

describe('random mutations of the fixtures', () => {
  it.each(SEEDS)('seed %i: the CLI never crashes and always gives a well-formed report', (seed) => {
    const folder = join(temporaryFolder('hidden-state-mutation-'), 'fixtures');
    cpSync(FIXTURES, folder, { recursive: true });
    mutateFolder(folder, random(seed));
    for (const format of formatsFor(seed)) {
      const run = spawnSync(process.execPath, ['--max-old-space-size=512', join(ROOT, 'bin/hidden-state.js'), 'scan', '.', '-f', format], {
        cwd: folder,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, NO_COLOR: '1' },
        timeout: 30_000,
        killSignal: 'SIGKILL',
      });
      const label = `seed ${seed}, -f ${format}: ${run.stderr.slice(0, 300)}`;
      expect(run.signal, label).toBe(null);
      expect([0, 1, 2], label).toContain(run.status);
      expect(run.stderr, label).not.toMatch(/^\s+at |Maximum call stack|is not a function|Cannot read properties/m);
      if (run.stdout === '') {
        // Refused (a mutated configuration): one line, exit 2.
        expect([run.status, run.stderr.trimEnd().split('\n').length], label).toEqual([2, 1]);
        continue;
      }
      if (format === 'json') {
        const report = JSON.parse(run.stdout);
        expect(['stateless', 'stateful', 'incomplete'], label).toContain(report.verdict);
        expect(report.summary.findings, label).toBe(report.findings.length);
        expect(report.errors.length > 0 ? report.verdict : 'complete', label).not.toBe('stateless');
      }
      if (format === 'sarif') expect(JSON.parse(run.stdout).version, label).toBe('2.1.0');
    }
  }, 120_000);
});

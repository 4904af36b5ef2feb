import { describe, expect, it } from 'vitest';
import { attachExcerpts, excerptOf } from '../src/review/excerpts.js';
import { sampleFinding } from './helpers/sample-findings.js';
import { scanFixture } from './helpers/scan-fixture.js';

const SOURCE = ['import x from "x";', '', 'const a = 1;', 'const b = 2;', 'const cache = new Map();', 'const c = 3;', '', '', 'export {};'];

describe('excerptOf', () => {
  it('shows two lines around the finding and trims blank edges', () => {
    expect(excerptOf(SOURCE, 5, 5)).toEqual({ startLine: 3, lines: ['const a = 1;', 'const b = 2;', 'const cache = new Map();', 'const c = 3;'] });
    expect(excerptOf(SOURCE, 3, 3)).toEqual({ startLine: 1, lines: SOURCE.slice(0, 5) });
  });

  it('caps a long finding at its first lines and cuts very long lines', () => {
    const lines = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`);
    const excerpt = excerptOf(lines, 10, 25);
    expect(excerpt.startLine).toBe(8);
    expect(excerpt.lines.at(-1)).toBe('line 17');
    const long = excerptOf(['x'.repeat(500)], 1, 1);
    expect(long.lines[0]).toHaveLength(160);
    expect(long.lines[0]!.endsWith('…')).toBe(true);
  });
});

describe('attachExcerpts', () => {
  it('adds excerpts from the given texts and leaves findings of unknown files alone', () => {
    const known = sampleFinding({ kind: 'cache', file: 'src/cache.ts', line: 5, endLine: 5 });
    const unknown = sampleFinding({ kind: 'cache', file: 'src/other.ts' });
    const [withExcerpt, without] = attachExcerpts([known, unknown], (file) => (file === 'src/cache.ts' ? SOURCE.join('\r\n') : undefined));
    expect(withExcerpt!.excerpt?.lines[2]).toBe('const cache = new Map();');
    expect(without!.excerpt).toBeUndefined();
  });

  it('is filled by the scan only when asked', () => {
    expect(scanFixture('express-shop').report.findings.some((finding) => finding.excerpt)).toBe(false);
    const { findings } = scanFixture('express-shop', { excerpts: true }).report;
    const limiter = findings.find((finding) => finding.ruleId === 'local-rate-limit')!;
    const hit = limiter.excerpt!.lines[limiter.line - limiter.excerpt!.startLine];
    expect(hit).toContain("rateLimit({ windowMs: 60_000, max: 100 })");
  });
});

import { describe, expect, it } from 'vitest';
import { compareWithBaseline, formatBaseline, parseBaseline } from '../src/ci/baseline.js';
import { makeFinding, makeReport } from './helpers/findings.js';

const CART = makeFinding({ fingerprint: 'c1', file: 'src/cart.ts', symbol: 'carts' });
const LIMITER = makeFinding({ fingerprint: 'l1', file: 'src/app.ts', symbol: 'rateLimit()', ruleId: 'local-rate-limit', kind: 'rate-limit', line: 20 });
const SHARED = makeFinding({ fingerprint: 's1', file: 'src/app.ts', symbol: 'session()', instanceLocal: false, severity: 'info' });
const SUPPRESSED = makeFinding({ fingerprint: 'x1', file: 'src/app.ts', symbol: 'seen', suppression: { kind: 'same-line', justification: 'by design', line: 4 } });

describe('baseline file', () => {
  it('records instance-local, unsuppressed findings sorted by file, rule and symbol, without line numbers', () => {
    const text = formatBaseline(makeReport([CART, SHARED, LIMITER, SUPPRESSED]));
    expect(text).toBe(`${JSON.stringify(
      {
        version: 1,
        tool: 'hidden-state',
        findings: [
          { fingerprint: 'l1', ruleId: 'local-rate-limit', file: 'src/app.ts', symbol: 'rateLimit()' },
          { fingerprint: 'c1', ruleId: 'module-cache', file: 'src/cart.ts', symbol: 'carts' },
        ],
      },
      null,
      2,
    )}\n`);
    // Moving a finding does not touch the file: no line numbers, same order.
    expect(formatBaseline(makeReport([{ ...CART, line: 90, endLine: 90 }, LIMITER]))).toBe(text);
  });

  it('reads back what it writes, and refuses anything else with the file named', () => {
    const text = formatBaseline(makeReport([CART, LIMITER]));
    expect(parseBaseline(text, 'base.json').map((entry) => entry.fingerprint)).toEqual(['l1', 'c1']);
    expect(() => parseBaseline('{', 'base.json')).toThrow(/^base\.json: not a baseline file \(/);
    expect(() => parseBaseline('[]', 'base.json')).toThrow(/^base\.json: not a baseline file \(expected an object with a "findings" array/);
    expect(() => parseBaseline('{"version": 2, "findings": []}', 'base.json')).toThrow('base.json: baseline version 2 is not supported (expected 1)');
    expect(() => parseBaseline('{"version": 1, "findings": [{"fingerprint": "a"}]}', 'base.json')).toThrow('base.json: entry 1 needs string fields fingerprint, ruleId, file, symbol');
  });

  it('marks findings new or unchanged and lists the gone entries of scanned or deleted files', () => {
    const entries = parseBaseline(
      JSON.stringify({
        version: 1,
        findings: [
          { fingerprint: 'c1', ruleId: 'module-cache', file: 'src/cart.ts', symbol: 'carts' },
          { fingerprint: 'gone', ruleId: 'module-cache', file: 'src/cart.ts', symbol: 'orders' },
          { fingerprint: 'elsewhere', ruleId: 'module-cache', file: 'lib/other.ts', symbol: 'cache' },
          { fingerprint: 'deleted', ruleId: 'module-cache', file: 'src/old.ts', symbol: 'cache' },
        ],
      }),
      'base.json',
    );
    const scanned = new Set(['src/cart.ts', 'src/app.ts']);
    const existing = new Set([...scanned, 'lib/other.ts']);
    const report = compareWithBaseline(makeReport([CART, LIMITER]), entries, 'base.json', (file) => scanned.has(file) || !existing.has(file));
    expect(report.findings.map((finding) => [finding.symbol, finding.baselineState])).toEqual([
      ['carts', 'unchanged'],
      ['rateLimit()', 'new'],
    ]);
    expect(report.baseline).toEqual({
      file: 'base.json',
      recorded: 4,
      fixed: [
        { fingerprint: 'gone', ruleId: 'module-cache', file: 'src/cart.ts', symbol: 'orders' },
        { fingerprint: 'deleted', ruleId: 'module-cache', file: 'src/old.ts', symbol: 'cache' },
      ],
    });
  });
});

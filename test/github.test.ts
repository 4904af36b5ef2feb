import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../src/reporters/github.js';
import { makeFinding, makeReport } from './helpers/findings.js';

describe('GitHub annotations', () => {
  it('escape %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('src/a,b:c%.ts\n')).toBe('src/a%2Cb%3Ac%25.ts%0A');
  });

  it('annotate what a reviewer must see, at the right level and place', () => {
    const report = makeReport(
      [
        makeFinding({ file: 'src/odd, name.ts', message: 'Map `carts` written at run time (100% of requests)\nsecond line' }),
        makeFinding({ line: 5, endLine: 7, severity: 'warning', fingerprint: 'w' }),
        makeFinding({ line: 9, endLine: 9, severity: 'info', fingerprint: 'i' }),
        makeFinding({ line: 11, endLine: 11, instanceLocal: false, severity: 'info', fingerprint: 'shared' }),
        makeFinding({ line: 12, endLine: 12, fingerprint: 'suppressed', suppression: { kind: 'file', justification: 'ok', line: 1 } }),
        makeFinding({ line: 13, endLine: 13, fingerprint: 'old', baselineState: 'unchanged' }),
      ],
      { suppressionProblems: [{ file: 'src/cart.ts', line: 2, problem: 'missing-reason', message: 'gives no reason' }] },
    );
    const lines = formatGithub({ ...report, errors: [{ file: 'src/broken.ts', message: 'parse error at 1:2: x' }] }).trimEnd().split('\n');
    expect(lines).toEqual([
      '::error file=src/odd%2C name.ts,line=3,col=7,endColumn=40,title=hidden-state module-cache (cache)::Map `carts` written at run time (100%25 of requests)%0Asecond line. Proposed move: Keep the data in a shared store.',
      '::warning file=src/cart.ts,line=5,col=7,endLine=7,title=hidden-state module-cache (cache)::Map `carts` written at run time (.set()). Proposed move: Keep the data in a shared store.',
      '::notice file=src/cart.ts,line=9,col=7,endColumn=40,title=hidden-state module-cache (cache)::Map `carts` written at run time (.set()). Proposed move: Keep the data in a shared store.',
      '::error file=src/cart.ts,line=2,title=hidden-state%3A suppression comment::gives no reason',
      '::warning file=src/broken.ts,title=hidden-state%3A file not analysed::parse error at 1:2: x',
    ]);
  });

  it('print nothing when there is nothing to annotate', () => {
    expect(formatGithub(makeReport([makeFinding({ instanceLocal: false, severity: 'info' })]))).toBe('');
  });
});

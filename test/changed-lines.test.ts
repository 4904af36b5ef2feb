import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff, restrictToChangedLines, touchesChangedLines, WHOLE_FILE } from '../src/ci/changed-lines.js';
import { makeFinding, makeReport } from './helpers/findings.js';

const DIFF = [
  'diff --git a/src/cart.ts b/src/cart.ts',
  'index 1111111..2222222 100644',
  '--- a/src/cart.ts',
  '+++ b/src/cart.ts',
  '@@ -3,0 +4,2 @@ export const cartRouter = Router();',
  '+// a new comment',
  '+const extra = 1;',
  '@@ -10 +12 @@ cartRouter.post(',
  '-  carts.set(a, b);',
  '+  carts.set(a, c);',
  '@@ -20,3 +21,0 @@',
  '-gone',
  'diff --git a/src/old.ts b/src/old.ts',
  'deleted file mode 100644',
  '--- a/src/old.ts',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-const a = 1;',
  'diff --git "a/src/caf\\303\\251 menu.ts" "b/src/caf\\303\\251 menu.ts"',
  '--- "a/src/caf\\303\\251 menu.ts"',
  '+++ "b/src/caf\\303\\251 menu.ts"',
  '@@ -0,0 +1 @@',
  '+const menu = new Map();',
  '',
].join('\n');

describe('changed lines', () => {
  it('reads added and rewritten lines by new path; deletions add nothing; quoted paths are decoded', () => {
    expect(Object.fromEntries(parseUnifiedDiff(DIFF))).toEqual({
      'src/cart.ts': [
        { from: 4, to: 5 },
        { from: 12, to: 12 },
      ],
      'src/café menu.ts': [{ from: 1, to: 1 }],
    });
  });

  it('a finding counts when its own lines or an evidence line changed', () => {
    const changed = parseUnifiedDiff(DIFF);
    const atDeclaration = makeFinding({ line: 5, endLine: 5, evidence: [] });
    const spanning = makeFinding({ line: 1, endLine: 4, evidence: [] });
    const byEvidence = makeFinding({ line: 2, endLine: 2, evidence: [{ file: 'src/cart.ts', line: 12, message: 'written by .set()' }] });
    const untouched = makeFinding({ line: 2, endLine: 2, evidence: [{ file: 'src/cart.ts', line: 13, message: 'written by .set()' }] });
    expect([atDeclaration, spanning, byEvidence, untouched].map((finding) => touchesChangedLines(finding, changed))).toEqual([true, true, true, false]);
    expect(touchesChangedLines(makeFinding({ file: 'src/new.ts', line: 400, endLine: 400 }), new Map([['src/new.ts', [WHOLE_FILE]]]))).toBe(true);
  });

  it('restricts the report, recounting the summary and keeping the ref', () => {
    const report = makeReport([makeFinding({ line: 4, endLine: 4, fingerprint: 'in' }), makeFinding({ line: 30, endLine: 30, evidence: [], fingerprint: 'out' })], {
      suppressionProblems: [
        { file: 'src/cart.ts', line: 5, problem: 'missing-reason', message: 'x' },
        { file: 'src/cart.ts', line: 40, problem: 'missing-reason', message: 'y' },
      ],
    });
    const restricted = restrictToChangedLines(report, parseUnifiedDiff(DIFF), 'origin/main');
    expect(restricted.findings.map((finding) => finding.fingerprint)).toEqual(['in']);
    expect(restricted.summary.findings).toBe(1);
    expect(restricted.suppressionProblems!.map((problem) => problem.line)).toEqual([5]);
    expect(restricted.changedSince).toBe('origin/main');
  });
});

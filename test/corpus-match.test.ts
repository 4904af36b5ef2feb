import { describe, expect, it } from 'vitest';
import { judgeService, scopeFilter, scoresOf, totalOf } from './accuracy/corpus-match.mjs';

const finding = (file: string, line: number, instanceLocal = true, kind = 'cache') => ({
  file, line, instanceLocal, kind, ruleId: 'module-cache', symbol: 'x',
});

const labels = (extra: object = {}) => ({
  scope: { paths: ['src'], exclude: ['src/scripts/**'] },
  positives: [{ file: 'src/cache.ts', line: 10, symbol: 'cache', kind: 'cache' }],
  externalized: [], negatives: [], doubtful: [],
  ...extra,
});

describe('judging a service against its blind labels', () => {
  it('matches a finding two lines from the label, and not one three lines away', () => {
    const near = judgeService(labels(), [finding('src/cache.ts', 12)]);
    expect(near.found).toBe(1);
    expect(near.results[0].verdict).toBe('positive');

    const far = judgeService(labels(), [finding('src/cache.ts', 13)]);
    expect(far.found).toBe(0);
    expect(far.results[0].verdict).toBe('unmatched');
    expect(scoresOf(far)).toMatchObject({ recall: 0, precision: 0 });
  });

  it("matches a finding on one of a label's extra lines, however far", () => {
    const judgement = judgeService(
      labels({ positives: [{ file: 'src/cache.ts', line: 10, lines: [80], symbol: 'cache', kind: 'cache' }] }),
      [finding('src/cache.ts', 80)],
    );
    expect(judgement.found).toBe(1);
  });

  it('counts a finding on a doubtful label neither way', () => {
    const judgement = judgeService(
      labels({ doubtful: [{ file: 'src/memo.ts', line: 5, symbol: 'memo', reason: 'unclear' }] }),
      [finding('src/cache.ts', 10), finding('src/memo.ts', 6)],
    );
    expect(judgement.findingsJudged).toBe(1);
    expect(judgement.findingsKept).toBe(1);
    expect(scoresOf(judgement).precision).toBe(1);
    expect(judgement.results.map((r: { verdict: string }) => r.verdict)).toEqual(['positive', 'doubtful']);
  });

  it('does not judge a finding in an excluded folder or outside the scanned paths', () => {
    const judgement = judgeService(labels(), [finding('src/scripts/seed.ts', 3), finding('tools/x.ts', 1), finding('src/cache.ts', 10)]);
    expect(judgement.findingsJudged).toBe(1);
    expect(judgement.outOfScope.map((f: { file: string }) => f.file)).toEqual(['src/scripts/seed.ts', 'tools/x.ts']);
    expect(scoresOf(judgement).precision).toBe(1);
  });

  it('counts a second line on a place already matched against precision, as a duplicate', () => {
    const judgement = judgeService(labels(), [finding('src/cache.ts', 10), finding('src/cache.ts', 11)]);
    expect(judgement.found).toBe(1);
    expect(judgement.results.map((r: { verdict: string }) => r.verdict)).toEqual(['positive', 'duplicate']);
    expect(scoresOf(judgement).precision).toBe(0.5);
  });

  it('gives two close labels each the finding nearest to it', () => {
    const judgement = judgeService(
      labels({ positives: [
        { file: 'src/cache.ts', line: 10, symbol: 'a', kind: 'cache' },
        { file: 'src/cache.ts', line: 12, symbol: 'b', kind: 'cache' },
      ] }),
      [finding('src/cache.ts', 11), finding('src/cache.ts', 12)],
    );
    expect(judgement.found).toBe(2);
  });

  it('matches N lines only to externalized labels, and calls a Y line on an externalized place wrong', () => {
    const externalized = [{ file: 'src/app.ts', line: 20, symbol: 'session', kind: 'session', store: 'redis' }];
    const right = judgeService(labels({ externalized }), [finding('src/app.ts', 20, false, 'session')]);
    expect(right.externalizedFound).toBe(1);
    expect(scoresOf(right).inventory).toBe(1);

    const wrong = judgeService(labels({ externalized }), [finding('src/app.ts', 20, true, 'session')]);
    expect(wrong.externalizedFound).toBe(0);
    expect(wrong.results[0].verdict).toBe('wrong-locality');
    expect(scoresOf(wrong).precision).toBe(0);
  });

  it('names a finding on a labelled look-alike as a negative, and scores kind agreement', () => {
    const judgement = judgeService(
      labels({ negatives: [{ file: 'src/table.ts', line: 3, symbol: 'TABLE', why: 'constant' }] }),
      [finding('src/table.ts', 3), finding('src/cache.ts', 10, true, 'mutable-global')],
    );
    expect(judgement.results.map((r: { verdict: string }) => r.verdict)).toEqual(['positive', 'negative']);
    expect(scoresOf(judgement).kindAgreement).toBe(0);
  });

  it('adds services up label by label', () => {
    const a = judgeService(labels(), [finding('src/cache.ts', 10)]);
    const b = judgeService(labels(), []);
    expect(scoresOf(totalOf([a, b]))).toMatchObject({ recall: 0.5, precision: 1 });
  });

  it('reads the scope as folders, not name prefixes', () => {
    const inScope = scopeFilter({ paths: ['./src/'], exclude: [] });
    expect(inScope('src/a.ts')).toBe(true);
    expect(inScope('srcx/a.ts')).toBe(false);
  });
});

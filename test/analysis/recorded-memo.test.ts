import { describe, expect, it } from 'vitest';
import { flattenReads, ReadRecorder, RecordedMemo, Reads } from '../../src/facts/reads.js';

describe('RecordedMemo: the one way facts memoize', () => {
  it('computes once, and every later reader depends on what the first computation read', () => {
    const recorder = new ReadRecorder(true);
    const memo = new RecordedMemo<string, number>(recorder);
    let computed = 0;
    const compute = () => {
      computed += 1;
      recorder.key('call:init');
      return 42;
    };
    const first = new Reads();
    const second = new Reads();
    expect(recorder.within(first, () => memo.get('answer', compute, '/svc/store.ts'))).toBe(42);
    expect(recorder.within(second, () => memo.get('answer', compute, '/svc/store.ts'))).toBe(42);
    expect(computed).toBe(1);
    for (const reader of [first, second]) {
      const flat = flattenReads(reader);
      expect([...flat.paths]).toEqual(['/svc/store.ts']);
      expect([...flat.keys]).toEqual(['call:init']);
    }
    expect([...memo.readsOf('answer')!.paths!]).toEqual(['/svc/store.ts']);
  });

  it('records nothing when the cache is off, and still memoizes', () => {
    const recorder = new ReadRecorder(false);
    const memo = new RecordedMemo<string, number>(recorder);
    let computed = 0;
    const reader = new Reads();
    recorder.within(reader, () => memo.get('answer', () => ++computed, '/svc/store.ts'));
    recorder.within(reader, () => memo.get('answer', () => ++computed, '/svc/store.ts'));
    expect(computed).toBe(1);
    expect(memo.readsOf('answer')).toBeUndefined();
    expect(flattenReads(reader).paths.size).toBe(0);
  });
});

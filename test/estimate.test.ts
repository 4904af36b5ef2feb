import { describe, expect, it } from 'vitest';
import { describeEstimate, estimateSessionLoad } from '../src/review/estimate.js';
import { formatDuration, formatNumber, formatPercent, formatRate } from '../src/shared/number-format.js';

describe('estimateSessionLoad', () => {
  it('40,000 req/s with 30% writes is 52,000 ops/s: one HA pair, shard at about 2× growth', () => {
    const estimate = estimateSessionLoad({ peakRps: 40_000, writeRatio: 0.3, store: 'redis' });
    expect(estimate).toMatchObject({ reads: 40_000, writes: 12_000, total: 52_000, capacity: 100_000, shards: 1 });
    expect(estimate.growth).toEqual({ factor: 2, total: 104_000, shards: 2 });
    expect(estimate.headroom).toBeCloseTo(1.923, 3);
    const text = describeEstimate(estimate);
    expect(text.headline).toBe('One Redis HA pair (a primary and a replica) suffices: the peak takes 52% of one node.');
    expect(text.details).toEqual([
      '40,000 reads/s (one per request) + 12,000 writes/s (30% of requests) = 52,000 ops/s at a peak of 40,000 req/s.',
      'One Redis node serves about 100,000–150,000 ops/s; the plan uses 100,000.',
      'At 2× growth (104,000 ops/s) it needs 2 shards: shard before the peak grows about 1.9×.',
    ]);
  });

  it('counts the shards a load beyond one node needs, now and at 2× growth', () => {
    const estimate = estimateSessionLoad({ peakRps: 150_000, writeRatio: 0.5, store: 'redis' });
    expect(estimate).toMatchObject({ total: 225_000, shards: 3 });
    expect(estimate.growth.shards).toBe(5);
    const text = describeEstimate(estimate);
    expect(text.headline).toBe('Needs 3 Redis shards, each an HA pair: the peak is 2.3× one node.');
    expect(text.details[2]).toBe('At 2× growth (450,000 ops/s) it needs 5 shards: add shards before the peak grows about 1.3×.');
  });

  it('says when the layout still holds at 2× growth', () => {
    const text = describeEstimate(estimateSessionLoad({ peakRps: 10_000, writeRatio: 1, store: 'redis' }));
    expect(text.details[2]).toBe('At 2× growth (40,000 ops/s) the same layout still holds (40% of its capacity).');
  });

  it('uses Memcached capacity and warns that it does not replicate', () => {
    const estimate = estimateSessionLoad({ peakRps: 120_000, writeRatio: 0.3, store: 'memcached' });
    expect(estimate).toMatchObject({ total: 156_000, capacity: 200_000, shards: 1 });
    const text = describeEstimate(estimate);
    expect(text.headline).toContain('One Memcached HA pair');
    expect(text.details.at(-1)).toMatch(/^Memcached does not replicate/);
  });

  it('takes an overridden node capacity', () => {
    const estimate = estimateSessionLoad({ peakRps: 40_000, writeRatio: 0.3, store: 'redis', nodeCapacity: 50_000 });
    expect(estimate.shards).toBe(2);
    expect(describeEstimate(estimate).details[1]).toBe('One Redis node serves 50,000 ops/s (as given).');
  });

  it('shows what each instance serves and what one lost instance shifts to the others', () => {
    const estimate = estimateSessionLoad({ peakRps: 40_000, writeRatio: 0.3, store: 'redis', instances: 20 });
    expect(estimate.perInstance).toMatchObject({ instances: 20, rps: 2000, ops: 2600 });
    expect(estimate.perInstance!.rpsAfterLoss).toBeCloseTo(2105.26, 2);
    expect(describeEstimate(estimate).details[3]).toBe(
      'At 20 instances each serves 2,000 req/s and sends 2,600 ops/s to the store; with one instance down, each of the other 19 takes 2,105 req/s.',
    );
    const single = describeEstimate(estimateSessionLoad({ peakRps: 50, writeRatio: 0.3, store: 'redis', instances: 1 }));
    expect(single.details[3]).toBe('With one instance it serves 50 req/s and sends 65 ops/s to the store.');
  });

  it('rounds writes to whole operations', () => {
    expect(estimateSessionLoad({ peakRps: 333, writeRatio: 0.1, store: 'redis' })).toMatchObject({ writes: 33, total: 366 });
  });
});

describe('number formats', () => {
  it('groups thousands, keeps a decimal where asked, and never depends on the locale', () => {
    expect(formatNumber(52_000)).toBe('52,000');
    expect(formatNumber(1_234_567.25, 1)).toBe('1,234,567.3');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(-1200)).toBe('-1,200');
    expect(formatPercent(0.52)).toBe('52%');
    expect(formatPercent(0.005)).toBe('0.5%');
  });

  it('names durations and rates in the largest unit that divides them', () => {
    expect(formatDuration(86_400_000)).toBe('1 day');
    expect(formatDuration(7_200_000)).toBe('2 h');
    expect(formatDuration(90_000)).toBe('90 s');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatRate(100, 1000)).toBe('100/s');
    expect(formatRate(100, 30_000)).toBe('100 per 30 s');
  });
});

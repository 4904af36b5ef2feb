import { describe, expect, it } from 'vitest';
import { KINDS } from '../src/report/kinds.js';
import { projectFinding, projectFindings } from '../src/review/projections.js';
import { sampleFinding } from './helpers/sample-findings.js';

describe('projectFinding', () => {
  it('multiplies a rate limit read from the code: 100/min per instance is 2,000/min at 20', () => {
    const limiter = sampleFinding({ kind: 'rate-limit', properties: { limit: 100, windowMs: 60_000 } });
    expect(projectFinding(limiter, 20)?.text).toBe('100/min per instance → 2,000/min at 20 instances');
  });

  it('names windows that are not one unit, and large limits with separators', () => {
    const login = sampleFinding({ kind: 'rate-limit', properties: { limit: 5, windowMs: 15 * 60_000 } });
    expect(projectFinding(login, 4)?.text).toBe('5 per 15 min per instance → 20 per 15 min at 4 instances');
    const api = sampleFinding({ kind: 'rate-limit', properties: { limit: 1500, windowMs: 3_600_000 } });
    expect(projectFinding(api, 12)?.text).toBe('1,500/h per instance → 18,000/h at 12 instances');
    const odd = sampleFinding({ kind: 'rate-limit', properties: { limit: 10, windowMs: 1500 } });
    expect(projectFinding(odd, 3)?.text).toBe('10 per 1,500 ms per instance → 30 per 1,500 ms at 3 instances');
  });

  it('falls back to the multiplier when the limit or the window is unknown', () => {
    const limitOnly = sampleFinding({ kind: 'rate-limit', properties: { limit: 100 } });
    expect(projectFinding(limitOnly, 20)?.text).toBe('100 per window per instance → 2,000 per window at 20 instances');
    const windowOnly = sampleFinding({ kind: 'rate-limit', properties: { windowMs: 60_000 } });
    expect(projectFinding(windowOnly, 20)?.text).toBe('each of 20 instances counts separately in its own 1 min window: a client gets 20 × the configured limit');
    const handRolled = sampleFinding({ kind: 'rate-limit' });
    expect(projectFinding(handRolled, 20)?.text).toBe('each of 20 instances counts separately: a client gets 20 × the configured limit');
  });

  it('says how often a scheduled job runs, from periodMs, a schedule, or neither', () => {
    const interval = sampleFinding({ kind: 'scheduler', properties: { periodMs: 300_000 } });
    expect(projectFinding(interval, 20)?.text).toBe('runs 20 times every 5 min (once on each instance) instead of once');
    const cron = sampleFinding({ kind: 'scheduler', properties: { schedule: '0 * * * *' } });
    expect(projectFinding(cron, 6)?.text).toBe('runs 6 times on each `0 * * * *` tick (once on each instance) instead of once');
    const unknown = sampleFinding({ kind: 'scheduler', properties: { periodMs: 'soon' } });
    expect(projectFinding(unknown, 3)?.text).toBe('runs 3 times per period (once on each instance) instead of once');
  });

  it('gives a broadcast over a connection registry 1/N of the clients', () => {
    const sockets = sampleFinding({ kind: 'connection-registry' });
    expect(projectFinding(sockets, 20)?.text).toBe('a broadcast reaches about 1/20 (5%) of the connected clients: only those on the sending instance');
    expect(projectFinding(sockets, 200)?.text).toContain('1/200 (0.5%)');
  });

  it('gives a cache N copies that one invalidation does not reach', () => {
    const cache = sampleFinding({ kind: 'cache' });
    expect(projectFinding(cache, 20)?.text).toMatch(/^20 independent copies; invalidation reaches one \(the other 19 serve stale data/);
  });

  it('has a sentence for every kind, naming the instance count', () => {
    for (const kind of KINDS) {
      const text = projectFinding(sampleFinding({ kind }), 7)?.text;
      expect(text, kind).toMatch(/7|86%|14%/);
    }
  });

  it('projects nothing for a line already in a shared store', () => {
    const shared = sampleFinding({ kind: 'rate-limit', instanceLocal: false, properties: { limit: 100, windowMs: 60_000 } });
    expect(projectFinding(shared, 20)).toBeUndefined();
  });

  it('says that one instance multiplies nothing but still loses the state on restart', () => {
    const limiter = sampleFinding({ kind: 'rate-limit', properties: { limit: 100, windowMs: 60_000 } });
    expect(projectFinding(limiter, 1)?.text).toBe('with one instance nothing is multiplied yet, but every restart or deploy loses this state');
  });
});

describe('projectFindings', () => {
  it('keeps report order and skips shared lines', () => {
    const findings = [
      sampleFinding({ kind: 'session', line: 1 }),
      sampleFinding({ kind: 'cache', line: 2, instanceLocal: false }),
      sampleFinding({ kind: 'local-disk', line: 3 }),
    ];
    expect(projectFindings(findings, 10).map((projection) => projection.fingerprint)).toEqual(['fp-session-1', 'fp-local-disk-3']);
  });
});

import { describe, expect, it } from 'vitest';
import { planDrill } from '../src/review/drill.js';
import { sampleFinding } from './helpers/sample-findings.js';

describe('planDrill', () => {
  it('derives one step per kind found, users\' data first, then the main flows', () => {
    const drill = planDrill([
      sampleFinding({ kind: 'rate-limit', file: 'src/server.ts', line: 12, symbol: 'rateLimit()', properties: { limit: 100, windowMs: 60_000 } }),
      sampleFinding({ kind: 'cache', file: 'src/routes/cart.ts', line: 6, symbol: 'carts', evidence: [{ file: 'src/routes/cart.ts', line: 22, message: 'written by .set() in POST /cart/items handler' }] }),
      sampleFinding({ kind: 'session', file: 'src/server.ts', line: 11, symbol: 'session()' }),
    ]);
    expect(drill.steps.map((step) => step.title)).toEqual(['Session store', 'In-process cache', 'Rate-limit counters', 'Main user flows']);
    const [session, cache, limiter, main] = drill.steps;
    expect(session!.flow).toMatch(/^Log in, .* kill the instance that served the login/);
    expect(session!.check).toMatch(/still logged in/);
    expect(cache!.flow).toMatch(/^Fill `carts` \(through POST \/cart\/items\), then kill the instance that served it/);
    expect(cache!.locations).toEqual(['src/routes/cart.ts:6']);
    expect(limiter!.flow).toContain('send 101 requests within 1 min');
    expect(main).toMatchObject({ locations: [], expectedToFail: false });
  });

  it('expects a step to fail today only when one of its findings is instance-local', () => {
    const drill = planDrill([
      sampleFinding({ kind: 'session', instanceLocal: false, line: 3 }),
      sampleFinding({ kind: 'cache', instanceLocal: false, line: 4 }),
      sampleFinding({ kind: 'cache', instanceLocal: true, line: 5 }),
    ]);
    expect(drill.steps.map((step) => [step.kind, step.expectedToFail])).toEqual([['session', false], ['cache', true], [undefined, false]]);
  });

  it('uses the tightest known limit, and a generic sentence without one', () => {
    const tight = planDrill([
      sampleFinding({ kind: 'rate-limit', line: 1, properties: { limit: 100, windowMs: 60_000 } }),
      sampleFinding({ kind: 'rate-limit', line: 2, properties: { limit: 5, windowMs: 900_000 } }),
    ]);
    expect(tight.steps[0]!.flow).toContain('send 6 requests within 15 min');
    const unknown = planDrill([sampleFinding({ kind: 'rate-limit' })]);
    expect(unknown.steps[0]!.flow).toContain('more requests than the limit allows in one window');
  });

  it('names holders and routes, and leaves call sites out of the names', () => {
    const drill = planDrill([
      sampleFinding({ kind: 'local-disk', symbol: 'writeFile()', message: 'writes to local disk with fs writeFile in POST /invoices/:id handler' }),
      sampleFinding({ kind: 'scheduler', symbol: 'cleanupTimer', properties: { periodMs: 600_000 } }),
    ]);
    expect(drill.steps[0]!.flow).toBe('Upload or create a file through POST /invoices/:id, then kill the instance that wrote it.');
    expect(drill.steps[1]!.flow).toContain('the job `cleanupTimer` through one period (10 min)');
  });

  it('mentions the planned instance count in the set-up, and works without findings', () => {
    expect(planDrill([], 20).setup[0]).toContain('(20 are planned)');
    const empty = planDrill([]);
    expect(empty.setup[0]).not.toContain('planned');
    expect(empty.steps.map((step) => step.title)).toEqual(['Main user flows']);
  });
});

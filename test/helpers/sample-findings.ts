import type { Finding } from '../../src/report/finding.js';
import type { Kind } from '../../src/report/kinds.js';

/** A finding as reporters and projections see it, with only what a test cares about set. */
export function sampleFinding(overrides: Partial<Finding> & { kind: Kind }): Finding {
  return {
    ruleId: 'sample-rule',
    severity: 'error',
    file: 'src/app.ts',
    line: 10,
    column: 7,
    endLine: 10,
    endColumn: 30,
    symbol: 'holder',
    message: 'state in `holder`',
    instanceLocal: true,
    confidence: 'high',
    impact: 'A user whose next request lands on another instance loses it.',
    move: 'Move it to a shared store.',
    evidence: [],
    fingerprint: `fp-${overrides.kind}-${overrides.line ?? 10}`,
    ...overrides,
  };
}

import type { Finding } from '../../src/report/finding.js';
import { buildReport, type Report } from '../../src/report/report.js';

/** A plain finding for reporter and gate tests; fields not given take ordinary values. */
export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'module-cache',
    kind: 'cache',
    severity: 'error',
    file: 'src/cart.ts',
    line: 3,
    column: 7,
    endLine: 3,
    endColumn: 40,
    symbol: 'carts',
    message: 'Map `carts` written at run time (.set())',
    instanceLocal: true,
    confidence: 'high',
    impact: 'A user whose next request lands on another instance does not see the cart.',
    move: 'Keep the data in a shared store.',
    evidence: [{ file: 'src/cart.ts', line: 9, message: 'written by .set() in addItem' }],
    fingerprint: 'f00d',
    ...overrides,
  };
}

export function makeReport(findings: readonly Finding[], extra: Partial<Report> = {}): Report {
  return { ...buildReport(findings, [], 1, { name: 'hidden-state', version: '0.0.0-test' }), ...extra };
}

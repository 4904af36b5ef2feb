import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../src/ci/gate.js';
import { makeFinding, makeReport } from './helpers/findings.js';

const error = (line: number, extra = {}) => makeFinding({ line, endLine: line, fingerprint: `e${line}`, ...extra });
const warning = (line: number, extra = {}) => makeFinding({ line, endLine: line, fingerprint: `w${line}`, severity: 'warning', ruleId: 'library-cache', ...extra });

describe('gate', () => {
  it('fails on instance-local findings at or above --fail-on; shared lines never count', () => {
    const report = makeReport([error(1), warning(2), makeFinding({ line: 3, severity: 'info', instanceLocal: false })]);
    expect(evaluateGate(report, { failOn: 'error' })).toMatchObject({ failed: true, verdictLine: 'Gate failed: 1 instance-local finding at or above --fail-on error (src/cart.ts:1).' });
    expect(evaluateGate(report, { failOn: 'warning' }).failures.map((finding) => finding.line)).toEqual([1, 2]);
    expect(evaluateGate(report, { failOn: 'info' }).failures.map((finding) => finding.line)).toEqual([1, 2]);
    expect(evaluateGate(report, { failOn: 'none' })).toMatchObject({ failed: false, verdictLine: 'Gate passed: no severity fails (--fail-on none).' });
  });

  it('--max-warnings governs warnings by count, whatever --fail-on says of them; errors still fail', () => {
    const warnings = makeReport([warning(1), warning(2), warning(3)]);
    expect(evaluateGate(warnings, { failOn: 'warning', maxWarnings: 3 }).failed).toBe(false);
    expect(evaluateGate(warnings, { failOn: 'error', maxWarnings: 2 })).toMatchObject({ failed: true, verdictLine: 'Gate failed: 3 warnings, more than --max-warnings 2.' });
    expect(evaluateGate(warnings, { failOn: 'error', maxWarnings: 2 }).failures).toHaveLength(3);
    const mixed = makeReport([error(1), warning(2)]);
    expect(evaluateGate(mixed, { failOn: 'warning', maxWarnings: 5 }).failures.map((finding) => finding.line)).toEqual([1]);
    expect(evaluateGate(mixed, { failOn: 'error', maxWarnings: 0 }).verdictLine).toBe(
      'Gate failed: 1 instance-local finding at or above --fail-on error (src/cart.ts:1); 1 warning, more than --max-warnings 0.',
    );
  });

  it('--min-confidence, suppressions and the baseline set findings aside, and the passing line says how many', () => {
    const report = makeReport(
      [
        error(1, { confidence: 'low' }),
        error(2, { suppression: { kind: 'next-line', justification: 'why', line: 1 } }),
        error(3, { baselineState: 'unchanged' }),
        error(4, { baselineState: 'unchanged' }),
        error(5, { confidence: 'medium', baselineState: 'new' }),
      ],
      { baseline: { file: 'b.json', recorded: 2, fixed: [] } },
    );
    expect(evaluateGate(report, { failOn: 'error' }).verdictLine).toBe('Gate failed: 2 new instance-local findings at or above --fail-on error (src/cart.ts:1, src/cart.ts:5).');
    const sure = evaluateGate(report, { failOn: 'error', minConfidence: 'high' });
    expect(sure.failed).toBe(false);
    expect(sure.setAside).toEqual({ baseline: 2, suppressed: 1, lowConfidence: 2 });
    expect(sure.verdictLine).toBe('Gate passed: no new instance-local finding at or above --fail-on error (not counted: 2 in the baseline, 1 suppressed, 2 below --min-confidence high).');
    expect(evaluateGate(report, { failOn: 'error', minConfidence: 'medium' }).failures.map((finding) => finding.line)).toEqual([5]);
  });

  it('broken suppression comments fail the gate unless it is off', () => {
    const report = makeReport([], { suppressionProblems: [{ file: 'src/a.ts', line: 7, problem: 'missing-reason', message: 'no reason' }] });
    expect(evaluateGate(report, { failOn: 'error' }).verdictLine).toBe('Gate failed: 1 suppression comment to fix (src/a.ts:7).');
    expect(evaluateGate(report, { failOn: 'none' }).failed).toBe(false);
  });

  it('names at most three places and counts the rest', () => {
    const report = makeReport([error(1), error(2), error(3), error(4), error(5)]);
    expect(evaluateGate(report, { failOn: 'error' }).verdictLine).toBe(
      'Gate failed: 5 instance-local findings at or above --fail-on error (src/cart.ts:1, src/cart.ts:2, src/cart.ts:3 and 2 more).',
    );
  });
});

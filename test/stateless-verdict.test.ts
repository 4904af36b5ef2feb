import { describe, expect, it } from 'vitest';
import { scanFixture } from './helpers/scan-fixture.js';

describe('the verdict', () => {
  it('is stateless for a service whose every line is Instance-local N', () => {
    const { report } = scanFixture('stateless-service');
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.filter((finding) => finding.instanceLocal)).toEqual([]);
    expect(report.summary).toMatchObject({ instanceLocal: 0, externalized: report.findings.length });
    expect(report.verdict).toBe('stateless');
  });

  it('is stateful as soon as one line is instance-local', () => {
    const { report } = scanFixture('warehouse-locks');
    expect(report.summary.instanceLocal).toBeGreaterThan(0);
    expect(report.verdict).toBe('stateful');
  });
});

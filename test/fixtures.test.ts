import { describe, expect, it } from 'vitest';
import { describeFindings, expectedFindings, fixtureNames, scanFixture } from './helpers/scan-fixture.js';

// Every fixture states its expected findings next to the code (`// expect: rule-id`); the scan
// must produce exactly that set: nothing missing, nothing extra.
describe.each(fixtureNames())('fixture %s', (name) => {
  it('yields exactly the findings its comments expect', () => {
    const { report } = scanFixture(name);
    expect(report.errors).toEqual([]);
    expect(describeFindings(report.findings)).toEqual(expectedFindings(name));
  });
});

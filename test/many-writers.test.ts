import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanWithDefaults } from './helpers/scan-fixture.js';
import { temporaryFolder } from './helpers/run-cli.js';
import { writeOneMapManyWriters } from './bench/writers.mjs';

/** Seconds a scan of `count` writer files takes, in this process. */
function scanSeconds(count: number): number {
  const folder = join(temporaryFolder(), 'writers');
  (writeOneMapManyWriters as (folder: string, count: number) => void)(folder, count);
  const started = performance.now();
  const { report } = scanWithDefaults(['.'], folder);
  const seconds = (performance.now() - started) / 1000;
  expect(report.findings.map((finding) => `${finding.ruleId} ${finding.symbol}`)).toEqual(['local-lock inProgress']);
  return seconds;
}

describe('one Map written from many files', () => {
  it('takes time linear in the writers', () => {
    // Before: 2,000 / 4,000 / 8,000 files took 3.4 / 9.3 / 31.3 s, most of it in the lock rule.
    scanSeconds(200); // warm up the parser and the rules
    const small = scanSeconds(1000);
    const large = scanSeconds(4000);
    // Four times the files: about 2-4 times the time when linear (measured 0.93 s and 1.92 s),
    // sixteen when quadratic (before: 1.04 s and 10.34 s).
    expect(large / small).toBeLessThan(6);
  }, 120_000);
});

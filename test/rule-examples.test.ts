import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { analyseSnippet } from './helpers/scan-fixture.js';
import { explainRule } from '../src/cli/rule-docs.js';

// `hidden-state explain` shows these examples: they must do what they claim.
describe.each(RULES.map((rule) => [rule.id, rule] as const))('documented examples of %s', (id, rule) => {
  it('flags the flagged example as instance-local', () => {
    const findings = analyseSnippet(rule.docs.flagged).filter((finding) => finding.ruleId === id);
    expect(findings.some((finding) => finding.instanceLocal)).toBe(true);
  });

  it('does not flag the look-alike as instance-local', () => {
    const findings = analyseSnippet(rule.docs.notFlagged).filter((finding) => finding.ruleId === id && finding.instanceLocal);
    expect(findings).toEqual([]);
  });

  it('explains itself with its examples', () => {
    const text = explainRule(rule);
    expect(text).toContain(`${id}: ${rule.title}`);
    expect(text).toContain(rule.docs.flagged.split('\n')[0]!);
  });
});

import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { analyseSnippet } from '../helpers/scan-fixture.js';

// `hidden-state explain` prints these examples; they must say what the rule really does.
describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s documentation', (_id, rule) => {
  it('flags its flagged example', () => {
    expect(analyseSnippet(rule.docs.flagged).map((finding) => finding.ruleId)).toContain(rule.id);
  });

  it('finds no instance-local state in its look-alike example', () => {
    const local = analyseSnippet(rule.docs.notFlagged).filter((finding) => finding.instanceLocal);
    expect(local.map((finding) => finding.ruleId)).not.toContain(rule.id);
  });
});

// Table-driven rule tests, as ESLint's RuleTester: code a rule must flag, with the lines and what
// each finding says, and look-alikes it must not. Each case is one in-memory file analysed by the
// engine with every registered rule (the rule under test in place of its registered self), since
// which rule keeps a holder is decided between them.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { SHARED_STORES, STATE_SOURCES } from '../../src/catalogue/catalogue.js';
import { createCatalogue } from '../../src/catalogue/types.js';
import { analyse } from '../../src/engine/engine.js';
import { parseText } from '../../src/engine/parse.js';
import type { Rule } from '../../src/engine/rule.js';
import type { Confidence, Finding, Severity } from '../../src/report/finding.js';
import { compareText } from '../../src/shared/compare-text.js';

/** Source text, or its lines (joined with newlines, so a case counts lines from 1). */
type Code = string | readonly string[];

/** One finding a case must produce; only the fields given are compared. */
export interface ExpectedFinding {
  line: number;
  column?: number;
  /** Default: the rule under test. */
  ruleId?: string;
  /** The message the finding's text was made from. */
  messageId?: string;
  message?: string;
  symbol?: string;
  severity?: Severity;
  confidence?: Confidence;
  instanceLocal?: boolean;
  /** `undefined` checks that the finding has none. */
  properties?: Finding['properties'];
  /** The evidence in order, each with the fields given. */
  evidence?: { line?: number; message?: string; file?: string }[];
}

export interface InvalidCase {
  name: string;
  code: Code;
  /** Every finding of the file, of any rule, in report order. */
  findings: ExpectedFinding[];
  /** Default `snippet.ts`. */
  file?: string;
}

export type ValidCase = Code | { name: string; code: Code; file?: string };

export interface RuleTests {
  /** Look-alikes: no finding of any rule. */
  valid?: readonly ValidCase[];
  invalid?: readonly InvalidCase[];
}

/** One `describe` for the rule, one `it` per case. A rule not in rules/ (a test's own) runs beside every registered one. */
export function testRule(ruleOrId: Rule | string, { valid = [], invalid = [] }: RuleTests): void {
  const rule = typeof ruleOrId === 'string' ? registeredRule(ruleOrId) : ruleOrId;
  const rules = [...RULES.filter((other) => other.id !== rule.id), rule].sort((a, b) => compareText(a.id, b.id));
  const findingsOf = (code: Code, file = 'snippet.ts'): Finding[] => {
    const text = typeof code === 'string' ? code : code.join('\n');
    const { findings, errors } = analyse([parseText(file, text)], rules.map((each) => ({ rule: each, severity: each.severity })), createCatalogue(STATE_SOURCES, SHARED_STORES));
    expect(errors, 'rule crashes').toEqual([]);
    return findings;
  };

  describe(rule.id, () => {
    for (const test of valid) {
      const { name, code, file } = typeof test === 'object' && 'code' in test ? test : { name: firstLine(test), code: test, file: undefined };
      it(`valid: ${name}`, () => {
        expect(findingsOf(code, file).map((finding) => summaryOf(finding))).toEqual([]);
      });
    }
    for (const test of invalid) {
      it(`invalid: ${test.name}`, () => {
        const expected = test.findings.map((finding) => ({ ...finding, ruleId: finding.ruleId ?? rule.id }));
        const actual = findingsOf(test.code, test.file).map((finding, index) => project(finding, expected[index], rules));
        expect(actual).toEqual(expected);
      });
    }
  });
}

function registeredRule(id: string): Rule {
  const rule = RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`no rule '${id}' in rules/index.ts`);
  return rule;
}

/** The finding with only the fields the expectation names, so that a diff shows just those. */
function project(finding: Finding, expected: ExpectedFinding | undefined, rules: readonly Rule[]): Partial<ExpectedFinding> {
  if (!expected) return summaryOf(finding);
  const projected: Partial<ExpectedFinding> = {};
  for (const key of Object.keys(expected) as (keyof ExpectedFinding)[]) {
    if (key === 'messageId') projected.messageId = messageIdOf(finding, expected.messageId!, rules);
    else if (key === 'evidence') projected.evidence = finding.evidence.map((item, index) => pick(item, Object.keys(expected.evidence?.[index] ?? { line: 0, message: '' })));
    else Object.assign(projected, { [key]: finding[key] });
  }
  return projected;
}

/** What an unexpected finding shows in a diff. */
function summaryOf(finding: Finding): Partial<ExpectedFinding> {
  return { line: finding.line, ruleId: finding.ruleId, message: finding.message };
}

/**
 * Findings carry text, not message ids: the id is the expected one when its template (with any
 * text for each placeholder) gives the message, else every id whose template does.
 */
function messageIdOf(finding: Finding, expected: string, rules: readonly Rule[]): string {
  const messages = rules.find((rule) => rule.id === finding.ruleId)?.messages ?? {};
  const matching = Object.entries(messages).filter(([, template]) => templatePattern(template).test(finding.message)).map(([id]) => id);
  if (matching.includes(expected)) return expected;
  return matching.length > 0 ? matching.join(' | ') : `(no message template gives "${finding.message}")`;
}

function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\{\s*\w+\s*\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // A message may be extended after its template (one line naming the holders written by the same code).
  return new RegExp(`^${parts.join('[\\s\\S]*?')}`);
}

function pick<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, value[key as keyof T]])) as Partial<T>;
}

function firstLine(code: Code): string {
  const text = typeof code === 'string' ? code : code.join('\n');
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '(empty)';
}

import { KIND_TITLES } from '../report/kinds.js';
import type { RuleSummary } from '../report/report.js';
import type { Rule } from '../engine/rule.js';

/** Where the rules are documented: the README, one heading per rule id. */
export const RULE_DOCS_URL = 'https://www.npmjs.com/package/hidden-state';

/** The rules as plain data for reporters, in registry order. */
export function summarizeRules(rules: readonly Rule[]): RuleSummary[] {
  return rules.map((rule) => ({
    id: rule.id,
    kind: rule.kind,
    title: rule.title,
    description: rule.description,
    rationale: rule.docs.rationale,
    notState: rule.docs.notState,
    severity: rule.severity,
    impact: rule.impact,
    move: rule.move,
    helpUri: `${RULE_DOCS_URL}#${rule.id}`,
  }));
}

/** `hidden-state rules`: one line per rule, aligned. */
export function listRules(rules: readonly Rule[]): string {
  const idWidth = Math.max(...rules.map((rule) => rule.id.length));
  const kindWidth = Math.max(...rules.map((rule) => rule.kind.length));
  const lines = rules.map((rule) => `${rule.id.padEnd(idWidth)}  ${rule.kind.padEnd(kindWidth)}  ${rule.severity.padEnd(7)}  ${rule.title}`);
  return `${['id'.padEnd(idWidth), 'kind'.padEnd(kindWidth), 'default', 'title'].join('  ')}\n${lines.join('\n')}\n`;
}

/** `hidden-state explain <rule-id>`: the rule's documentation as plain text. */
export function explainRule(rule: Rule): string {
  const indent = (code: string): string => code.split('\n').map((line) => `    ${line}`).join('\n');
  return [
    `${rule.id}: ${rule.title}`,
    `kind: ${rule.kind} (${KIND_TITLES[rule.kind]}), default severity: ${rule.severity}`,
    '',
    rule.description,
    '',
    'Why it is state',
    `  ${rule.docs.rationale}`,
    '',
    'Impact if the next request lands on another instance',
    `  ${rule.impact}`,
    '',
    'Proposed move',
    `  ${rule.move}`,
    '',
    'When it is not state',
    `  ${rule.docs.notState}`,
    '',
    'Flagged:',
    indent(rule.docs.flagged),
    '',
    'Not flagged:',
    indent(rule.docs.notFlagged),
    '',
  ].join('\n');
}

import type { Finding } from '../../src/report/finding.js';
import { analyseSnippet } from '../helpers/scan-fixture.js';

/** `line rule-id Y|N confidence` for every finding of a snippet, in report order. */
export function linesOf(text: string): string[] {
  return analyseSnippet(text).map(describe);
}

/** The findings of one rule, described the same way. */
export function ruleLines(text: string, ruleId: string): string[] {
  return analyseSnippet(text).filter((finding) => finding.ruleId === ruleId).map(describe);
}

function describe(finding: Finding): string {
  return `${finding.line} ${finding.ruleId} ${finding.instanceLocal ? 'Y' : 'N'} ${finding.confidence}`;
}

/** Joins source lines, so tests can count lines from 1. */
export function source(...lines: string[]): string {
  return lines.join('\n');
}

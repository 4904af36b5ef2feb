import type { Finding } from '../report/finding.js';
import type { Report } from '../report/report.js';
import { compareText } from '../shared/compare-text.js';

/** The suite of what concerns the scan itself: files not analysed, broken suppression comments. */
const SCAN_SUITE = 'hidden-state';

interface TestCase {
  name: string;
  classname: string;
  /** `failure` or `error` with its message and text; absent for a case that passed. */
  outcome?: { element: 'failure' | 'error' | 'skipped'; type: string; message: string; text: string };
}

/**
 * JUnit XML, as CI systems read test results (GitLab's test report, Jenkins): one testsuite per
 * rule, one testcase per finding. An instance-local finding is a failing case; a line already in
 * a shared store passes; an accepted one (suppressed, in the baseline) is skipped. Files that
 * could not be analysed are errors and broken suppression comments failures of the `hidden-state`
 * suite, which also holds one passing case when nothing was found, so a clean run is not empty.
 */
export function formatJunit(report: Report): string {
  const suites = new Map<string, TestCase[]>();
  for (const finding of report.findings) {
    const cases = suites.get(finding.ruleId) ?? [];
    cases.push(findingCase(finding));
    suites.set(finding.ruleId, cases);
  }
  const scanCases: TestCase[] = [
    ...report.errors.map((error) => ({
      name: error.file,
      classname: `${SCAN_SUITE}.file-not-analysed`,
      outcome: { element: 'error' as const, type: 'not-analysed', message: `File not analysed: ${error.message}`, text: `${error.file}: ${error.message}` },
    })),
    ...(report.suppressionProblems ?? []).map((problem) => ({
      name: `${problem.file}:${problem.line}`,
      classname: `${SCAN_SUITE}.suppression-comment`,
      outcome: { element: 'failure' as const, type: problem.problem, message: problem.message, text: `${problem.file}:${problem.line}: ${problem.message}` },
    })),
  ];
  if (report.findings.length === 0 && scanCases.length === 0) {
    scanCases.push({ name: `no hidden state found in ${report.summary.files} file${report.summary.files === 1 ? '' : 's'}`, classname: SCAN_SUITE });
  }
  const ordered = [...suites].sort(([a], [b]) => compareText(a, b));
  if (scanCases.length > 0) ordered.push([SCAN_SUITE, scanCases]);
  const all = ordered.flatMap(([, cases]) => cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes({ name: report.tool.name, tests: all.length, failures: count(all, 'failure'), errors: count(all, 'error') })}>`,
    ...ordered.flatMap(([name, cases]) => suiteLines(name, cases)),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function findingCase(finding: Finding): TestCase {
  const name = `${finding.file}:${finding.line} ${finding.symbol}`;
  const classname = `${SCAN_SUITE}.${finding.ruleId}`;
  if (finding.suppression) return { name, classname, outcome: { element: 'skipped', type: 'suppressed', message: `Suppressed: ${finding.suppression.justification}`, text: '' } };
  if (finding.baselineState === 'unchanged') return { name, classname, outcome: { element: 'skipped', type: 'baseline', message: 'Recorded in the baseline', text: '' } };
  if (!finding.instanceLocal) return { name, classname };
  const text = [
    `${finding.file}:${finding.line}:${finding.column}: ${finding.message}`,
    `Kind: ${finding.kind}; severity: ${finding.severity}; confidence: ${finding.confidence}`,
    `Impact if the next request lands on another instance: ${finding.impact}`,
    `Proposed move: ${finding.move}`,
    ...finding.evidence.map((evidence) => `  ${evidence.file}:${evidence.line}: ${evidence.message}`),
  ].join('\n');
  return { name, classname, outcome: { element: 'failure', type: finding.severity, message: finding.message, text } };
}

function suiteLines(name: string, cases: readonly TestCase[]): string[] {
  const head = attributes({ name, tests: cases.length, failures: count(cases, 'failure'), errors: count(cases, 'error'), skipped: count(cases, 'skipped') });
  return [`  <testsuite ${head}>`, ...cases.flatMap(caseLines), '  </testsuite>'];
}

function caseLines(testCase: TestCase): string[] {
  const head = `    <testcase ${attributes({ name: testCase.name, classname: testCase.classname })}`;
  const { outcome } = testCase;
  if (!outcome) return [`${head}/>`];
  const open = `<${outcome.element} ${attributes({ type: outcome.type, message: outcome.message })}`;
  const body = outcome.text === '' ? `${open}/>` : `${open}>${escapeXml(outcome.text)}</${outcome.element}>`;
  return [`${head}>`, `      ${body}`, '    </testcase>'];
}

function count(cases: readonly TestCase[], element: 'failure' | 'error' | 'skipped'): number {
  return cases.filter((testCase) => testCase.outcome?.element === element).length;
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${escapeXml(String(value)).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;')}"`)
    .join(' ');
}

/**
 * Text as XML 1.0 allows it: markup characters as entities, and characters XML cannot hold at
 * all (controls other than tab and line breaks, lone surrogates, U+FFFE and U+FFFF) as a visible
 * `\uXXXX`, as the text formats show them.
 */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

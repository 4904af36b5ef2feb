import type { Severity } from '../report/finding.js';
import type { Report } from '../report/report.js';
import { safeJson } from '../report/safe-text.js';

/** One entry of a GitLab Code Quality report (the fields GitLab reads, see docs/ci.md). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end?: number } };
}

/** As ESLint's GitLab formatters map them: what fails the gate by default is `major`. */
const SEVERITIES: Record<Severity, CodeQualityIssue['severity']> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * A GitLab Code Quality report: a JSON array with one issue per instance-local finding that is
 * neither suppressed nor in the baseline, per broken suppression comment and per file that could
 * not be analysed. GitLab keys issues by fingerprint (a repeated one replaces the first), so a
 * fingerprint seen before gets the number of its occurrence.
 */
export function formatGitlab(report: Report): string {
  const issues: CodeQualityIssue[] = [];
  for (const finding of report.findings) {
    if (!finding.instanceLocal || finding.suppression || finding.baselineState === 'unchanged') continue;
    issues.push({
      description: `${finding.message}. Proposed move: ${finding.move}`,
      check_name: `hidden-state/${finding.ruleId}`,
      fingerprint: finding.fingerprint,
      severity: SEVERITIES[finding.severity],
      location: { path: finding.file, lines: { begin: finding.line, end: finding.endLine } },
    });
  }
  for (const problem of report.suppressionProblems ?? []) {
    issues.push({
      description: problem.message,
      check_name: 'hidden-state/suppression-comment',
      fingerprint: `suppression:${problem.problem}:${problem.file}:${problem.line}`,
      severity: 'major',
      location: { path: problem.file, lines: { begin: problem.line } },
    });
  }
  for (const error of report.errors) {
    issues.push({
      description: `File not analysed: ${error.message}`,
      check_name: 'hidden-state/file-not-analysed',
      fingerprint: `not-analysed:${error.file}`,
      severity: 'major',
      location: { path: error.file, lines: { begin: 1 } },
    });
  }
  return `${safeJson(JSON.stringify(withUniqueFingerprints(issues), null, 2))}\n`;
}

function withUniqueFingerprints(issues: readonly CodeQualityIssue[]): CodeQualityIssue[] {
  const seen = new Map<string, number>();
  return issues.map((issue) => {
    const count = (seen.get(issue.fingerprint) ?? 0) + 1;
    seen.set(issue.fingerprint, count);
    return count === 1 ? issue : { ...issue, fingerprint: `${issue.fingerprint}#${count}` };
  });
}

import type { Finding, Severity } from '../report/finding.js';
import type { Report } from '../report/report.js';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::…`) that put each finding on the
 * pull request's diff. Only what a reviewer must look at is annotated: instance-local findings
 * that are neither suppressed nor in the baseline, broken suppression comments, unreadable files.
 */
export function formatGithub(report: Report): string {
  const lines: string[] = [];
  for (const finding of report.findings) {
    if (!finding.instanceLocal || finding.suppression || finding.baselineState === 'unchanged') continue;
    lines.push(annotation(COMMANDS[finding.severity], findingProperties(finding), `${finding.message}. Proposed move: ${finding.move}`));
  }
  for (const problem of report.suppressionProblems ?? []) {
    lines.push(annotation('error', { file: problem.file, line: problem.line, title: 'hidden-state: suppression comment' }, problem.message));
  }
  for (const error of report.errors) {
    lines.push(annotation('warning', { file: error.file, title: 'hidden-state: file not analysed' }, error.message));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function findingProperties(finding: Finding): Record<string, string | number> {
  const properties: Record<string, string | number> = { file: finding.file, line: finding.line, col: finding.column };
  // GitHub takes an end column only on a one-line annotation.
  if (finding.endLine !== finding.line) properties.endLine = finding.endLine;
  else properties.endColumn = finding.endColumn;
  properties.title = `hidden-state ${finding.ruleId} (${finding.kind})`;
  return properties;
}

function annotation(command: string, properties: Record<string, string | number>, message: string): string {
  const list = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${command} ${list.join(',')}::${escapeData(message)}`;
}

/** Message text: `%`, carriage returns and line feeds would end or garble the command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: also `:` and `,`, which separate the properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

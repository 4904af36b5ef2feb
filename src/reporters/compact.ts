import type { Report } from '../report/report.js';

/** One `file:line:col: severity message [rule]` line per finding, for editors and grep. */
export function formatCompact(report: Report): string {
  const lines = report.findings.map((finding) => {
    const place = finding.instanceLocal ? 'instance-local' : 'shared';
    return `${finding.file}:${finding.line}:${finding.column}: ${finding.severity} ${finding.message} (${place}) [${finding.ruleId}]`;
  });
  for (const error of report.errors) lines.push(`${error.file}: error ${error.message} [scan]`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

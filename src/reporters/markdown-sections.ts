import type { Finding } from '../report/finding.js';
import { KIND_TITLES } from '../report/kinds.js';
import type { Report } from '../report/report.js';
import { linkTo } from '../review/links.js';
import { describeAccepted, describeVerdict, type Review, type ReviewContext } from '../review/review.js';
import { formatNumber, formatPercent } from '../shared/number-format.js';
import { code, inline } from './markdown-text.js';
import { locationOf } from './review-text.js';

/** `file:line` as code, linked to the code when the review has a link template. */
export function locationMarkdown(context: ReviewContext, finding: Pick<Finding, 'file' | 'line'>, table = false): string {
  const text = code(locationOf(finding), table);
  const url = linkTo(context, finding.file, finding.line);
  return url === undefined ? text : `[${text}](${url})`;
}

export function header(report: Report, review: Review): string {
  const { context } = review;
  const sources = context.tsconfigs.length > 0 ? `files listed by ${context.tsconfigs.map((file) => code(file)).join(', ')}` : 'every source file below the scanned paths';
  const entries = context.entries.length > 0 ? context.entries.map((entry) => code(entry)).join(', ') : 'none detected';
  const checkout = context.checkout;
  const lines = [
    `# Readiness review: ${inline(context.service)}`,
    '',
    `- **Service:** ${inline(context.service)}`,
    ...(context.date ? [`- **Date:** ${inline(context.date)}`] : []),
    ...(checkout ? [`- **Commit:** ${code(checkout.commit)}${checkout.branch ? ` on ${code(checkout.branch)}` : ''}`] : []),
    `- **Tool:** ${inline(`${report.tool.name} ${report.tool.version}`)}`,
    `- **Files scanned:** ${report.summary.files}`,
    `- **Entries used:** ${entries}; ${sources}`,
    ...(context.instances !== undefined ? [`- **Planned instances:** ${formatNumber(context.instances)}`] : []),
    ...(context.sessionStore
      ? [`- **Peak load:** ${formatNumber(context.sessionStore.peakRps)} req/s, ${formatPercent(context.sessionStore.writeRatio)} of them writing the session`]
      : []),
  ];
  return lines.join('\n');
}

export function verdict(report: Report, review: Review): string {
  const { title, detail } = describeVerdict(report);
  const accepted = describeAccepted(review);
  const alert = report.verdict === 'stateless' ? 'TIP' : report.verdict === 'incomplete' ? 'WARNING' : 'CAUTION';
  return `## Verdict: ${title}\n\n> [!${alert}]\n> **${title}.** ${inline(accepted ? `${detail} ${accepted}` : detail)}`;
}

export function counts(report: Report, review: Review): string {
  if (review.kinds.length === 0) return '';
  const kindRows = review.kinds.map(({ kind, instanceLocal, shared }) => `| ${KIND_TITLES[kind]} (${code(kind)}) | ${instanceLocal} | ${shared} | ${instanceLocal + shared} |`);
  const { summary } = report;
  const severityRows = (['error', 'warning', 'info'] as const).map((severity) => `| ${severity} | ${summary.bySeverity[severity]} |`);
  return [
    '## Counts',
    '',
    '| Kind | Instance-local | Shared store | Total |',
    '| --- | ---: | ---: | ---: |',
    ...kindRows,
    `| **All kinds** | **${summary.instanceLocal}** | **${summary.externalized}** | **${summary.findings}** |`,
    '',
    '| Severity | Lines |',
    '| --- | ---: |',
    ...severityRows,
  ].join('\n');
}

/** The files not analysed; past `limit` of them, how many more. */
export function errors(report: Report, limit = Infinity): string {
  if (report.errors.length === 0) return '';
  const lines = report.errors.slice(0, limit).map((error) => `- ${code(error.file)}: ${inline(error.message)}`);
  if (report.errors.length > limit) lines.push(`- and ${report.errors.length - limit} more`);
  return `## Files not analysed\n\n> [!WARNING]\n> The verdict does not cover these files.\n\n${lines.join('\n')}`;
}

/** The lines accepted on purpose, each with the reason its comment gives (or the baseline). */
export function accepted(review: Review): string {
  if (review.accepted.length === 0) return '';
  const rows = review.accepted.map(({ finding, reason }) => {
    const cells = [locationMarkdown(review.context, finding, true), inline(finding.message, true), code(finding.ruleId, true), finding.instanceLocal ? '**Y**' : 'N', inline(reason, true)];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '## Accepted lines',
    '',
    'State kept on purpose: suppressed by a `hidden-state-ignore` comment or recorded in the baseline, so it does not fail the run.',
    '',
    '| Location | State | Rule | Instance-local | Accepted because |',
    '| --- | --- | --- | :---: | --- |',
    ...rows,
  ].join('\n');
}

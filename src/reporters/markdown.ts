import type { Finding } from '../report/finding.js';
import { KIND_TITLES } from '../report/kinds.js';
import { formatNumber, formatPercent } from '../shared/number-format.js';
import type { Report } from '../report/report.js';
import { describeVerdict, reviewOf, UNPLANNED_REVIEW, type Review } from '../review/review.js';
import type { ReporterOptions } from './options.js';
import { code, codeBlock, inline } from './markdown-text.js';
import { excerptLanguage, locationOf } from './review-text.js';

/** The readiness-review report as GitHub-flavoured Markdown: for a PR comment or a wiki page. */
export function formatMarkdown(report: Report, options: ReporterOptions): string {
  const review = reviewOf(report, options.review ?? UNPLANNED_REVIEW);
  const sections = [
    header(report, review),
    verdict(report),
    counts(report, review),
    errors(report),
    auditTable(report),
    findingSections(report, review),
    projections(report, review),
    sessionStore(review),
    drill(review),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function header(report: Report, review: Review): string {
  const { context } = review;
  const sources = context.tsconfigs.length > 0 ? `files listed by ${context.tsconfigs.map((file) => code(file)).join(', ')}` : 'every source file below the scanned paths';
  const entries = context.entries.length > 0 ? context.entries.map((entry) => code(entry)).join(', ') : 'none detected';
  const lines = [
    `# Readiness review: ${inline(context.service)}`,
    '',
    `- **Service:** ${inline(context.service)}`,
    ...(context.date ? [`- **Date:** ${inline(context.date)}`] : []),
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

function verdict(report: Report): string {
  const { title, detail } = describeVerdict(report);
  const alert = report.verdict === 'stateless' ? 'TIP' : report.verdict === 'incomplete' ? 'WARNING' : 'CAUTION';
  return `## Verdict: ${title}\n\n> [!${alert}]\n> **${title}.** ${inline(detail)}`;
}

function counts(report: Report, review: Review): string {
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

function errors(report: Report): string {
  if (report.errors.length === 0) return '';
  const lines = report.errors.map((error) => `- ${code(error.file)}: ${inline(error.message)}`);
  return `## Files not analysed\n\n> [!WARNING]\n> The verdict does not cover these files.\n\n${lines.join('\n')}`;
}

function auditTable(report: Report): string {
  if (report.findings.length === 0) return '## Audit table\n\nNo place holds state.';
  const rows = report.findings.map((finding) => {
    const cells = [
      code(locationOf(finding), true),
      inline(finding.message, true),
      KIND_TITLES[finding.kind],
      finding.instanceLocal ? '**Y**' : 'N',
      inline(finding.impact, true),
      inline(finding.move, true),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '## Audit table',
    '',
    '| Location | State | Kind | Instance-local | Impact if the next request lands on another instance | Proposed move |',
    '| --- | --- | --- | :---: | --- | --- |',
    ...rows,
  ].join('\n');
}

function findingSections(report: Report, review: Review): string {
  if (report.findings.length === 0) return '';
  const projections = new Map(review.projections.map((projection) => [projection.fingerprint, projection.text]));
  const sections = report.findings.map((finding, index) => findingSection(finding, index + 1, projections.get(finding.fingerprint), review));
  return `## Findings\n\n${sections.join('\n\n')}`;
}

function findingSection(finding: Finding, number: number, projection: string | undefined, review: Review): string {
  const facts = [
    `**Kind:** ${KIND_TITLES[finding.kind]}`,
    `**Severity:** ${finding.severity}`,
    `**Confidence:** ${finding.confidence}`,
    `**Instance-local:** ${finding.instanceLocal ? 'Y' : 'N'}`,
    `**Rule:** ${code(finding.ruleId)}`,
  ].join(' · ');
  const lines = [`### ${number}. ${code(finding.symbol)} at ${inline(locationOf(finding))}`, '', inline(finding.message), '', facts];
  if (projection && review.context.instances !== undefined) lines.push('', `**At ${formatNumber(review.context.instances)} instances:** ${inline(projection)}`);
  lines.push('', `**Move:** ${inline(finding.move)}`);
  if (finding.evidence.length > 0) {
    lines.push('', '**Evidence**', '');
    for (const item of finding.evidence) {
      const where = item.file === finding.file ? `line ${item.line}` : `${item.file}:${item.line}`;
      lines.push(`- ${inline(where)}: ${inline(item.message)}`);
    }
  }
  if (finding.excerpt) {
    const { startLine, lines: source } = finding.excerpt;
    const range = source.length > 1 ? `lines ${startLine}–${startLine + source.length - 1}` : `line ${startLine}`;
    lines.push('', `${inline(finding.file)}, ${range}:`, '', codeBlock(source, excerptLanguage(finding.file)));
  }
  return lines.join('\n');
}

function projections(report: Report, review: Review): string {
  const { instances } = review.context;
  if (instances === undefined) return '';
  const title = `## At ${formatNumber(instances)} instances`;
  if (review.projections.length === 0) return `${title}\n\nNo instance-local state: nothing multiplies with the instance count.`;
  const byFingerprint = new Map(report.findings.map((finding) => [finding.fingerprint, finding]));
  const rows = review.projections.map((projection) => {
    const finding = byFingerprint.get(projection.fingerprint)!;
    return `| ${code(locationOf(finding), true)} | ${KIND_TITLES[projection.kind]} | ${inline(projection.text, true)} |`;
  });
  return [title, '', '| Location | Kind | What it becomes |', '| --- | --- | --- |', ...rows].join('\n');
}

function sessionStore(review: Review): string {
  const sizing = review.sessionStore;
  if (!sizing) return '';
  return ['## Session-store sizing', '', `**${inline(sizing.text.headline)}**`, '', ...sizing.text.details.map((line) => `- ${inline(line)}`)].join('\n');
}

function drill(review: Review): string {
  const { setup, steps, passCriterion } = review.drill;
  const items = steps.map((step) => {
    const status = step.locations.length === 0 ? '' : step.expectedToFail ? ' — fails today' : ' — should pass';
    const where = step.locations.length > 0 ? ` (${step.locations.map((location) => code(location)).join(', ')})` : '';
    return [`- [ ] **${inline(step.title)}**${status}${where}`, `  - Do: ${inline(step.flow)}`, `  - Must hold: ${inline(step.check)}`].join('\n');
  });
  return [
    '## Chaos drill',
    '',
    ...setup.map((line, index) => `${index + 1}. ${inline(line)}`),
    '',
    ...items,
    '',
    inline(passCriterion),
  ].join('\n');
}

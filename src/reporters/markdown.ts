import type { Finding } from '../report/finding.js';
import { KIND_TITLES } from '../report/kinds.js';
import { formatNumber } from '../shared/number-format.js';
import type { Report } from '../report/report.js';
import { linkTo } from '../review/links.js';
import { reviewOf, UNPLANNED_REVIEW, type Review } from '../review/review.js';
import type { ReporterOptions } from './options.js';
import { accepted, counts, errors, header, locationMarkdown, verdict } from './markdown-sections.js';
import { formatMarkdownSummary, MARKDOWN_BUDGET } from './markdown-summary.js';
import { code, codeBlock, inline } from './markdown-text.js';
import { excerptLanguage, locationOf } from './review-text.js';

/**
 * The readiness-review report as GitHub-flavoured Markdown: for a PR comment or a wiki page. A
 * review longer than a GitHub comment holds becomes its summary (see markdown-summary.ts).
 */
export function formatMarkdown(report: Report, options: ReporterOptions): string {
  const review = reviewOf(report, options.review ?? UNPLANNED_REVIEW);
  const sections = [
    header(report, review),
    verdict(report, review),
    counts(report, review),
    errors(report),
    auditTable(report, review),
    accepted(review),
    findingSections(review),
    projections(report, review),
    sessionStore(review),
    drill(review),
  ];
  const full = `${sections.filter((section) => section !== '').join('\n\n')}\n`;
  return full.length <= MARKDOWN_BUDGET ? full : formatMarkdownSummary(report, review, full.length);
}

function auditTable(report: Report, review: Review): string {
  if (report.findings.length === 0) return '## Audit table\n\nNo place holds state.';
  if (review.open.length === 0) return '## Audit table\n\nNo line to act on: every line found is accepted on purpose (see Accepted lines).';
  const rows = review.open.map((finding) => {
    const cells = [
      locationMarkdown(review.context, finding, true),
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

function findingSections(review: Review): string {
  if (review.open.length === 0) return '';
  const projections = new Map(review.projections.map((projection) => [projection.fingerprint, projection.text]));
  const sections = review.open.map((finding, index) => findingSection(finding, index + 1, projections.get(finding.fingerprint), review));
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
  const url = linkTo(review.context, finding.file, finding.line);
  const at = url === undefined ? inline(locationOf(finding)) : `[${code(locationOf(finding))}](${url})`;
  const lines = [`### ${number}. ${code(finding.symbol)} at ${at}`, '', inline(finding.message), '', facts];
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
    return `| ${locationMarkdown(review.context, finding, true)} | ${KIND_TITLES[projection.kind]} | ${inline(projection.text, true)} |`;
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

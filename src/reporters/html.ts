import type { Finding, Severity } from '../report/finding.js';
import { KIND_TITLES } from '../report/kinds.js';
import { formatNumber } from '../shared/number-format.js';
import { compareText } from '../shared/compare-text.js';
import type { Report } from '../report/report.js';
import { linkTo } from '../review/links.js';
import { describeAccepted, describeVerdict, reviewOf, UNPLANNED_REVIEW, type Review } from '../review/review.js';
import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from './html-assets.js';
import { kindChart } from './html-chart.js';
import { accepted, drill, errors, header, locationHtml, projections, sessionStore } from './html-sections.js';
import { breakablePath, escapeHtml, richText } from './html-text.js';
import type { ReporterOptions } from './options.js';
import { locationOf } from './review-text.js';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const COLUMNS = ['Location', 'State', 'Kind', 'Instance-local', 'Impact if the next request lands on another instance', 'Proposed move'];
const COLUMN_CLASSES = ['location', 'state', 'kind', 'local', 'impact', 'move'];

/** The readiness-review report as one self-contained HTML page: no network, inline style, script and SVG. */
export function formatHtml(report: Report, options: ReporterOptions): string {
  const review = reviewOf(report, options.review ?? UNPLANNED_REVIEW);
  const title = `Readiness review: ${review.context.service}`;
  const body = [
    header(report, review),
    verdict(report, review),
    overview(report, review),
    errors(report),
    auditTable(report, review),
    accepted(review),
    projections(report, review),
    sessionStore(review),
    drill(review),
    `<footer>Made by ${escapeHtml(`${report.tool.name} ${report.tool.version}`)}${review.context.date ? ` on ${escapeHtml(review.context.date)}` : ''}.</footer>`,
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body.filter((part) => part !== ''),
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function verdict(report: Report, review: Review): string {
  const { title, detail } = describeVerdict(report);
  const accepted = describeAccepted(review);
  return `<section class="verdict verdict-${report.verdict}" id="verdict" role="status"><span class="verdict-title">${title}</span>${escapeHtml(accepted ? `${detail} ${accepted}` : detail)}</section>`;
}

function overview(report: Report, review: Review): string {
  if (review.kinds.length === 0) return '';
  const { summary } = report;
  const kindRows = review.kinds
    .map(({ kind, instanceLocal, shared }) => `<tr><td>${KIND_TITLES[kind]}</td><td class="number">${instanceLocal}</td><td class="number">${shared}</td></tr>`)
    .join('');
  const severityRows = SEVERITIES.map((severity) => `<tr><td><span class="badge severity-${severity}">${severity}</span></td><td class="number">${summary.bySeverity[severity]}</td></tr>`).join('');
  return [
    '<section id="overview"><h2>Findings by kind</h2><div class="overview">',
    kindChart(review.kinds),
    '<div class="count-tables">',
    `<table class="counts" id="kind-counts"><thead><tr><th>Kind</th><th class="number">Instance-local</th><th class="number">Shared</th></tr></thead><tbody>${kindRows}</tbody></table>`,
    `<table class="counts" id="severity-counts"><thead><tr><th>Severity</th><th class="number">Lines</th></tr></thead><tbody>${severityRows}</tbody></table>`,
    '</div>',
    '</div></section>',
  ].join('\n');
}

function auditTable(report: Report, review: Review): string {
  if (report.findings.length === 0) return '<section id="audit"><h2>Audit table</h2><p>No place holds state.</p></section>';
  if (review.open.length === 0) return '<section id="audit"><h2>Audit table</h2><p>No line to act on: every line found is accepted on purpose (see Accepted lines).</p></section>';
  const projections = new Map(review.projections.map((projection) => [projection.fingerprint, projection.text]));
  const head = COLUMNS.map((column) => `<th scope="col" aria-sort="none"><button type="button" class="sort">${column}<span class="sort-mark" aria-hidden="true"></span></button></th>`).join('');
  const ranks = locationRanks(review.open);
  const groups = review.open.map((finding, index) => findingGroup(finding, index, ranks[index]!, projections.get(finding.fingerprint), review));
  return [
    '<section id="audit"><h2>Audit table</h2>',
    filterControls(review.open),
    `<table class="cards" id="audit-table"><colgroup>${COLUMN_CLASSES.map((name) => `<col class="column-${name}">`).join('')}</colgroup><thead><tr>${head}</tr></thead>`,
    ...groups,
    '</table></section>',
  ].join('\n');
}

/** Each finding's place when sorted by file, then line: the Location column sorts by it (no separator to pick). */
function locationRanks(findings: readonly Finding[]): number[] {
  const order = findings.map((_, index) => index).sort((a, b) => compareText(findings[a]!.file, findings[b]!.file) || findings[a]!.line - findings[b]!.line || a - b);
  const ranks: number[] = [];
  order.forEach((index, rank) => (ranks[index] = rank));
  return ranks;
}

/** Filters whose counts are those of the lines the table shows. */
function filterControls(findings: readonly Finding[]): string {
  const option = (value: string, label: string): string => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  const count = (keep: (finding: Finding) => boolean): number => findings.filter(keep).length;
  const kinds = Object.keys(KIND_TITLES)
    .filter((kind) => count((finding) => finding.kind === kind) > 0)
    .map((kind) => option(kind, `${KIND_TITLES[kind as keyof typeof KIND_TITLES]} (${count((finding) => finding.kind === kind)})`));
  const severities = SEVERITIES.filter((severity) => count((finding) => finding.severity === severity) > 0).map((severity) =>
    option(severity, `${severity} (${count((finding) => finding.severity === severity)})`),
  );
  return [
    '<div class="controls" role="group" aria-label="Filter the audit table">',
    `<label>Kind <select id="filter-kind" data-filter="kind">${option('', 'All kinds')}${kinds.join('')}</select></label>`,
    `<label>Severity <select id="filter-severity" data-filter="severity">${option('', 'All severities')}${severities.join('')}</select></label>`,
    `<label>Instance-local <select id="filter-local" data-filter="local">${option('', 'Y and N')}${option('Y', 'Y only')}${option('N', 'N only')}</select></label>`,
    '<button type="button" id="expand-all" aria-pressed="false">Expand all</button>',
    `<span class="shown-count" id="shown-count" aria-live="polite">Showing ${findings.length} of ${findings.length}</span>`,
    '</div>',
  ].join('\n');
}

function findingGroup(finding: Finding, index: number, rank: number, projection: string | undefined, review: Review): string {
  const id = `finding-${index + 1}`;
  const local = finding.instanceLocal ? 'Y' : 'N';
  const toggle = `<button type="button" class="toggle" aria-expanded="false" aria-controls="${id}-details"`;
  const chevron = '<span class="chevron" aria-hidden="true"></span>';
  const url = linkTo(review.context, finding.file, finding.line);
  // A link cannot sit inside a button: with a link, the button keeps only the chevron.
  const location = url === undefined
    ? `${toggle}>${chevron}<span class="location">${breakablePath(locationOf(finding))}</span></button>`
    : `${toggle} aria-label="Details of ${escapeHtml(locationOf(finding))}">${chevron}</button><a class="location" href="${escapeHtml(url)}">${breakablePath(locationOf(finding))}</a>`;
  const row = [
    `<td data-sort="${String(rank).padStart(6, '0')}">${location}</td>`,
    `<td data-label="State"><span class="badge severity-${finding.severity}">${finding.severity}</span>${richText(finding.message)}</td>`,
    `<td data-label="Kind">${KIND_TITLES[finding.kind]}</td>`,
    `<td data-label="Instance-local" class="local-${local.toLowerCase()}">${local}</td>`,
    `<td data-label="Impact">${richText(finding.impact)}</td>`,
    `<td data-label="Proposed move">${richText(finding.move)}</td>`,
  ].join('');
  return [
    `<tbody class="finding" id="${id}" data-kind="${escapeHtml(finding.kind)}" data-severity="${escapeHtml(finding.severity)}" data-local="${local}" data-order="${index}">`,
    `<tr class="row">${row}</tr>`,
    `<tr class="details" id="${id}-details"><td colspan="${COLUMNS.length}">${details(finding, projection, review)}</td></tr>`,
    '</tbody>',
  ].join('\n');
}

function details(finding: Finding, projection: string | undefined, review: Review): string {
  const facts = `Severity ${finding.severity} · confidence ${finding.confidence} · rule <code>${escapeHtml(finding.ruleId)}</code> · holder <code>${escapeHtml(finding.symbol)}</code>`;
  const parts = [`<p class="facts">${facts}</p>`];
  if (projection && review.context.instances !== undefined) {
    parts.push(`<p class="projection"><strong>At ${formatNumber(review.context.instances)} instances:</strong> ${richText(projection)}</p>`);
  }
  if (finding.evidence.length > 0) {
    const items = finding.evidence.map((item) => {
      const where = item.file === finding.file ? `line ${item.line}` : `${item.file}:${item.line}`;
      return `<li><span class="location">${locationHtml(review.context, item.file, item.line, where)}</span>: ${richText(item.message)}</li>`;
    });
    parts.push(`<strong>Evidence</strong><ul class="evidence">${items.join('')}</ul>`);
  }
  if (finding.excerpt) parts.push(excerpt(finding));
  return parts.join('\n');
}

function excerpt(finding: Finding): string {
  const { startLine, lines } = finding.excerpt!;
  const rendered = lines.map((text, offset) => {
    const number = startLine + offset;
    const hit = number >= finding.line && number <= finding.endLine ? ' hit' : '';
    return `<span class="line${hit}"><span class="number">${number}</span>${escapeHtml(text)}</span>`;
  });
  return `<div class="excerpt-caption">${escapeHtml(finding.file)}</div><pre class="excerpt"><code>${rendered.join('')}</code></pre>`;
}


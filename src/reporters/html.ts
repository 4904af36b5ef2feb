import type { Finding, Severity } from '../report/finding.js';
import { KIND_TITLES } from '../report/kinds.js';
import { formatNumber, formatPercent } from '../shared/number-format.js';
import type { Report } from '../report/report.js';
import { describeVerdict, reviewOf, UNPLANNED_REVIEW, type Review } from '../review/review.js';
import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from './html-assets.js';
import { kindChart } from './html-chart.js';
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
    verdict(report),
    overview(report, review),
    errors(report),
    auditTable(report, review),
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

function header(report: Report, review: Review): string {
  const { context } = review;
  const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;
  const sources = context.tsconfigs.length > 0 ? `files listed by ${context.tsconfigs.map(code).join(', ')}` : 'every source file below the scanned paths';
  const entries = context.entries.length > 0 ? context.entries.map(code).join(', ') : 'none detected';
  const rows: [string, string][] = [
    ['Service', escapeHtml(context.service)],
    ...(context.date ? [['Date', escapeHtml(context.date)] as [string, string]] : []),
    ['Tool', escapeHtml(`${report.tool.name} ${report.tool.version}`)],
    ['Files scanned', String(report.summary.files)],
    ['Entries used', `${entries}; ${sources}`],
    ...(context.instances !== undefined ? [['Planned instances', formatNumber(context.instances)] as [string, string]] : []),
    ...(context.sessionStore
      ? [['Peak load', `${formatNumber(context.sessionStore.peakRps)} req/s, ${formatPercent(context.sessionStore.writeRatio)} of them writing the session`] as [string, string]]
      : []),
  ];
  const meta = rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('');
  return `<header>\n<h1>Readiness review: ${escapeHtml(context.service)}</h1>\n<dl class="meta">${meta}</dl>\n</header>`;
}

function verdict(report: Report): string {
  const { title, detail } = describeVerdict(report);
  return `<section class="verdict verdict-${report.verdict}" id="verdict" role="status"><span class="verdict-title">${title}</span>${escapeHtml(detail)}</section>`;
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

function errors(report: Report): string {
  if (report.errors.length === 0) return '';
  const items = report.errors.map((error) => `<li><code>${escapeHtml(error.file)}</code>: ${escapeHtml(error.message)}</li>`).join('');
  return `<section id="errors"><h2>Files not analysed</h2><p>The verdict does not cover these files.</p><ul>${items}</ul></section>`;
}

function auditTable(report: Report, review: Review): string {
  if (report.findings.length === 0) return '<section id="audit"><h2>Audit table</h2><p>No place holds state.</p></section>';
  const projections = new Map(review.projections.map((projection) => [projection.fingerprint, projection.text]));
  const head = COLUMNS.map((column) => `<th scope="col" aria-sort="none"><button type="button" class="sort">${column}<span class="sort-mark" aria-hidden="true"></span></button></th>`).join('');
  const groups = report.findings.map((finding, index) => findingGroup(finding, index, projections.get(finding.fingerprint), review));
  return [
    '<section id="audit"><h2>Audit table</h2>',
    filterControls(report),
    `<table id="audit-table"><colgroup>${COLUMN_CLASSES.map((name) => `<col class="column-${name}">`).join('')}</colgroup><thead><tr>${head}</tr></thead>`,
    ...groups,
    '</table></section>',
  ].join('\n');
}

function filterControls(report: Report): string {
  const option = (value: string, label: string): string => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  const kinds = Object.entries(report.summary.byKind).map(([kind, count]) => option(kind, `${KIND_TITLES[kind as keyof typeof KIND_TITLES]} (${count})`));
  const severities = SEVERITIES.filter((severity) => report.summary.bySeverity[severity] > 0).map((severity) => option(severity, `${severity} (${report.summary.bySeverity[severity]})`));
  return [
    '<div class="controls" role="group" aria-label="Filter the audit table">',
    `<label>Kind <select id="filter-kind" data-filter="kind">${option('', 'All kinds')}${kinds.join('')}</select></label>`,
    `<label>Severity <select id="filter-severity" data-filter="severity">${option('', 'All severities')}${severities.join('')}</select></label>`,
    `<label>Instance-local <select id="filter-local" data-filter="local">${option('', 'Y and N')}${option('Y', 'Y only')}${option('N', 'N only')}</select></label>`,
    '<button type="button" id="expand-all" aria-pressed="false">Expand all</button>',
    `<span class="shown-count" id="shown-count" aria-live="polite">Showing ${report.findings.length} of ${report.findings.length}</span>`,
    '</div>',
  ].join('\n');
}

function findingGroup(finding: Finding, index: number, projection: string | undefined, review: Review): string {
  const id = `finding-${index + 1}`;
  const local = finding.instanceLocal ? 'Y' : 'N';
  const sortLocation = `${finding.file}\u0000${String(finding.line).padStart(7, '0')}`;
  const row = [
    `<td data-sort="${escapeHtml(sortLocation)}"><button type="button" class="toggle" aria-expanded="false" aria-controls="${id}-details"><span class="chevron" aria-hidden="true"></span><span class="location">${breakablePath(locationOf(finding))}</span></button></td>`,
    `<td><span class="badge severity-${finding.severity}">${finding.severity}</span>${richText(finding.message)}</td>`,
    `<td>${KIND_TITLES[finding.kind]}</td>`,
    `<td class="local-${local.toLowerCase()}">${local}</td>`,
    `<td>${richText(finding.impact)}</td>`,
    `<td>${richText(finding.move)}</td>`,
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
      return `<li><span class="location">${escapeHtml(where)}</span>: ${richText(item.message)}</li>`;
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

function projections(report: Report, review: Review): string {
  const { instances } = review.context;
  if (instances === undefined) return '';
  const title = `<h2>At ${formatNumber(instances)} instances</h2>`;
  if (review.projections.length === 0) return `<section id="projections">${title}<p>No instance-local state: nothing multiplies with the instance count.</p></section>`;
  const byFingerprint = new Map(report.findings.map((finding) => [finding.fingerprint, finding]));
  const rows = review.projections.map((projection) => {
    const finding = byFingerprint.get(projection.fingerprint)!;
    return `<tr><td class="location">${breakablePath(locationOf(finding))}</td><td>${KIND_TITLES[projection.kind]}</td><td>${richText(projection.text)}</td></tr>`;
  });
  return `<section id="projections">${title}<table><thead><tr><th>Location</th><th>Kind</th><th>What it becomes</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function sessionStore(review: Review): string {
  const sizing = review.sessionStore;
  if (!sizing) return '';
  const details = sizing.text.details.map((line) => `<li>${escapeHtml(line)}</li>`).join('');
  return `<section id="session-store"><h2>Session-store sizing</h2><p class="sizing-headline">${escapeHtml(sizing.text.headline)}</p><ul>${details}</ul></section>`;
}

function drill(review: Review): string {
  const { setup, steps, passCriterion } = review.drill;
  const items = steps.map((step, index) => {
    const status = step.locations.length === 0 ? '' : step.expectedToFail
      ? '<span class="status status-fails">fails today</span>'
      : '<span class="status status-passes">should pass</span>';
    const where = step.locations.length > 0
      ? `<dt>Findings</dt><dd>${step.locations.map((location) => `<code>${escapeHtml(location)}</code>`).join(', ')}</dd>`
      : '';
    return [
      `<li class="drill-step"><label><input type="checkbox" id="drill-${index + 1}"> ${escapeHtml(step.title)}</label>${status}`,
      `<dl><dt>Do</dt><dd>${richText(step.flow)}</dd><dt>Must hold</dt><dd>${richText(step.check)}</dd>${where}</dl></li>`,
    ].join('');
  });
  return [
    '<section id="drill"><h2>Chaos drill</h2>',
    `<ol>${setup.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ol>`,
    `<ul class="drill-steps">${items.join('\n')}</ul>`,
    `<p>${escapeHtml(passCriterion)}</p>`,
    '</section>',
  ].join('\n');
}

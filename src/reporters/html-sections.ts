import { KIND_TITLES } from '../report/kinds.js';
import type { Report } from '../report/report.js';
import { linkTo } from '../review/links.js';
import type { Review, ReviewContext } from '../review/review.js';
import { formatNumber, formatPercent } from '../shared/number-format.js';
import { breakablePath, escapeHtml, richText } from './html-text.js';

/** `file:line`, linked to the code when the review has a link template. */
export function locationHtml(context: ReviewContext, file: string, line: number, text = `${file}:${line}`): string {
  const url = linkTo(context, file, line);
  const shown = breakablePath(text);
  return url === undefined ? shown : `<a href="${escapeHtml(url)}">${shown}</a>`;
}

export function header(report: Report, review: Review): string {
  const { context } = review;
  const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;
  const sources = context.tsconfigs.length > 0 ? `files listed by ${context.tsconfigs.map(code).join(', ')}` : 'every source file below the scanned paths';
  const entries = context.entries.length > 0 ? context.entries.map(code).join(', ') : 'none detected';
  const row = (term: string, value: string): [string, string] => [term, value];
  const rows: [string, string][] = [
    row('Service', escapeHtml(context.service)),
    ...(context.date ? [row('Date', escapeHtml(context.date))] : []),
    ...(context.checkout ? [row('Commit', code(context.checkout.commit))] : []),
    ...(context.checkout?.branch ? [row('Branch', code(context.checkout.branch))] : []),
    row('Tool', escapeHtml(`${report.tool.name} ${report.tool.version}`)),
    row('Files scanned', String(report.summary.files)),
    row('Entries used', `${entries}; ${sources}`),
    ...(context.instances !== undefined ? [row('Planned instances', formatNumber(context.instances))] : []),
    ...(context.sessionStore
      ? [row('Peak load', `${formatNumber(context.sessionStore.peakRps)} req/s, ${formatPercent(context.sessionStore.writeRatio)} of them writing the session`)]
      : []),
  ];
  const meta = rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('');
  return `<header>\n<h1>Readiness review: ${escapeHtml(context.service)}</h1>\n<dl class="meta">${meta}</dl>\n</header>`;
}

export function errors(report: Report): string {
  if (report.errors.length === 0) return '';
  const items = report.errors.map((error) => `<li><code>${escapeHtml(error.file)}</code>: ${escapeHtml(error.message)}</li>`).join('');
  return `<section id="errors"><h2>Files not analysed</h2><p>The verdict does not cover these files.</p><ul>${items}</ul></section>`;
}

/** The lines accepted on purpose, each with the reason its comment gives (or the baseline). */
export function accepted(review: Review): string {
  if (review.accepted.length === 0) return '';
  const rows = review.accepted.map(({ finding, reason }) => {
    const local = finding.instanceLocal ? 'Y' : 'N';
    return [
      '<tr>',
      `<td class="location">${locationHtml(review.context, finding.file, finding.line)}</td>`,
      `<td data-label="State">${richText(finding.message)} <code>${escapeHtml(finding.ruleId)}</code></td>`,
      `<td data-label="Instance-local" class="local-${local.toLowerCase()}">${local}</td>`,
      `<td data-label="Accepted because">${richText(reason)}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section id="accepted"><h2>Accepted lines</h2>',
    '<p>State kept on purpose: each line is suppressed by a <code>hidden-state-ignore</code> comment or recorded in the baseline, so it does not fail the run. The reviewer signs these reasons too.</p>',
    '<table class="cards" id="accepted-table"><thead><tr><th>Location</th><th>State and rule</th><th>Instance-local</th><th>Accepted because</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table></section>`,
  ].join('\n');
}

export function projections(report: Report, review: Review): string {
  const { instances } = review.context;
  if (instances === undefined) return '';
  const title = `<h2>At ${formatNumber(instances)} instances</h2>`;
  if (review.projections.length === 0) return `<section id="projections">${title}<p>No instance-local state: nothing multiplies with the instance count.</p></section>`;
  const byFingerprint = new Map(report.findings.map((finding) => [finding.fingerprint, finding]));
  const rows = review.projections.map((projection) => {
    const finding = byFingerprint.get(projection.fingerprint)!;
    return `<tr><td class="location">${locationHtml(review.context, finding.file, finding.line)}</td><td>${KIND_TITLES[projection.kind]}</td><td>${richText(projection.text)}</td></tr>`;
  });
  return `<section id="projections">${title}<table><thead><tr><th>Location</th><th>Kind</th><th>What it becomes</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

export function sessionStore(review: Review): string {
  const sizing = review.sessionStore;
  if (!sizing) return '';
  const details = sizing.text.details.map((line) => `<li>${escapeHtml(line)}</li>`).join('');
  return `<section id="session-store"><h2>Session-store sizing</h2><p class="sizing-headline">${escapeHtml(sizing.text.headline)}</p><ul>${details}</ul></section>`;
}

export function drill(review: Review): string {
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

import { createHash } from 'node:crypto';

/** The report's only style sheet: screen and print, system fonts, no downloads. */
export const STYLE = `
:root { --ink: #1d2329; --muted: #5b6670; --line: #d7dde2; --soft: #f4f6f8; --local: #b42318; --local-soft: #fdecea; --shared: #1f7a3a; --shared-soft: #e8f5ec; --accent: #1f5fa8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1280px; padding: 24px 32px 48px; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", sans-serif; background: #fff; }
h1 { font-size: 26px; margin: 0 0 12px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 16px 0 6px; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 0.9em; }
code { background: var(--soft); padding: 0 3px; border-radius: 3px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.verdict { margin: 20px 0; padding: 16px 20px; border-radius: 6px; border-left: 8px solid; }
.verdict-stateful, .verdict-incomplete { background: var(--local-soft); border-color: var(--local); }
.verdict-stateless { background: var(--shared-soft); border-color: var(--shared); }
.verdict-title { display: block; font-size: 24px; font-weight: 700; }
.verdict-stateful .verdict-title, .verdict-incomplete .verdict-title { color: var(--local); }
.verdict-stateless .verdict-title { color: var(--shared); }
.overview { display: flex; flex-wrap: wrap; gap: 24px 48px; align-items: flex-start; }
.count-tables { display: flex; flex-wrap: wrap; gap: 16px 32px; align-items: flex-start; }
.chart { max-width: 100%; height: auto; }
.chart-label, .chart-count, .chart-legend { font: 13px system-ui, "Liberation Sans", "DejaVu Sans", sans-serif; fill: var(--ink); }
.chart-count { font-weight: 700; }
.bar-local { fill: var(--local); }
.bar-shared { fill: var(--shared); }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); }
#audit-table thead th { position: sticky; top: 0; z-index: 1; }
#audit-table { table-layout: fixed; }
.column-location { width: 16%; } .column-state { width: 19%; } .column-kind { width: 10%; } .column-local { width: 9%; } .column-impact { width: 23%; } .column-move { width: 23%; }
.counts { width: auto; font-size: 13px; }
.counts td, .counts th { padding: 4px 10px; }
.counts td.number, .counts th.number { text-align: right; }
.sort { all: unset; cursor: pointer; font-weight: 700; }
.sort:focus-visible, .toggle:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.sort-mark::after { content: " \\2195"; color: var(--muted); font-weight: 400; }
th[aria-sort="ascending"] .sort-mark::after { content: " \\2191"; color: var(--ink); }
th[aria-sort="descending"] .sort-mark::after { content: " \\2193"; color: var(--ink); }
.controls { display: none; flex-wrap: wrap; gap: 12px 20px; align-items: center; margin: 0 0 12px; }
.js .controls { display: flex; }
.controls select, .controls button { font: inherit; padding: 3px 6px; }
.shown-count { color: var(--muted); }
.toggle { all: unset; cursor: pointer; display: inline-flex; gap: 6px; align-items: baseline; color: var(--accent); }
.chevron { display: none; width: 0.8em; }
.js .chevron { display: inline-block; }
.chevron::before { content: "\\25B8"; }
.open .chevron::before { content: "\\25BE"; }
.location { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; word-break: break-word; }
.local-y { color: var(--local); font-weight: 700; text-align: center; }
.local-n { color: var(--shared); text-align: center; }
.badge { display: inline-block; padding: 0 6px; margin-right: 6px; border-radius: 10px; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; }
.severity-error { background: var(--local); color: #fff; }
.severity-warning { background: #b54708; color: #fff; }
.severity-info { background: #667085; color: #fff; }
tbody.finding:nth-of-type(even) tr.row { background: #fafbfc; }
.js tbody.finding:not(.open) tr.details { display: none; }
tr.details > td { background: var(--soft); padding: 12px 16px 16px 32px; }
.facts { color: var(--muted); margin: 0 0 8px; }
.projection { margin: 0 0 8px; }
.evidence { margin: 4px 0 8px; padding-left: 20px; }
.excerpt { margin: 8px 0 0; padding: 8px 0; background: #fff; border: 1px solid var(--line); border-radius: 4px; overflow-x: auto; line-height: 1.45; }
.excerpt code { display: block; background: none; padding: 0; font-size: 13px; }
.excerpt .line { display: block; padding: 0 12px 0 0; white-space: pre; }
.excerpt .line.hit { background: #fff4d6; }
.excerpt .number { display: inline-block; min-width: 3.5em; padding-right: 12px; text-align: right; color: var(--muted); user-select: none; }
.excerpt-caption { font-size: 13px; color: var(--muted); margin-top: 10px; }
.sizing-headline { font-size: 17px; font-weight: 700; padding: 10px 14px; background: var(--soft); border-radius: 6px; }
.drill-steps { list-style: none; padding: 0; }
.drill-step { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; break-inside: avoid; }
.drill-step label { font-weight: 700; }
.status { display: inline-block; margin-left: 8px; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 700; }
.status-fails { background: var(--local-soft); color: var(--local); }
.status-passes { background: var(--shared-soft); color: var(--shared); }
.drill-step dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; }
.drill-step dt { color: var(--muted); }
.drill-step dd { margin: 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
a { color: var(--accent); }
#accepted-table td { color: var(--muted); }
#accepted-table td.location, #accepted-table code { color: var(--ink); }
@media screen and (max-width: 700px) {
  body { padding: 16px 12px 32px; }
  h1 { font-size: 22px; }
  .meta { grid-template-columns: 1fr; }
  .meta dd { margin-bottom: 6px; overflow-wrap: anywhere; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: auto; }
  table.cards colgroup, table.cards thead { display: none; }
  table.cards tbody.finding, #accepted-table tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; background: #fff; }
  table.cards td { border: 0; padding: 3px 12px; overflow-wrap: anywhere; }
  table.cards td:first-child { padding-top: 10px; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-weight: 700; }
  table.cards .local-y, table.cards .local-n { text-align: left; }
  .js #audit-table tbody.finding:not(.open) tr.details { display: none; }
  #audit-table tr.details > td { padding: 10px 12px 12px; border-radius: 0 0 6px 6px; }
  tbody.finding:nth-of-type(even) tr.row { background: none; }
  td, th { overflow-wrap: anywhere; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .controls, .chevron, .sort-mark { display: none !important; }
  .column-local { width: 11%; }
  .js tbody.finding tr.details, tr.details { display: table-row !important; }
  tbody.finding { break-inside: avoid; }
  #audit-table thead th { position: static; }
  .toggle { color: inherit; }
  h2 { break-after: avoid; }
}
`;

/** Sorting, filtering and expanding the audit table; the table reads fine without it. */
export const SCRIPT = `
(function () {
  document.documentElement.classList.add('js');
  var table = document.getElementById('audit-table');
  if (!table) return;
  var groups = Array.prototype.slice.call(table.tBodies);
  var filters = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  var shownCount = document.getElementById('shown-count');
  var expandAll = document.getElementById('expand-all');
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function applyFilters() {
    var shown = 0;
    groups.forEach(function (group) {
      var visible = filters.every(function (select) {
        return select.value === '' || group.getAttribute('data-' + select.getAttribute('data-filter')) === select.value;
      });
      group.hidden = !visible;
      if (visible) shown += 1;
    });
    shownCount.textContent = 'Showing ' + shown + ' of ' + groups.length;
  }

  function setOpen(group, open) {
    group.classList.toggle('open', open);
    group.querySelector('.toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  function sortKey(group, column) {
    var cell = group.rows[0].cells[column];
    return cell.getAttribute('data-sort') || cell.textContent.trim().toLowerCase();
  }

  function sortBy(column) {
    var current = headers[column].getAttribute('aria-sort');
    var direction = current === 'ascending' ? 'descending' : 'ascending';
    var sign = direction === 'ascending' ? 1 : -1;
    groups.slice().sort(function (a, b) {
      var left = sortKey(a, column);
      var right = sortKey(b, column);
      var order = left < right ? -1 : left > right ? 1 : 0;
      return order * sign || Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
    }).forEach(function (group) { table.appendChild(group); });
    headers.forEach(function (header, index) {
      header.setAttribute('aria-sort', index === column ? direction : 'none');
    });
  }

  filters.forEach(function (select) { select.addEventListener('change', applyFilters); });
  headers.forEach(function (header, index) {
    var button = header.querySelector('.sort');
    if (button) button.addEventListener('click', function () { sortBy(index); });
  });
  table.addEventListener('click', function (event) {
    var toggle = event.target.closest('.toggle');
    if (!toggle) return;
    var group = toggle.closest('tbody');
    setOpen(group, !group.classList.contains('open'));
  });
  expandAll.addEventListener('click', function () {
    var open = expandAll.getAttribute('aria-pressed') !== 'true';
    groups.forEach(function (group) { setOpen(group, open); });
    expandAll.setAttribute('aria-pressed', open ? 'true' : 'false');
    expandAll.textContent = open ? 'Collapse all' : 'Expand all';
  });
  applyFilters();
})();
`;

/** Lets the page run its own script and nothing else: no network, no injected script. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

import type { Finding } from '../report/finding.js';
import { KIND_TITLES } from '../report/kinds.js';
import type { Report } from '../report/report.js';
import { escapeUrl } from '../review/links.js';
import type { Review } from '../review/review.js';
import { formatNumber } from '../shared/number-format.js';
import { counts, errors, header, locationMarkdown, verdict } from './markdown-sections.js';
import { code, inline } from './markdown-text.js';

/** The most a GitHub comment (issue, pull request) holds, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** A review up to this long is printed whole; the rest of the limit is left to what a bot puts around it. */
export const MARKDOWN_BUDGET = 60_000;

/** Files not analysed that a summary names one by one. */
const ERRORS_SHOWN = 20;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * A review too long for a GitHub comment, cut to fit one: the header, the verdict, the counts, and
 * the audit table's most severe lines as many as fit in MARKDOWN_BUDGET, with where the rest is.
 */
export function formatMarkdownSummary(report: Report, review: Review, fullLength: number): string {
  const lines = [...review.open].sort((a, b) => Number(b.instanceLocal) - Number(a.instanceLocal) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const rows = lines.map((finding) => row(review, finding));
  const before = [header(report, review), verdict(report, review), note(review, fullLength), counts(report, review), errors(report, ERRORS_SHOWN)].filter(Boolean).join('\n\n');
  const tableHead = '| Location | State | Kind | Instance-local | Rule |\n| --- | --- | --- | :---: | --- |';
  const title = (shown: number): string =>
    shown === lines.length ? `## Audit table (all ${formatNumber(lines.length)} lines)` : `## Audit table (the ${formatNumber(shown)} most severe of ${formatNumber(lines.length)} lines)`;
  const after = (shown: number): string => closing(review, lines.length - shown);
  // The length of the whole with `shown` rows: the parts, the rows, the line breaks between them.
  const total = (shown: number, rowsLength: number): number => before.length + title(shown).length + tableHead.length + rowsLength + shown + after(shown).length + 8;
  let shown = 0;
  let rowsLength = 0;
  while (shown < rows.length && total(shown + 1, rowsLength + rows[shown]!.length) <= MARKDOWN_BUDGET) {
    rowsLength += rows[shown]!.length;
    shown += 1;
  }
  const table = lines.length === 0 ? '## Audit table\n\nNo line to act on.' : `${title(shown)}\n\n${[tableHead, ...rows.slice(0, shown)].join('\n')}`;
  return `${[before, table, after(shown)].filter(Boolean).join('\n\n')}\n`;
}

function row(review: Review, finding: Finding): string {
  const cells = [locationMarkdown(review.context, finding, true), inline(finding.message, true), KIND_TITLES[finding.kind], finding.instanceLocal ? '**Y**' : 'N', code(finding.ruleId, true)];
  return `| ${cells.join(' | ')} |`;
}

/** Why this is a summary, and where the whole review is. */
function note(review: Review, fullLength: number): string {
  const where = review.context.reportUrl === undefined
    ? '`hidden-state scan --format html -o review.html` writes it (or `--format json`).'
    : `It is [the full report](${escapeUrl(review.context.reportUrl)}).`;
  const limit = formatNumber(GITHUB_COMMENT_LIMIT);
  return `> [!NOTE]\n> **Summary.** The whole review runs to ${formatNumber(fullLength)} characters, past the ${limit} a GitHub comment holds: here are the counts and the most severe lines. The whole review has every line with its evidence and code, the projections and the drill: ${where}`;
}

function closing(review: Review, left: number): string {
  const parts: string[] = [];
  if (left > 0) parts.push(`${formatNumber(left)} more line${left === 1 ? '' : 's'} in the full report.`);
  const accepted = review.accepted.length;
  if (accepted > 0) parts.push(`${formatNumber(accepted)} line${accepted === 1 ? ' is' : 's are'} accepted on purpose (a suppression comment or the baseline): the full report lists ${accepted === 1 ? 'it' : 'them'} with the reasons.`);
  return parts.join('\n\n');
}

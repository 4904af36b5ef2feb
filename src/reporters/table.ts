import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding } from '../report/finding.js';
import type { Report } from '../report/report.js';
import { formatFindings } from './table-layouts.js';
import { wrapIndented, wrapPieces, wrapText } from './text-layout.js';

export interface TableOptions {
  color: boolean;
  /** Terminal width in columns: every line fits in it. */
  width: number;
}

/** Narrower than this, lines are still wrapped to this many columns. */
const MIN_WIDTH = 20;

/**
 * The audit table, one row per place where state lives, then the verdict and what to do next; one
 * table per tier in a monorepo. Every line fits `width` display columns.
 */
export function formatTable(report: Report, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(options.width, MIN_WIDTH);
  const wrap = (text: string): string => `${wrapText(text, width).join('\n')}\n`;
  const findingsOf = (findings: readonly Finding[], found: number): string =>
    findings.length === 0 ? wrap(formatEmpty(found)) : formatFindings(findings, width, chalk);
  const closing = `${formatVerdict(report, width, chalk)}${formatNextStep(report, width, chalk)}${formatErrors(report, width, chalk)}`;
  if (report.tiers.length <= 1) {
    const entries = report.tiers[0] ? wrap(formatEntries(report.tiers[0])) : '';
    return `${findingsOf(report.findings, report.summary.findings)}\n${entries}${closing}`;
  }
  const sections = report.tiers.map((tier) => {
    const heading = paintFirst(wrapText(`Tier ${tier.name} (${tier.root}): ${tier.verdict}, ${tier.instanceLocal} of ${tier.findings} lines instance-local`, width), tier.verdict, verdictPaint(tier.verdict, chalk))
      .map((line) => chalk.bold(line))
      .join('\n');
    return `${heading}\n${wrap(formatEntries(tier))}${findingsOf(report.findings.filter((finding) => finding.tier === tier.name), tier.findings)}`;
  });
  return `${sections.join('\n')}\n${closing}`;
}

function verdictPaint(verdict: Report['verdict'], chalk: ChalkInstance): (text: string) => string {
  if (verdict === 'stateless') return (text) => chalk.green.bold(text);
  return verdict === 'incomplete' ? (text) => chalk.yellow.bold(text) : (text) => chalk.red.bold(text);
}

/** Wrapped lines with the first occurrence of `word` painted. */
function paintFirst(lines: readonly string[], word: string, paint: (text: string) => string): string[] {
  const index = lines.findIndex((line) => line.includes(word));
  return lines.map((line, at) => (at === index ? line.replace(word, paint(word)) : line));
}

function formatEntries(tier: Report['tiers'][number]): string {
  if (tier.entries.length === 0) return `Entries: none found, every scanned file below ${tier.root} counts (set \`entry\` to narrow it)`;
  const shown = tier.entries.length > 5 ? [...tier.entries.slice(0, 5), `and ${tier.entries.length - 5} more`] : tier.entries;
  return `Entries (${tier.entrySources.join(', ')}): ${shown.join(', ')}`;
}

/** No rows: nothing found, or (when the command line left accepted findings out) nothing left to list. */
function formatEmpty(found: number): string {
  if (found > 0) return `No line to list: ${found} line${found === 1 ? ' was' : 's were'} found and left out here (--format json lists every one).`;
  return 'No hidden state found.';
}

function formatVerdict(report: Report, width: number, chalk: ChalkInstance): string {
  const title = `Verdict: ${report.verdict}`;
  return `${paintFirst(wrapText(`${title} (${verdictDetail(report)})`, width), title, verdictPaint(report.verdict, chalk)).join('\n')}\n`;
}

function verdictDetail(report: Report): string {
  const { summary } = report;
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'} scanned`;
  if (report.verdict === 'stateless') {
    const lines = summary.findings === 0 ? 'no state found' : `all ${summary.findings} line${summary.findings === 1 ? ' reads' : 's read'} Instance-local N`;
    return `${lines}; ${files}`;
  }
  if (report.verdict === 'incomplete') {
    const failed = `${report.errors.length} file${report.errors.length === 1 ? '' : 's'} could not be analysed`;
    const found = summary.files === 0 ? 'no file was analysed' : `${summary.instanceLocal} of ${summary.findings} lines instance-local in the files analysed`;
    return `${failed}, and what they hold is unknown; ${found}; ${files}`;
  }
  const severities = (['error', 'warning', 'info'] as const)
    .filter((severity) => summary.bySeverity[severity] > 0)
    .map((severity) => `${summary.bySeverity[severity]} ${severity}${summary.bySeverity[severity] === 1 ? '' : 's'}`)
    .join(', ');
  return `${summary.instanceLocal} of ${summary.findings} lines are instance-local; ${severities}; ${files}`;
}

/**
 * What to do with the lines listed: read the rule of the most severe one, write the review, or
 * accept a line on purpose. Only when some listed line is instance-local.
 */
function formatNextStep(report: Report, width: number, chalk: ChalkInstance): string {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const first = report.findings.filter((finding) => finding.instanceLocal).sort((a, b) => rank[a.severity] - rank[b.severity])[0];
  if (!first) return '';
  const words = (text: string): string[] => text.split(' ');
  const pieces = [
    'Next:',
    `\`hidden-state explain ${first.ruleId}\``,
    ...words('says why it is state and how to move it;'),
    '`--format html -o review.html`',
    ...words('writes the review to sign;'),
    `\`// hidden-state-ignore-line ${first.ruleId} -- <reason>\``,
    ...words('accepts a line on purpose.'),
  ];
  return `${paintFirst(wrapPieces(pieces, width), 'Next:', (word) => chalk.bold(word)).join('\n')}\n`;
}

function formatErrors(report: Report, width: number, chalk: ChalkInstance): string {
  if (report.errors.length === 0) return '';
  const heading = wrapText(`${report.errors.length} file${report.errors.length === 1 ? '' : 's'} could not be analysed:`, width).map((line) => chalk.yellow(line));
  const lines = report.errors.flatMap((error) => wrapIndented(`  ${error.file}: ${error.message}`, width));
  return `${[...heading, ...lines].join('\n')}\n`;
}

import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding } from '../report/finding.js';
import type { Report } from '../report/report.js';
import { fitColumns, wrapText } from './text-layout.js';

export interface TableOptions {
  color: boolean;
  /** Terminal width in columns. */
  width: number;
}

const HEADERS = ['Location', 'State', 'Kind', 'Instance-local', 'Impact if the next request lands on another instance', 'Proposed move'];
/** Location, State, Impact and Move share the width; Kind and Instance-local keep theirs. */
const WEIGHTS = [2, 3, 0, 0, 4, 4];
const MINIMUM = [14, 16, 0, 0, 16, 16];
const NARROW = 72;

/** The audit table, one row per place where state lives, then the verdict; one table per tier in a monorepo. */
export function formatTable(report: Report, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const formatFindings = (findings: readonly Finding[], found: number): string =>
    findings.length === 0
      ? formatEmpty(found)
      : options.width < NARROW
        ? formatList(findings, chalk)
        : formatGrid(findings, options.width, chalk);
  if (report.tiers.length <= 1) {
    const entries = report.tiers[0] ? `${formatEntries(report.tiers[0])}\n` : '';
    return `${formatFindings(report.findings, report.summary.findings)}\n${entries}${formatVerdict(report, chalk)}${formatErrors(report, chalk)}`;
  }
  const sections = report.tiers.map((tier) => {
    const verdict = tier.verdict === 'stateless' ? chalk.green.bold('stateless') : tier.verdict === 'incomplete' ? chalk.yellow.bold('incomplete') : chalk.red.bold('stateful');
    const heading = chalk.bold(`Tier ${tier.name} (${tier.root}): ${verdict}, ${tier.instanceLocal} of ${tier.findings} lines instance-local`);
    return `${heading}\n${formatEntries(tier)}\n${formatFindings(report.findings.filter((finding) => finding.tier === tier.name), tier.findings)}`;
  });
  return `${sections.join('\n')}\n${formatVerdict(report, chalk)}${formatErrors(report, chalk)}`;
}

function formatEntries(tier: Report['tiers'][number]): string {
  if (tier.entries.length === 0) return `Entries: none found, every scanned file below ${tier.root} counts (set \`entry\` to narrow it)`;
  const shown = tier.entries.length > 5 ? [...tier.entries.slice(0, 5), `and ${tier.entries.length - 5} more`] : tier.entries;
  return `Entries (${tier.entrySources.join(', ')}): ${shown.join(', ')}`;
}

/** No rows: nothing found, or (when the command line left accepted findings out) nothing left to list. */
function formatEmpty(found: number): string {
  if (found > 0) return `No line to list: ${found} line${found === 1 ? ' was' : 's were'} found and left out here (--format json lists every one).\n`;
  return 'No hidden state found.\n';
}

function cellsOf(finding: Finding): string[] {
  return [
    `${finding.file}:${finding.line}`,
    finding.message,
    finding.kind,
    finding.instanceLocal ? 'Y' : 'N',
    finding.impact,
    finding.move,
  ];
}

function formatGrid(findings: readonly Finding[], width: number, chalk: ChalkInstance): string {
  const rows = findings.map(cellsOf);
  const natural = HEADERS.map((header, column) => {
    const longestCell = Math.max(...rows.map((row) => row[column]!.length));
    const headerWidth = column === 3 ? 'Instance-'.length : Math.min(header.length, 24);
    return Math.min(Math.max(longestCell, headerWidth), 80);
  });
  const widths = fitColumns(natural, WEIGHTS, MINIMUM, width - (3 * HEADERS.length + 1));
  const border = (left: string, middle: string, right: string): string => chalk.dim(`${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}`);
  const renderRow = (cells: readonly string[], paint: (cell: string, column: number) => string): string[] => {
    const wrapped = cells.map((cell, column) => wrapText(cell, widths[column]!));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    const lines: string[] = [];
    for (let index = 0; index < height; index++) {
      const parts = wrapped.map((cellLines, column) => {
        const text = cellLines[index] ?? '';
        return paint(text, column) + ' '.repeat(widths[column]! - text.length);
      });
      lines.push(`${chalk.dim('│')} ${parts.join(` ${chalk.dim('│')} `)} ${chalk.dim('│')}`);
    }
    return lines;
  };
  const headerCells = HEADERS.map((header, column) => (column === 3 ? 'Instance- local' : header));
  const out = [border('┌', '┬', '┐'), ...renderRow(headerCells, (text) => chalk.bold(text)), border('├', '┼', '┤')];
  rows.forEach((row, index) => {
    if (index > 0) out.push(border('├', '┼', '┤'));
    const finding = findings[index]!;
    out.push(...renderRow(row, (text, column) => paintCell(text, column, finding, chalk)));
  });
  out.push(border('└', '┴', '┘'));
  return `${out.join('\n')}\n`;
}

/** For terminals too narrow for six columns: one block per finding. */
function formatList(findings: readonly Finding[], chalk: ChalkInstance): string {
  return findings
    .map((finding) => {
      const cells = cellsOf(finding);
      const local = finding.instanceLocal ? chalk.red.bold('Y') : chalk.green('N');
      return [
        `${chalk.bold(cells[0]!)}  ${finding.kind}  instance-local: ${local}`,
        `  ${cells[1]}`,
        `  Impact: ${cells[4]}`,
        `  Move: ${cells[5]}`,
      ].join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

function paintCell(text: string, column: number, finding: Finding, chalk: ChalkInstance): string {
  if (column === 3) return finding.instanceLocal ? chalk.red.bold(text) : chalk.green(text);
  if (column === 0) return chalk.cyan(text);
  if (column === 1 && finding.instanceLocal) return finding.severity === 'error' ? chalk.red(text) : chalk.yellow(text);
  return text;
}

function formatVerdict(report: Report, chalk: ChalkInstance): string {
  const { summary } = report;
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'} scanned`;
  if (report.verdict === 'stateless') {
    const lines = summary.findings === 0 ? 'no state found' : `all ${summary.findings} line${summary.findings === 1 ? ' reads' : 's read'} Instance-local N`;
    return `${chalk.green.bold('Verdict: stateless')} (${lines}; ${files})\n`;
  }
  if (report.verdict === 'incomplete') {
    const failed = `${report.errors.length} file${report.errors.length === 1 ? '' : 's'} could not be analysed`;
    const found = summary.files === 0 ? 'no file was analysed' : `${summary.instanceLocal} of ${summary.findings} lines instance-local in the files analysed`;
    return `${chalk.yellow.bold('Verdict: incomplete')} (${failed}, and what they hold is unknown; ${found}; ${files})\n`;
  }
  const severities = (['error', 'warning', 'info'] as const)
    .filter((severity) => summary.bySeverity[severity] > 0)
    .map((severity) => `${summary.bySeverity[severity]} ${severity}${summary.bySeverity[severity] === 1 ? '' : 's'}`)
    .join(', ');
  return `${chalk.red.bold('Verdict: stateful')} (${summary.instanceLocal} of ${summary.findings} lines are instance-local; ${severities}; ${files})\n`;
}

function formatErrors(report: Report, chalk: ChalkInstance): string {
  if (report.errors.length === 0) return '';
  const lines = report.errors.map((error) => `  ${error.file}: ${error.message}`);
  return `${chalk.yellow(`${report.errors.length} file${report.errors.length === 1 ? '' : 's'} could not be analysed:`)}\n${lines.join('\n')}\n`;
}

import type { ChalkInstance } from 'chalk';
import type { Finding } from '../report/finding.js';
import { displayWidth, fitColumns, padDisplay, widestLocationPiece, wrapLocation, wrapText, type ColumnWidth } from './text-layout.js';

/** Below this many columns the findings are a list of blocks; from it on, a table. */
const TABLE_MIN_WIDTH = 80;

/** One piece of a cell: wrapped on its own, painted line by line. */
interface Paragraph {
  text: string;
  paint: (line: string) => string;
  /** A `file:line`, broken only after a slash. */
  location?: boolean;
}

interface Column extends ColumnWidth {
  header: string;
  cell: (finding: Finding, chalk: ChalkInstance) => Paragraph[];
}

const PROSE_MIN = 16;
const HEADER_NATURAL = 24;
const CELL_NATURAL = 80;
/** `│ a │ b │`: three characters per column and one more. */
const border = (columns: number): number => 3 * columns + 1;

/**
 * The audit table fitted to `width`: all six columns when they fit, else three (see
 * threeColumns); below TABLE_MIN_WIDTH, one block per finding. Every line is at most
 * `width` display columns; a location breaks only after a slash.
 */
export function formatFindings(findings: readonly Finding[], width: number, chalk: ChalkInstance): string {
  if (width < TABLE_MIN_WIDTH) return formatList(findings, width, chalk);
  const location = widestLocation(findings);
  // A rule id is never broken: the State column is at least as wide as the widest.
  const state = Math.max(PROSE_MIN, ...findings.map((finding) => displayWidth(`[${finding.ruleId}]`)));
  const full = sixColumns(findings, location, state);
  if (border(full.length) + full.reduce((sum, column) => sum + column.min, 0) <= width) return formatGrid(findings, full, width, chalk);
  return formatGrid(findings, threeColumns(findings, location, state, width), width, chalk);
}

const plain = (line: string): string => line;

function locationCell(finding: Finding, chalk: ChalkInstance): Paragraph[] {
  return [{ text: `${finding.file}:${finding.line}`, paint: (line) => chalk.cyan(line), location: true }];
}

function stateParagraph(finding: Finding, chalk: ChalkInstance): Paragraph {
  const paint = !finding.instanceLocal ? plain : finding.severity === 'error' ? (line: string) => chalk.red(line) : (line: string) => chalk.yellow(line);
  return { text: finding.message, paint };
}

const ruleParagraph = (finding: Finding, chalk: ChalkInstance, suffix = ''): Paragraph => ({ text: `[${finding.ruleId}]${suffix}`, paint: (line) => chalk.dim(line) });
const paintLocal = (finding: Finding, chalk: ChalkInstance) => (line: string): string => (finding.instanceLocal ? chalk.red.bold(line) : chalk.green(line));

function sixColumns(findings: readonly Finding[], location: number, state: number): Column[] {
  const kind = Math.max(...findings.map((finding) => Math.max(...finding.kind.split(/(?<=-)/).map(displayWidth))));
  return withNaturalWidths(findings, [
    { header: 'Location', min: location, natural: 0, weight: 3, cell: locationCell },
    { header: 'State', min: state, natural: 0, weight: 3, cell: (finding, chalk) => [stateParagraph(finding, chalk), ruleParagraph(finding, chalk)] },
    { header: 'Kind', min: kind, natural: 0, weight: 1, cell: (finding) => [{ text: finding.kind, paint: plain }] },
    { header: 'Instance-local', min: 'Instance-'.length, natural: 0, weight: 1, cell: (finding, chalk) => [{ text: finding.instanceLocal ? 'Y' : 'N', paint: paintLocal(finding, chalk) }] },
    { header: 'Impact if the next request lands on another instance', min: PROSE_MIN, natural: 0, weight: 4, cell: (finding) => [{ text: finding.impact, paint: plain }] },
    { header: 'Proposed move', min: PROSE_MIN, natural: 0, weight: 4, cell: (finding) => [{ text: finding.move, paint: plain }] },
  ]);
}

/**
 * Three columns, for terminals too narrow for six: the State cell also says the kind and
 * Instance-local, and the impact and the move share a column. The location keeps its file name
 * whole unless that alone leaves the prose less than PROSE_MIN.
 */
function threeColumns(findings: readonly Finding[], location: number, state: number, width: number): Column[] {
  const locationMin = Math.max(10, Math.min(location, width - border(3) - state - PROSE_MIN));
  return withNaturalWidths(findings, [
    { header: 'Location', min: locationMin, natural: 0, weight: 3, cell: locationCell },
    {
      header: 'State',
      min: state,
      natural: 0,
      weight: 3,
      cell: (finding, chalk) => [
        stateParagraph(finding, chalk),
        ruleParagraph(finding, chalk, ` ${finding.kind}`),
        { text: `Instance-local ${finding.instanceLocal ? 'Y' : 'N'}`, paint: paintLocal(finding, chalk) },
      ],
    },
    {
      header: 'Impact and proposed move',
      min: PROSE_MIN,
      natural: 0,
      weight: 6,
      cell: (finding, chalk) => [
        { text: finding.impact, paint: plain },
        { text: `Move: ${finding.move}`, paint: (line) => line.replace(/^Move:/, chalk.bold('Move:')) },
      ],
    },
  ]);
}

/** What each column's content and header would take unwrapped (capped), never below its minimum. */
function withNaturalWidths(findings: readonly Finding[], columns: Column[]): Column[] {
  const noColor = { dim: plain, cyan: plain, red: plain, yellow: plain, green: plain } as unknown as ChalkInstance;
  return columns.map((column) => {
    const longest = Math.max(...findings.flatMap((finding) => column.cell(finding, noColor).map((paragraph) => displayWidth(paragraph.text))));
    const header = Math.min(displayWidth(column.header), HEADER_NATURAL);
    return { ...column, natural: Math.max(column.min, Math.min(Math.max(longest, header), CELL_NATURAL)) };
  });
}

function widestLocation(findings: readonly Finding[]): number {
  return Math.max(...findings.map((finding) => widestLocationPiece(`${finding.file}:${finding.line}`)));
}

function formatGrid(findings: readonly Finding[], columns: readonly Column[], width: number, chalk: ChalkInstance): string {
  const widths = fitColumns(columns, width - border(columns.length));
  const rule = (left: string, middle: string, right: string): string => chalk.dim(`${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}`);
  const renderRow = (cells: readonly Paragraph[][]): string[] => {
    const wrapped = cells.map((paragraphs, column) =>
      paragraphs.flatMap((paragraph) => (paragraph.location ? wrapLocation : wrapText)(paragraph.text, widths[column]!).map((line) => ({ line, paint: paragraph.paint }))),
    );
    const height = Math.max(...wrapped.map((lines) => lines.length));
    return Array.from({ length: height }, (_, index) => {
      const parts = wrapped.map((lines, column) => {
        const piece = lines[index];
        return piece ? piece.paint(piece.line) + padDisplay('', widths[column]! - displayWidth(piece.line)) : padDisplay('', widths[column]!);
      });
      return `${chalk.dim('│')} ${parts.join(` ${chalk.dim('│')} `)} ${chalk.dim('│')}`;
    });
  };
  const bold = (line: string): string => chalk.bold(line);
  const out = [rule('┌', '┬', '┐'), ...renderRow(columns.map((column) => [{ text: column.header, paint: bold }])), rule('├', '┼', '┤')];
  findings.forEach((finding, index) => {
    if (index > 0) out.push(rule('├', '┼', '┤'));
    out.push(...renderRow(columns.map((column) => column.cell(finding, chalk))));
  });
  out.push(rule('└', '┴', '┘'));
  return `${out.join('\n')}\n`;
}

/** One block per finding, each line wrapped to `width`: for terminals too narrow for a table. */
function formatList(findings: readonly Finding[], width: number, chalk: ChalkInstance): string {
  const inner = Math.max(width - 2, 10);
  const indented = (text: string, paint: (line: string) => string = plain): string[] => wrapText(text, inner).map((line) => `  ${paint(line)}`);
  return findings
    .map((finding) => {
      const location = wrapLocation(`${finding.file}:${finding.line}`, Math.max(width, 10));
      const rule = `[${finding.ruleId}]`;
      const last = location.pop()!;
      const paintLocation = (line: string): string => chalk.bold.cyan(line);
      const head = displayWidth(`${last} ${rule}`) <= width
        ? [...location.map(paintLocation), `${paintLocation(last)} ${chalk.dim(rule)}`]
        : [...location.map(paintLocation), paintLocation(last), ...indented(rule, (line) => chalk.dim(line))];
      const local = finding.instanceLocal ? 'Y' : 'N';
      const kind = `${finding.kind} · ${finding.severity}`;
      const facts = displayWidth(`${kind} · Instance-local ${local}`) <= inner
        ? [`  ${kind} · Instance-local ${paintLocal(finding, chalk)(local)}`]
        : [...indented(kind), ...indented(`Instance-local ${local}`, paintLocal(finding, chalk))];
      return [...head, ...facts, ...indented(finding.message), ...indented(`Impact: ${finding.impact}`), ...indented(`Move: ${finding.move}`)].join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

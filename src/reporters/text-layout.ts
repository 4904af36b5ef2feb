import stringWidth from 'string-width';

/** Columns a text takes in a terminal: CJK and emoji take two, combining marks and colour codes none. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The text followed by spaces up to `width` display columns. */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Word-wraps text to `width` display columns. A word wider than a line breaks after a slash or a
 * hyphen when it can, else between characters (CJK text has no spaces to break at).
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (displayWidth(rest) > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      const head = breakWord(rest, width);
      lines.push(head);
      rest = rest.slice(head.length);
    }
    if (!line) line = rest;
    else if (displayWidth(line) + 1 + displayWidth(rest) <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** `wrapText` for a line that may start with spaces: every wrapped line keeps them. */
export function wrapIndented(text: string, width: number): string[] {
  const indent = /^ */.exec(text)![0];
  return wrapText(text, Math.max(width - indent.length, 10)).map((line) => indent + line);
}

/** Wraps pieces of text kept whole (commands, code) and words alike: a piece breaks only when wider than a line. */
export function wrapPieces(pieces: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line && displayWidth(line) + 1 + displayWidth(piece) <= width) {
      line += ` ${piece}`;
      continue;
    }
    if (line) lines.push(line);
    const wrapped = displayWidth(piece) <= width ? [piece] : wrapText(piece, width);
    line = wrapped.pop()!;
    lines.push(...wrapped);
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * A `file:line` location wrapped to `width` columns, broken only after a slash, so that a file
 * name and its line number stay on one line. Only a file name wider than the whole column is
 * broken, between characters, and its `:line` is still kept whole.
 */
export function wrapLocation(location: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const segment of location.split(/(?<=\/)/)) {
    if (line && displayWidth(line) + displayWidth(segment) <= width) {
      line += segment;
      continue;
    }
    if (line) lines.push(line);
    line = segment;
    if (displayWidth(segment) <= width) continue;
    const [, name = segment, suffix = ''] = /^(.*?)(:\d+)?$/.exec(segment) ?? [];
    const pieces = wrapByCharacter(name, width);
    line = pieces.pop()!;
    lines.push(...pieces);
    if (displayWidth(line) + displayWidth(suffix) > width) {
      lines.push(line);
      line = '';
    }
    line += suffix;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** The widest piece `wrapLocation` keeps whole: the file name and its line. */
export function widestLocationPiece(location: string): number {
  return Math.max(...location.split(/(?<=\/)/).map(displayWidth));
}

/** The first line of a word too wide for `width`: up to its last slash or hyphen that fits, else as many characters as fit. */
function breakWord(word: string, width: number): string {
  let head = '';
  let lastBreak = 0;
  for (const { segment } of SEGMENTER.segment(word)) {
    if (head && displayWidth(head + segment) > width) break;
    head += segment;
    if (segment === '/' || segment === '-') lastBreak = head.length;
  }
  return lastBreak > 0 && lastBreak < word.length ? head.slice(0, lastBreak) : head;
}

function wrapByCharacter(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (displayWidth(rest) > width) {
    let head = '';
    for (const { segment } of SEGMENTER.segment(rest)) {
      if (head && displayWidth(head + segment) > width) break;
      head += segment;
    }
    lines.push(head);
    rest = rest.slice(head.length);
  }
  lines.push(rest);
  return lines;
}

/** A table column's widths: the least it may take, what its content wants, and its share of spare room. */
export interface ColumnWidth {
  min: number;
  natural: number;
  /** 0: the column stays at its minimum while any other still wants room. */
  weight: number;
}

/**
 * Column widths that add up to at most `available`: natural widths when they fit; otherwise each
 * column starts at its minimum and the room left goes one column at a time to the column that
 * wants more and has least for its weight. The caller chooses columns whose minimums fit.
 */
export function fitColumns(columns: readonly ColumnWidth[], available: number): number[] {
  if (columns.reduce((sum, column) => sum + column.natural, 0) <= available) return columns.map((column) => column.natural);
  const widths = columns.map((column) => Math.min(column.min, column.natural));
  let room = available - widths.reduce((sum, width) => sum + width, 0);
  while (room > 0) {
    const wanting = columns.map((column, index) => index).filter((index) => widths[index]! < columns[index]!.natural);
    if (wanting.length === 0) break;
    const weighted = wanting.filter((index) => columns[index]!.weight > 0);
    const pool = weighted.length > 0 ? weighted : wanting;
    const share = (index: number): number => widths[index]! / (columns[index]!.weight || 1);
    const next = pool.reduce((best, index) => (share(index) < share(best) ? index : best));
    widths[next]! += 1;
    room -= 1;
  }
  return widths;
}

/** Escaping for GitHub-flavoured Markdown: text from the scanned code must not become markup. */

const PUNCTUATION = /[\\`*_[\]<>~|&#!]/g;
const CODE_SPAN = /`([^`\n]+)`/g;

/**
 * Text with its `code spans` kept and everything else escaped; line breaks become spaces.
 * In a table cell (`table`), pipes are escaped inside code spans too, as GitHub requires.
 */
export function inline(text: string, table = false): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  let out = '';
  let last = 0;
  for (const match of flat.matchAll(CODE_SPAN)) {
    out += escapePlain(flat.slice(last, match.index));
    out += code(match[1]!, table);
    last = match.index + match[0].length;
  }
  return out + escapePlain(flat.slice(last));
}

/** Text as a code span, with a fence longer than any backtick run inside it. */
export function code(text: string, table = false): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const longestRun = Math.max(0, ...[...flat.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = longestRun > 0 || flat.startsWith(' ') ? ` ${flat} ` : flat;
  return `${fence}${table ? padded.replace(/\|/g, '\\|') : padded}${fence}`;
}

/** A fenced code block whose fence no line of `lines` can close. */
export function codeBlock(lines: readonly string[], language: string): string {
  const longestRun = Math.max(0, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((run) => run[0].length)));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}${language}`, ...lines, fence].join('\n');
}

function escapePlain(text: string): string {
  return text.replace(PUNCTUATION, '\\$&');
}

import type { Excerpt, Finding } from '../report/finding.js';

/** Lines shown before and after the finding's own lines. */
export const EXCERPT_CONTEXT = 2;
/** A finding spanning more lines (a long options literal) shows its first ones only. */
const MAX_FINDING_LINES = 6;
const MAX_LINE_LENGTH = 160;

/**
 * Copies a few lines of source around each finding into `finding.excerpt`, so that reporters can
 * show code without reading files. `textOf` gives a scanned file's text by its report path.
 */
export function attachExcerpts(findings: readonly Finding[], textOf: (file: string) => string | undefined): Finding[] {
  const linesByFile = new Map<string, string[]>();
  const linesOf = (file: string): string[] | undefined => {
    if (!linesByFile.has(file)) {
      const text = textOf(file);
      if (text === undefined) return undefined;
      linesByFile.set(file, text.split(/\r?\n/));
    }
    return linesByFile.get(file);
  };
  return findings.map((finding) => {
    const lines = linesOf(finding.file);
    return lines ? { ...finding, excerpt: excerptOf(lines, finding.line, finding.endLine) } : finding;
  });
}

/** The lines from `EXCERPT_CONTEXT` before `line` to `EXCERPT_CONTEXT` after `endLine` (both 1-based). */
export function excerptOf(lines: readonly string[], line: number, endLine: number): Excerpt {
  const last = Math.min(endLine, line + MAX_FINDING_LINES - 1);
  let startLine = Math.max(1, line - EXCERPT_CONTEXT);
  let stop = Math.min(lines.length, last + EXCERPT_CONTEXT);
  // Blank lines at the edges show nothing.
  while (startLine < line && !lines[startLine - 1]!.trim()) startLine += 1;
  while (stop > last && !lines[stop - 1]!.trim()) stop -= 1;
  return { startLine, lines: lines.slice(startLine - 1, stop).map(shorten) };
}

function shorten(line: string): string {
  const trimmed = line.trimEnd();
  return trimmed.length > MAX_LINE_LENGTH ? `${trimmed.slice(0, MAX_LINE_LENGTH - 1)}…` : trimmed;
}

import type { Finding } from '../report/finding.js';
import { buildReport, type Report } from '../report/report.js';

/** Inclusive 1-based line range. */
export interface LineRange {
  from: number;
  to: number;
}

/** Changed lines by file (relative to the working directory, `/` separators). */
export type ChangedLines = ReadonlyMap<string, readonly LineRange[]>;

/** A file that is new as a whole (not yet tracked): every line counts as changed. */
export const WHOLE_FILE: LineRange = { from: 1, to: Number.MAX_SAFE_INTEGER };

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * The added or rewritten lines of a `git diff --unified=0 --src-prefix=a/ --dst-prefix=b/` text,
 * by the file's new path. Deleted files and pure deletions add nothing.
 */
export function parseUnifiedDiff(diff: string): Map<string, LineRange[]> {
  const changed = new Map<string, LineRange[]>();
  let ranges: LineRange[] | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = unquote(line.slice(4).replace(/\t$/, ''));
      ranges = path.startsWith('b/') ? rangesOf(changed, path.slice(2)) : undefined;
      continue;
    }
    const hunk = HUNK.exec(line);
    if (!hunk || !ranges) continue;
    const from = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count > 0) ranges.push({ from, to: from + count - 1 });
  }
  return changed;
}

function rangesOf(changed: Map<string, LineRange[]>, file: string): LineRange[] {
  let ranges = changed.get(file);
  if (!ranges) changed.set(file, (ranges = []));
  return ranges;
}

/** Git quotes paths with unusual characters in C style: `"b/caf\303\251.ts"`. */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(index + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      index += 3;
    } else {
      bytes.push(escapes[body[index + 1]!] ?? body.charCodeAt(index + 1));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** True when the finding's own lines or one of its evidence lines were changed. */
export function touchesChangedLines(finding: Finding, changed: ChangedLines): boolean {
  if (overlaps(changed.get(finding.file), finding.line, finding.endLine)) return true;
  return finding.evidence.some((item) => overlaps(changed.get(item.file), item.line, item.line));
}

function overlaps(ranges: readonly LineRange[] | undefined, from: number, to: number): boolean {
  return ranges !== undefined && ranges.some((range) => range.from <= to && from <= range.to);
}

/**
 * The report cut down to what a change added: the findings that touch changed lines and the
 * suppression problems on them. The whole program was analysed, so a write added to an unchanged
 * declaration still shows. The summary counts what is left; file errors all stay.
 */
export function restrictToChangedLines(report: Report, changed: ChangedLines, ref: string): Report {
  const findings = report.findings.filter((finding) => touchesChangedLines(finding, changed));
  const rebuilt = buildReport(findings, report.errors, report.summary.files, report.tool, report.tiers, { emptyIsIncomplete: report.verdict === 'incomplete' });
  const problems = report.suppressionProblems?.filter((problem) => overlaps(changed.get(problem.file), problem.line, problem.line));
  return {
    ...rebuilt,
    ...(problems && problems.length > 0 ? { suppressionProblems: problems } : {}),
    ...(report.baseline ? { baseline: report.baseline } : {}),
    changedSince: ref,
  };
}

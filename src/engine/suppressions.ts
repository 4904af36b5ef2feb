import type { Finding, SuppressionKind, SuppressionProblem } from '../report/finding.js';
import type { SourceComment } from './source-comments.js';

/** What every suppression comment contains; files without it need no parsing. */
export const SUPPRESSION_MARKER = 'hidden-state-ignore-';

/** A valid `hidden-state-ignore-…` comment: one rule, a reason, and the findings it may cover. */
export interface SuppressionDirective {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  kind: SuppressionKind;
  ruleId: string;
  justification: string;
  /** The 1-based lines a finding must touch to be covered; absent for the whole file. */
  lines?: { from: number; to: number };
}

export interface ParsedDirectives {
  directives: SuppressionDirective[];
  problems: SuppressionProblem[];
}

export interface SuppressionOutcome {
  /** Every finding; the covered ones carry `suppression`. */
  findings: Finding[];
  /** Directives that covered no finding, as problems. */
  unused: SuppressionProblem[];
}

const FORMS: Record<string, SuppressionKind> = { 'next-line': 'next-line', line: 'same-line', file: 'file' };
const DIRECTIVE = /^(?:\/\/+|\/\*[\s*]*)\s*hidden-state-ignore-(next-line|line|file)(?=\s|\*\/|$)([\s\S]*?)(?:\*\/)?$/;
const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Reads the suppression comments of one file:
 * `// hidden-state-ignore-next-line <rule-id> -- <reason>` covers the next line,
 * `// hidden-state-ignore-line <rule-id> -- <reason>` the line it ends,
 * `/* hidden-state-ignore-file <rule-id> -- <reason> *\/` the whole file.
 * A comment without a rule, with an unknown rule or without a reason covers nothing and is a problem.
 */
export function parseDirectives(file: string, comments: readonly SourceComment[], ruleIds: readonly string[]): ParsedDirectives {
  const directives: SuppressionDirective[] = [];
  const problems: SuppressionProblem[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text.trim());
    if (!match) continue;
    const kind = FORMS[match[1]!]!;
    const form = `hidden-state-ignore-${match[1]}`;
    const body = match[2]!.replace(/\s*\n\s*\*?\s*/g, ' ');
    const separator = body.indexOf('--');
    const [ruleId = '', ...extra] = (separator < 0 ? body : body.slice(0, separator)).trim().split(/\s+/).filter(Boolean);
    const justification = separator < 0 ? '' : body.slice(separator + 2).trim();
    const problem = (kindOfProblem: SuppressionProblem['problem'], message: string): void => {
      problems.push({ file, line: comment.line, problem: kindOfProblem, ...(ruleId ? { ruleId } : {}), message });
    };
    if (!ruleId || !RULE_ID.test(ruleId)) {
      problem('missing-rule', `\`${form}\` names no rule: write \`${form} <rule-id> -- <reason>\``);
    } else if (!ruleIds.includes(ruleId)) {
      problem('unknown-rule', `\`${form}\` names an unknown rule '${ruleId}' (see 'hidden-state rules')`);
    } else if (!justification || extra.length > 0) {
      problem('missing-reason', `\`${form} ${ruleId}\` gives no reason: write it after \`--\` (the reason is kept for review)`);
    } else {
      directives.push({ file, line: comment.line, kind, ruleId, justification, ...coveredLines(kind, comment) });
    }
  }
  return { directives, problems };
}

function coveredLines(kind: SuppressionKind, comment: SourceComment): Pick<SuppressionDirective, 'lines'> {
  if (kind === 'next-line') return { lines: { from: comment.endLine + 1, to: comment.endLine + 1 } };
  if (kind === 'same-line') return { lines: { from: comment.line, to: comment.endLine } };
  return {};
}

/**
 * Marks each finding covered by a directive of its rule: a line directive covers a finding that
 * starts on its line (or, for the same-line form, spans it); a file directive covers the rule's
 * findings in the whole file. The most specific directive wins and counts as used.
 */
export function applySuppressions(findings: readonly Finding[], directives: readonly SuppressionDirective[]): SuppressionOutcome {
  const used = new Set<SuppressionDirective>();
  const marked = findings.map((finding) => {
    const directive = coveringDirective(finding, directives);
    if (!directive) return finding;
    used.add(directive);
    return { ...finding, suppression: { kind: directive.kind, justification: directive.justification, line: directive.line } };
  });
  const unused = directives
    .filter((directive) => !used.has(directive))
    .map((directive): SuppressionProblem => ({
      file: directive.file,
      line: directive.line,
      problem: 'unused',
      ruleId: directive.ruleId,
      message: `this suppression of ${directive.ruleId} matches no finding: remove it`,
    }));
  return { findings: marked, unused };
}

function coveringDirective(finding: Finding, directives: readonly SuppressionDirective[]): SuppressionDirective | undefined {
  let fileWide: SuppressionDirective | undefined;
  for (const directive of directives) {
    if (directive.file !== finding.file || directive.ruleId !== finding.ruleId) continue;
    if (!directive.lines) {
      fileWide ??= directive;
      continue;
    }
    const { from, to } = directive.lines;
    const touches = directive.kind === 'next-line' ? finding.line === from : finding.line <= to && from <= finding.endLine;
    if (touches) return directive;
  }
  return fileWide;
}

/** Problems in file, line order. */
export function sortProblems(problems: readonly SuppressionProblem[]): SuppressionProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.message < b.message ? -1 : 1)));
}

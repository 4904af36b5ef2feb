import { type FileError, type Finding, type Severity, type SuppressionProblem } from './finding.js';
import type { Kind } from './kinds.js';

/**
 * `incomplete` when a file or a rule failed, or no file was analysed: what was not analysed may
 * hold state, so such a scan is never called stateless.
 */
export type Verdict = 'stateless' | 'stateful' | 'incomplete';

/** One tier (a service package) of the scan, with its own verdict. */
export interface TierReport {
  name: string;
  /** Folder, relative to the working directory (`.` for the working directory). */
  root: string;
  /** The entry files reachability started from; empty when every file below `root` counts. */
  entries: string[];
  /** Where the entries came from: `configuration`, `package.json main`, `Next.js conventions`... */
  entrySources: string[];
  verdict: Verdict;
  /** Files of the scan that belong to this tier. */
  files: number;
  findings: number;
  instanceLocal: number;
}

/** Everything a reporter needs: plain data, no syntax trees. */
export interface Report {
  tool: { name: string; version: string };
  /** `stateless` only when every file was analysed and every line of every tier is Instance-local N. */
  verdict: Verdict;
  summary: {
    /** Files analysed. */
    files: number;
    findings: number;
    instanceLocal: number;
    externalized: number;
    bySeverity: Record<Severity, number>;
    byKind: Partial<Record<Kind, number>>;
  };
  /** Sorted by name. */
  tiers: TierReport[];
  /** Sorted by file, line, column, rule. */
  findings: Finding[];
  /** Files that could not be analysed, sorted by file. */
  errors: FileError[];
  /** Suppression comments without a rule or a reason, naming an unknown rule, or (on request) unused; absent when there are none. */
  suppressionProblems?: SuppressionProblem[];
  /** Present when the run compared with a baseline; each finding then has `baselineState`. */
  baseline?: BaselineComparison;
  /** Present with `--changed-since`: the git ref; only findings on lines changed since it are listed. */
  changedSince?: string;
  /** What the scan read (absent in reports made before it was recorded). */
  scope?: ScanScope;
  /** Present with `--shard i/n`: this report holds part `index` of `count`; `merge` puts the parts together. */
  shard?: { index: number; count: number };
}

/** What a scan read, so that no code is left out silently. */
export interface ScanScope {
  /** Files parsed and analysed (= `summary.files`). */
  analysed: number;
  /** Of those, files in a tier that no entry imports: loaded dynamically, or dead code. Their findings say so. */
  notReached: number;
  /** Files not counted in any tier, by reason (`test code` files are not even read), sorted by reason. */
  leftOut: { reason: string; files: number }[];
}

/** The scope's reason for the test files discovery leaves out. */
export const TEST_CODE = 'test code';

/** A rule as reporters describe it (SARIF's rule list): plain data taken from the rule's metadata. */
export interface RuleSummary {
  id: string;
  kind: Kind;
  /** Noun phrase. */
  title: string;
  /** "Flags …". */
  description: string;
  /** Why what it flags is state. */
  rationale: string;
  /** When a look-alike is not state. */
  notState: string;
  /** Default severity. */
  severity: Severity;
  impact: string;
  move: string;
  /** Absolute link to the rule's documentation. */
  helpUri: string;
}

/** One recorded finding of a baseline file. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  symbol: string;
}

/** What comparing with a baseline found besides the marks on the findings. */
export interface BaselineComparison {
  /** The baseline file, as given. */
  file: string;
  /** Entries the file records. */
  recorded: number;
  /** Entries whose finding is gone (fixed), sorted. */
  fixed: BaselineEntry[];
}

export function buildReport(
  findings: readonly Finding[],
  errors: readonly FileError[],
  files: number,
  tool: Report['tool'],
  tiers: readonly Omit<TierReport, 'verdict' | 'findings' | 'instanceLocal'>[] = [],
  /** A shard may hold no file of a scan that has some: its report is then not incomplete. */
  { emptyIsIncomplete = true }: { emptyIsIncomplete?: boolean } = {},
): Report {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const kindCounts = new Map<Kind, number>();
  for (const finding of findings) {
    bySeverity[finding.severity] += 1;
    kindCounts.set(finding.kind, (kindCounts.get(finding.kind) ?? 0) + 1);
  }
  const byKind = Object.fromEntries([...kindCounts].sort(([a], [b]) => (a < b ? -1 : 1))) as Partial<Record<Kind, number>>;
  const instanceLocal = findings.filter((finding) => finding.instanceLocal).length;
  const tierReports = tiers
    .map((tier) => {
      const own = findings.filter((finding) => finding.tier === tier.name);
      const local = own.filter((finding) => finding.instanceLocal).length;
      const failed = errors.some((error) => isBelow(error.file, tier.root));
      return { ...tier, verdict: verdictOf(local, failed), findings: own.length, instanceLocal: local };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    tool,
    verdict: verdictOf(instanceLocal, errors.length > 0 || (files === 0 && emptyIsIncomplete)),
    summary: { files, findings: findings.length, instanceLocal, externalized: findings.length - instanceLocal, bySeverity, byKind },
    tiers: tierReports,
    findings: [...findings],
    errors: [...errors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.message < b.message ? -1 : 1)),
  };
}

function verdictOf(instanceLocal: number, incomplete: boolean): Verdict {
  if (incomplete) return 'incomplete';
  return instanceLocal === 0 ? 'stateless' : 'stateful';
}

/** Whether a file (relative, `/`) lies below a tier's root (relative, `.` for the working directory). */
function isBelow(file: string, root: string): boolean {
  return root === '.' || file === root || file.startsWith(`${root}/`);
}

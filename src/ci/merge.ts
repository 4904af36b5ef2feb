import { compareEntries } from './baseline.js';
import { compareFindings } from '../engine/settle.js';
import { buildReport, TEST_CODE, type BaselineComparison, type Report, type ScanScope, type TierReport } from '../report/report.js';
import { compareText } from '../shared/compare-text.js';
import { sortProblems } from '../engine/suppressions.js';

/**
 * The report an unsharded scan would have made, from the reports of the shards of one run (see
 * `readMergeInputs`). A shard holds the findings, errors and file counts of its own files, so
 * findings are concatenated and put back in report order, counts add up, and the summary and
 * verdicts are computed again. Discovery errors and fixed baseline entries of deleted files are
 * in every shard; they are kept once.
 */
export function mergeReports(reports: readonly Report[]): Report {
  const first = reports[0]!;
  // A stable sort: findings of one place in several tiers stay in their shard's order (a shard never splits a file).
  const findings = reports.flatMap((report) => report.findings).sort(compareFindings);
  const errors = uniqueBy(reports.flatMap((report) => report.errors), (error) => `${error.file}\n${error.message}`);
  const files = reports.reduce((total, report) => total + report.summary.files, 0);
  const merged = buildReport(findings, errors, files, first.tool, mergeTiers(reports));
  const problems = sortProblems(uniqueBy(reports.flatMap((report) => report.suppressionProblems ?? []), (problem) => `${problem.file}:${problem.line} ${problem.message}`));
  const baseline = mergeBaselines(reports.flatMap((report) => (report.baseline ? [report.baseline] : [])));
  const scope = mergeScopes(reports.flatMap((report) => (report.scope ? [report.scope] : [])));
  return {
    ...merged,
    ...(scope ? { scope } : {}),
    ...(problems.length > 0 ? { suppressionProblems: problems } : {}),
    ...(baseline ? { baseline } : {}),
    ...(first.changedSince !== undefined ? { changedSince: first.changedSince } : {}),
  };
}

/** A tier as a shard counts it: the rest is computed from the merged findings. */
type TierFiles = Omit<TierReport, 'verdict' | 'findings' | 'instanceLocal'>;

/** Every shard lists every tier (with `files: 0` where it has none of its files); the rest is equal. */
function mergeTiers(reports: readonly Report[]): TierFiles[] {
  const byName = new Map<string, TierFiles>();
  for (const tier of reports.flatMap((report) => report.tiers)) {
    const known = byName.get(tier.name);
    if (known) known.files += tier.files;
    else byName.set(tier.name, { name: tier.name, root: tier.root, entries: tier.entries, entrySources: tier.entrySources, files: tier.files });
  }
  return [...byName.values()];
}

/**
 * Each shard counts the files of its own groups; test files are left out before files are split
 * into shards, so every shard counts all of them: that count is kept once.
 */
function mergeScopes(scopes: readonly ScanScope[]): ScanScope | undefined {
  if (scopes.length === 0) return undefined;
  const reasons = new Map<string, number>();
  for (const { reason, files } of scopes.flatMap((scope) => scope.leftOut)) {
    reasons.set(reason, reason === TEST_CODE ? Math.max(reasons.get(reason) ?? 0, files) : (reasons.get(reason) ?? 0) + files);
  }
  return {
    analysed: scopes.reduce((total, scope) => total + scope.analysed, 0),
    notReached: scopes.reduce((total, scope) => total + scope.notReached, 0),
    leftOut: [...reasons].sort(([a], [b]) => compareText(a, b)).map(([reason, files]) => ({ reason, files })),
  };
}

/** Same file and count in every shard (checked on reading); each shard lists the fixed entries of its own files. */
function mergeBaselines(comparisons: readonly BaselineComparison[]): BaselineComparison | undefined {
  const first = comparisons[0];
  if (!first) return undefined;
  const fixed = uniqueBy(comparisons.flatMap((comparison) => comparison.fixed), (entry) => entry.fingerprint).sort(compareEntries);
  return { file: first.file, recorded: first.recorded, fixed };
}

/** The first item of each key, in order. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) if (!byKey.has(key(item))) byKey.set(key(item), item);
  return [...byKey.values()];
}

import type { ModuleSummary } from '../engine/engine.js';
import { compareFindings } from '../engine/settle.js';
import type { FileError, Finding, SuppressionProblem } from '../report/finding.js';
import type { GroupResult, SourceText } from '../engine/group-analysis.js';
import type { SuppressionDirective } from '../engine/suppressions.js';
import type { StoredExports } from '../facts/exports.js';

// What the cache stores of a group: each file's share of the result and what it read.

/**
 * One file's share of a group's result, and what its findings read: files (as indexes into the
 * group's files) read whole or for their export tables only, and the keys of contributions from
 * any file (see analysis/reads.ts).
 */
export interface FileRecord {
  /** Digest of the file's path, text, and where its imports resolve. */
  digest: string;
  /** False when the file did not parse (the error is in `errors`). */
  parsed: boolean;
  findings: Finding[];
  errors: FileError[];
  modules: ModuleSummary[];
  directives: SuppressionDirective[];
  problems: SuppressionProblem[];
  reads: number[];
  exportReads: number[];
  /** The names looked up in those export tables. */
  exportNames: string[];
  keys: string[];
  /** What the file adds to the facts of others, what working that out read, and a digest where there is one. */
  contributions: StoredContribution[];
  /** Its export table, when it parsed: lets a later partial analysis resolve names through it unparsed. */
  exports?: StoredExports;
}

/** A contribution as the record keeps it: its key, the files working it out read, and its digest if it has one. */
export interface StoredContribution {
  key: string;
  reads: number[];
  exportReads: number[];
  exportNames: string[];
  digest?: string;
}

/** A group's result as the cache keeps it: one record per readable file, in group order. */
export interface GroupRecord {
  /** Relative paths. */
  files: string[];
  records: FileRecord[];
}

/** Splits a group's analysis (made with `recordReads`) into one record per file. */
export function recordsOf(sources: readonly SourceText[], digests: readonly string[], result: GroupResult): FileRecord[] {
  const indexOfPath = new Map(sources.map((source, index) => [source.path, index]));
  const indexOfFile = new Map(sources.map((source, index) => [source.file, index]));
  const records: FileRecord[] = sources.map((_, index) => ({
    digest: digests[index]!,
    parsed: false,
    findings: [],
    errors: [],
    modules: [],
    directives: [],
    problems: [],
    reads: [index],
    exportReads: [],
    exportNames: [],
    keys: [],
    contributions: [],
  }));
  const recordOf = (file: string): FileRecord | undefined => {
    const index = indexOfFile.get(file);
    return index === undefined ? undefined : records[index];
  };
  const toIndexes = (paths: readonly string[]): number[] => paths.flatMap((path) => indexOfPath.get(path) ?? []).sort((a, b) => a - b);
  for (const file of result.files) recordOf(file)!.parsed = true;
  for (const finding of result.findings) recordOf(finding.file)?.findings.push(finding);
  for (const error of result.errors) recordOf(error.file)?.errors.push(error);
  for (const module of result.modules) recordOf(module.file)?.modules.push(module);
  for (const directive of result.directives) recordOf(directive.file)?.directives.push(directive);
  for (const problem of result.problems) recordOf(problem.file)?.problems.push(problem);
  for (const reads of result.reads ?? []) {
    const record = recordOf(reads.file)!;
    record.reads = toIndexes(reads.paths);
    record.exportReads = toIndexes(reads.exports);
    record.exportNames = reads.exportNames;
    record.keys = reads.keys.map((key) => compactKey(key, indexOfPath));
    record.exports = reads.exportTable;
    record.contributions = reads.contributions.map(({ key, paths, exports, exportNames, digest }) => ({
      key: compactKey(key, indexOfPath),
      reads: toIndexes(paths),
      exportReads: toIndexes(exports),
      exportNames,
      ...(digest === undefined ? {} : { digest }),
    }));
  }
  return records;
}

/**
 * A key with the file it names (`uses:/abs/path/store.ts#cache|*`) written as the file's index
 * in the group (`uses:@12#cache|*`): the same for the same group, and a fraction of the size.
 */
function compactKey(key: string, indexOfPath: ReadonlyMap<string, number>): string {
  const colon = key.indexOf(':');
  // A binding may contain `#` (`Store#items`), so may a path: try each `#` until a file of the group is named.
  for (let hash = key.indexOf('#', colon); hash > 0; hash = key.indexOf('#', hash + 1)) {
    const index = indexOfPath.get(key.slice(colon + 1, hash));
    if (index !== undefined) return `${key.slice(0, colon + 1)}@${index}${key.slice(hash)}`;
  }
  return key;
}

/** The group's result put back together from its records: the same data, in the same order, as one analysis of the whole group. */
export function resultOf(record: GroupRecord): GroupResult {
  const all = record.records;
  return {
    files: record.files.filter((_, index) => all[index]!.parsed).sort(),
    // A stable sort: findings a file reported at one place keep their order.
    findings: all.flatMap((file) => file.findings).sort(compareFindings),
    errors: all.flatMap((file) => file.errors),
    modules: all.flatMap((file) => file.modules),
    directives: all.flatMap((file) => file.directives),
    problems: all.flatMap((file) => file.problems),
  };
}

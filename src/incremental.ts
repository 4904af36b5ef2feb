import { compareFindings, type ModuleSummary } from './engine.js';
import type { FileError, Finding, SuppressionProblem } from './finding.js';
import { analyseGroup, type GroupAnalysisSetup, type GroupProgress, type GroupResult, type SourceText } from './group-analysis.js';
import type { SuppressionDirective } from './suppressions.js';

/**
 * One file's share of a group's result, and what its findings read: the files (as indexes into
 * the group's files) and the keys of contributions from any file (see analysis/reads.ts).
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
  keys: string[];
  /** What the file adds to the facts of others, what working that out read, and a digest where there is one. */
  contributions: { key: string; reads: number[]; digest?: string }[];
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
    keys: [],
    contributions: [],
  }));
  const recordOf = (file: string): FileRecord | undefined => {
    const index = indexOfFile.get(file);
    return index === undefined ? undefined : records[index];
  };
  const toIndexes = (paths: readonly string[]): number[] =>
    paths.flatMap((path) => indexOfPath.get(path) ?? []).sort((a, b) => a - b);
  for (const file of result.files) recordOf(file)!.parsed = true;
  for (const finding of result.findings) recordOf(finding.file)?.findings.push(finding);
  for (const error of result.errors) recordOf(error.file)?.errors.push(error);
  for (const module of result.modules) recordOf(module.file)?.modules.push(module);
  for (const directive of result.directives) recordOf(directive.file)?.directives.push(directive);
  for (const problem of result.problems) recordOf(problem.file)?.problems.push(problem);
  for (const reads of result.reads ?? []) {
    const record = recordOf(reads.file)!;
    record.reads = toIndexes(reads.paths);
    record.keys = reads.keys.map((key) => compactKey(key, indexOfPath));
    record.contributions = reads.contributions.map(({ key, paths, digest }) => ({
      key: compactKey(key, indexOfPath),
      reads: toIndexes(paths),
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

/** A rescan that would analyse more than this share of a group analyses all of it: it costs no more. */
export const PARTIAL_ANALYSIS_LIMIT = 0.6;
const MAX_ROUNDS = 8;

/** What `reanalyse` did: the group's new records, and how many of its files it parsed. */
export interface Reanalysis {
  records: FileRecord[];
  analysed: number;
}

/**
 * Analyses again only what the changed files can reach, and takes the rest from the records.
 *
 * Affected are the changed files, the files whose findings read one of them, and the readers of
 * every key a changed file contributed to. A file whose contribution read a changed file (an
 * import resolved through a changed barrel) works out its contributions again. The analysis
 * runs on those files and on everything their records say they read, including every
 * contributor to the keys they read. What the run itself then records is checked against that
 * scope: a file read from outside it (the change made a new import), a contribution that now
 * reaches another key, widens the scope and the run is repeated. A file's findings are taken
 * from the run only when every input they read was in it, so they are those of a full analysis.
 *
 * Undefined when the change reaches most of the group: a full analysis is then no slower.
 */
export function reanalyse(
  sources: readonly SourceText[],
  digests: readonly string[],
  old: readonly FileRecord[],
  setup: GroupAnalysisSetup,
  limit = PARTIAL_ANALYSIS_LIMIT,
): Reanalysis | undefined {
  const changed = sources.flatMap((_, index) => (digests[index] === old[index]!.digest ? [] : [index]));
  if (changed.length === 0) return { records: [...old], analysed: 0 };
  const readersOfFile = invert(old.map((record) => record.reads));
  const readersOfKey = new Map<string, number[]>();
  old.forEach((record, index) => {
    for (const key of record.keys) push(readersOfKey, key, index);
  });
  const contributorsOf = new Map<string, { source: number; reads: number[] }[]>();
  old.forEach((record, source) => {
    for (const { key, reads } of record.contributions) push(contributorsOf, key, { source, reads });
  });

  const changedSet = new Set(changed);
  // Files whose contributions may change: the changed ones, and those whose contributions read one.
  const recompute = new Set(changed);
  old.forEach((record, index) => {
    if (record.contributions.some(({ reads }) => reads.some((read) => changedSet.has(read)))) recompute.add(index);
  });
  const affected = new Set(changed);
  for (const file of changed) for (const reader of readersOfFile[file] ?? []) affected.add(reader);
  for (const source of recompute) {
    for (const { key, digest } of old[source]!.contributions) {
      // A contribution with a digest reaches its readers only if the run finds it changed.
      if (digest !== undefined && changedSet.has(source)) continue;
      for (const reader of readersOfKey.get(key) ?? []) affected.add(reader);
    }
  }

  const scope = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    widenScope(scope, affected, recompute, old, contributorsOf);
    if (scope.size > sources.length * limit) return undefined;
    const inScope = sources.filter((_, index) => scope.has(index));
    const run = recordsInGroup(sources, digests, analyseGroup(inScope, setup, undefined, true), scope);
    if (!widenFromRun(run, old, scope, affected, recompute, contributorsOf, readersOfKey)) {
      return { records: old.map((record, index) => mergedRecord(record, run.get(index), affected.has(index), recompute.has(index))), analysed: inScope.length };
    }
  }
  return undefined;
}

/** The scope the records ask for: the affected files and the recomputed ones, with all they read. */
function widenScope(
  scope: Set<number>,
  affected: ReadonlySet<number>,
  recompute: ReadonlySet<number>,
  old: readonly FileRecord[],
  contributorsOf: ReadonlyMap<string, readonly { source: number; reads: readonly number[] }[]>,
): void {
  for (const file of affected) {
    scope.add(file);
    for (const read of old[file]!.reads) scope.add(read);
    for (const key of old[file]!.keys) {
      for (const { source, reads } of contributorsOf.get(key) ?? []) {
        scope.add(source);
        for (const read of reads) scope.add(read);
      }
    }
  }
  for (const source of recompute) {
    scope.add(source);
    for (const { reads } of old[source]!.contributions) for (const read of reads) scope.add(read);
  }
}

/**
 * Checks the run against its scope; true when the scope (or the affected files) had to grow.
 * Contributions to a key are those of the run for the recomputed files and the stored ones for
 * the others (whose inputs did not change).
 */
function widenFromRun(
  run: ReadonlyMap<number, FileRecord>,
  old: readonly FileRecord[],
  scope: Set<number>,
  affected: Set<number>,
  recompute: ReadonlySet<number>,
  contributorsOf: ReadonlyMap<string, readonly { source: number; reads: readonly number[] }[]>,
  readersOfKey: ReadonlyMap<string, readonly number[]>,
): boolean {
  const sizeBefore = scope.size + affected.size;
  const include = (indexes: readonly number[]): void => {
    for (const index of indexes) scope.add(index);
  };
  const keysRead = new Set<string>();
  for (const file of affected) {
    const record = run.get(file);
    if (!record) continue;
    include(record.reads);
    for (const key of record.keys) keysRead.add(key);
  }
  for (const key of keysRead) {
    for (const { source, reads } of contributorsOf.get(key) ?? []) {
      if (recompute.has(source)) continue;
      scope.add(source);
      include(reads);
    }
  }
  const reach = (key: string): void => {
    for (const reader of readersOfKey.get(key) ?? []) affected.add(reader);
  };
  for (const [source, record] of run) {
    const previous = recompute.has(source) ? new Map(old[source]!.contributions.map((contribution) => [contribution.key, contribution.digest])) : undefined;
    for (const { key, reads, digest } of record.contributions) {
      if (previous) {
        // A contribution that moved or changed: the readers of where it goes now are affected too.
        include(reads);
        if (digest === undefined || previous.get(key) !== digest) reach(key);
        previous.delete(key);
      } else if (keysRead.has(key)) {
        // Made here with an input missing, it could point somewhere else than in a full analysis.
        include(reads);
      }
    }
    // What it no longer adds to reaches the readers too.
    for (const key of previous?.keys() ?? []) reach(key);
  }
  return scope.size + affected.size > sizeBefore;
}

/** The records of a run over the files of `scope`, by index in the whole group. */
function recordsInGroup(sources: readonly SourceText[], digests: readonly string[], result: GroupResult, scope: ReadonlySet<number>): Map<number, FileRecord> {
  const records = recordsOf(sources, digests, result);
  return new Map([...scope].map((index) => [index, records[index]!]));
}

function mergedRecord(old: FileRecord, fresh: FileRecord | undefined, affected: boolean, recomputed: boolean): FileRecord {
  if (affected) return fresh!;
  if (recomputed) return { ...old, contributions: fresh!.contributions };
  return old;
}

function invert(lists: readonly (readonly number[])[]): number[][] {
  const inverted: number[][] = [];
  lists.forEach((list, index) => {
    for (const item of list) (inverted[item] ??= []).push(index);
  });
  return inverted;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A group's record and how many of its files were parsed and analysed to make it. */
export interface UpdatedRecord {
  record: GroupRecord;
  analysed: number;
}

/**
 * The group's record: the stored one when no file changed, else the stored one with what the
 * change reaches analysed again, else (no record of these files, or a change that reaches most
 * of the group) a new one from analysing the whole group.
 */
export function updateRecord(
  sources: readonly SourceText[],
  digests: readonly string[],
  stored: GroupRecord | undefined,
  setup: GroupAnalysisSetup,
  progress?: GroupProgress,
  limit?: number,
): UpdatedRecord {
  const files = sources.map((source) => source.file);
  if (stored && stored.files.length === files.length && stored.files.every((file, index) => file === files[index])) {
    const partial = reanalyse(sources, digests, stored.records, setup, limit);
    if (partial) return { record: partial.analysed === 0 ? stored : { files, records: partial.records }, analysed: partial.analysed };
  }
  const result = analyseGroup(sources, setup, progress, true);
  return { record: { files, records: recordsOf(sources, digests, result) }, analysed: sources.length };
}

import type { StoredExports } from '../facts/exports.js';
import type { ModuleSummary } from '../engine/engine.js';
import { compareFindings } from '../engine/settle.js';
import type { FileError, Finding, SuppressionProblem } from '../report/finding.js';
import { analyseGroup, type GroupAnalysisSetup, type GroupProgress, type GroupResult, type SourceText } from '../engine/group-analysis.js';
import type { SuppressionDirective } from '../engine/suppressions.js';

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
function recordsOf(sources: readonly SourceText[], digests: readonly string[], result: GroupResult): FileRecord[] {
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

/** A rescan that would analyse more than this share of a group analyses all of it: it costs no more. */
const PARTIAL_ANALYSIS_LIMIT = 0.6;
const MAX_ROUNDS = 8;

/** What `reanalyse` did: the group's new records, and how many files it parsed (over all its runs). */
interface Reanalysis {
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
 * contributor to the keys they read; other files' export tables come from the records. What the
 * run itself then records is checked against that scope: a file read from outside it (the
 * change made a new import), a contribution that now reaches another key, an export table that
 * changed, widens it and the run is repeated. A file's findings are taken from the run only
 * when every input they read was in it, so they are those of a full analysis.
 *
 * Undefined when the change reaches most of the group: a full analysis is then no slower.
 */
function reanalyse(
  sources: readonly SourceText[],
  digests: readonly string[],
  old: readonly FileRecord[],
  setup: GroupAnalysisSetup,
  limit = PARTIAL_ANALYSIS_LIMIT,
): Reanalysis | undefined {
  const changed = sources.flatMap((_, index) => (digests[index] === old[index]!.digest ? [] : [index]));
  if (changed.length === 0) return { records: [...old], analysed: 0 };
  const partial = new PartialAnalysis(old, changed);
  const indexOfPath = new Map(sources.map((source, index) => [source.path, index]));
  // Export tables of unchanged files are those on record; a changed file is parsed, or has none.
  const storedExports = (path: string): StoredExports | undefined => {
    const index = indexOfPath.get(path);
    return index === undefined || partial.changed.has(index) ? undefined : old[index]!.exports;
  };
  let parsed = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    partial.widenScope();
    if (partial.scope.size > sources.length * limit) return undefined;
    const inScope = sources.filter((_, index) => partial.scope.has(index));
    parsed += inScope.length;
    const result = analyseGroup(inScope, setup, undefined, { recordReads: true, storedExports, readElsewhere: (key) => partial.isReadOnRecord(key) });
    const records = recordsOf(sources, digests, result);
    const run = new Map([...partial.scope].map((index) => [index, records[index]!]));
    if (!partial.widenFromRun(run)) return { records: partial.merged(run), analysed: parsed };
  }
  return undefined;
}

/** The state of one partial analysis: which files are affected, recomputed, and in its scope. */
class PartialAnalysis {
  readonly changed: ReadonlySet<number>;
  /** Files whose findings are analysed again. */
  readonly affected = new Set<number>();
  /** Files whose contributions are worked out again (their findings may stay). */
  readonly recompute = new Set<number>();
  /** Files parsed for the run. */
  readonly scope = new Set<number>();
  private readonly readersOfFile: number[][];
  private readonly readersOfExports: number[][];
  private readonly readersOfKey = new Map<string, number[]>();
  private readonly contributorsOf = new Map<string, { source: number; reads: number[] }[]>();

  constructor(
    private readonly old: readonly FileRecord[],
    changed: readonly number[],
  ) {
    this.changed = new Set(changed);
    this.readersOfFile = invert(old.map((record) => record.reads));
    this.readersOfExports = invert(old.map((record) => record.exportReads));
    old.forEach((record, index) => {
      for (const key of record.keys) push(this.readersOfKey, key, index);
      for (const { key, reads } of record.contributions) push(this.contributorsOf, key, { source: index, reads });
    });
    for (const file of changed) {
      this.affected.add(file);
      this.reachReaders(this.readersOfFile[file]);
    }
    // Files whose contributions read a changed file whole: where they go may have moved.
    old.forEach((record, index) => {
      if (record.contributions.some(({ reads }) => reads.some((read) => this.changed.has(read)))) this.markRecompute(index);
    });
    for (const file of changed) this.markRecompute(file);
  }

  /** True when a file's record reads `key` (a key without a file in it, as `call:init`). */
  isReadOnRecord(key: string): boolean {
    return this.readersOfKey.has(key);
  }

  /** The scope the records ask for: the affected files and the recomputed ones, with all they read whole. */
  widenScope(): void {
    for (const file of this.affected) {
      this.scope.add(file);
      this.include(this.old[file]!.reads);
      for (const key of this.old[file]!.keys) {
        for (const { source, reads } of this.contributorsOf.get(key) ?? []) {
          this.scope.add(source);
          this.include(reads);
        }
      }
    }
    for (const source of this.recompute) {
      this.scope.add(source);
      for (const { reads } of this.old[source]!.contributions) this.include(reads);
    }
  }

  /**
   * Checks a run against its scope; true when the scope or the affected files had to grow.
   * Contributions to a key are those of the run for the recomputed files and those on record for
   * the others (whose inputs did not change).
   */
  widenFromRun(run: ReadonlyMap<number, FileRecord>): boolean {
    const sizeBefore = this.scope.size + this.affected.size + this.recompute.size;
    const keysRead = new Set<string>();
    for (const file of this.affected) {
      const record = run.get(file);
      if (!record) continue;
      this.include(record.reads);
      for (const key of record.keys) keysRead.add(key);
    }
    for (const key of keysRead) {
      for (const { source, reads } of this.contributorsOf.get(key) ?? []) {
        if (this.recompute.has(source)) continue;
        this.scope.add(source);
        this.include(reads);
      }
    }
    for (const file of this.changed) {
      // A changed export table reaches whoever looked up a name whose entry changed in it.
      const change = exportTableChange(this.old[file]!.exports, run.get(file)?.exports);
      if (!change) continue;
      const reached = (names: readonly string[]): boolean => change.all || names.some((name) => change.names.has(name));
      this.reachReaders(this.readersOfExports[file]?.filter((reader) => reached(this.old[reader]!.exportNames)));
      this.old.forEach((record, index) => {
        if (record.contributions.some(({ exportReads, exportNames }) => exportReads.includes(file) && reached(exportNames))) this.markRecompute(index);
      });
    }
    for (const [source, record] of run) {
      if (this.recompute.has(source)) this.compareContributions(source, record, run);
      else {
        for (const { key, reads } of record.contributions) {
          // Made here with an input missing, it could point somewhere else than in a full analysis.
          if (keysRead.has(key)) this.include(reads);
        }
      }
    }
    return this.scope.size + this.affected.size + this.recompute.size > sizeBefore;
  }

  /**
   * A recomputed file's contributions against those on record: the readers of a key it now adds
   * to, adds something else to, or no longer adds to, are affected. Worked out with an input
   * missing, they may be wrong: then the scope takes the input, and the next run decides.
   */
  private compareContributions(source: number, record: FileRecord, run: ReadonlyMap<number, FileRecord>): void {
    const complete = record.contributions.every(({ reads }) => reads.every((read) => run.has(read)));
    for (const { reads } of record.contributions) this.include(reads);
    if (!complete) return;
    const previous = new Map(this.old[source]!.contributions.map((contribution) => [contribution.key, contribution.digest]));
    for (const { key, digest } of record.contributions) {
      if (digest === undefined || previous.get(key) !== digest) this.reachReaders(this.readersOfKey.get(key));
      previous.delete(key);
    }
    for (const key of previous.keys()) this.reachReaders(this.readersOfKey.get(key));
  }

  /** The group's records: from the run for the files analysed again, on record for the others. */
  merged(run: ReadonlyMap<number, FileRecord>): FileRecord[] {
    return this.old.map((record, index) => {
      if (this.affected.has(index)) return run.get(index)!;
      if (this.recompute.has(index)) return { ...record, contributions: run.get(index)!.contributions };
      return record;
    });
  }

  /** Its contributions are worked out again; the readers of what it contributed to are affected, unless a digest will decide. */
  private markRecompute(source: number): void {
    if (this.recompute.has(source)) return;
    this.recompute.add(source);
    for (const { key, digest } of this.old[source]!.contributions) {
      if (digest !== undefined && this.changed.has(source)) continue;
      this.reachReaders(this.readersOfKey.get(key));
    }
  }

  private reachReaders(readers: readonly number[] | undefined): void {
    for (const reader of readers ?? []) this.affected.add(reader);
  }

  private include(indexes: readonly number[]): void {
    for (const index of indexes) this.scope.add(index);
  }
}

/**
 * What looking a name up in a module's export table may now answer differently: the names whose
 * entry changed (added, removed, re-pointed, or its local no longer a top-level binding), or
 * every name when the `export *` list changed (a name not listed is looked for there). A module
 * without a table (it did not parse) finds nothing, as a table with no entries would.
 * Undefined when nothing changed.
 */
function exportTableChange(before: StoredExports | undefined, after: StoredExports | undefined): { all: boolean; names: Set<string> } | undefined {
  const old = before ?? NO_EXPORTS;
  const now = after ?? NO_EXPORTS;
  if (JSON.stringify(old) === JSON.stringify(now)) return undefined;
  if (JSON.stringify(old.star) !== JSON.stringify(now.star)) return { all: true, names: new Set() };
  const entriesOf = (table: StoredExports): Map<string, string> => {
    const declared = new Set(table.declared);
    return new Map(table.named.map(([name, target]) => [name, JSON.stringify([target, typeof target === 'string' && declared.has(target)])]));
  };
  const oldEntries = entriesOf(old);
  const newEntries = entriesOf(now);
  const names = new Set<string>();
  for (const name of new Set([...oldEntries.keys(), ...newEntries.keys()])) {
    if (oldEntries.get(name) !== newEntries.get(name)) names.add(name);
  }
  return { all: false, names };
}

const NO_EXPORTS: StoredExports = { named: [], star: [], declared: [] };

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

/** A group's record, how many files were parsed and analysed to make it, and whether that was the whole group at once. */
export interface UpdatedRecord {
  record: GroupRecord;
  analysed: number;
  whole: boolean;
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
    if (partial) return { record: partial.analysed === 0 ? stored : { files, records: partial.records }, analysed: partial.analysed, whole: false };
  }
  const result = analyseGroup(sources, setup, progress, { recordReads: true });
  return { record: { files, records: recordsOf(sources, digests, result) }, analysed: sources.length, whole: true };
}

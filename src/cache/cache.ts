import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareText } from '../shared/compare-text.js';
import type { SourceText } from '../engine/group-analysis.js';
import type { FileRecord, GroupRecord, StoredContribution } from './records.js';

/** Where `--cache` keeps its file unless `--cache-location` says otherwise (as ESLint and Babel do). */
export const DEFAULT_CACHE_LOCATION = join('node_modules', '.cache', 'hidden-state');

/**
 * The cache file of a scan: one per shard, since a run keeps only the groups it used and two
 * shards run on one machine with one cache folder would otherwise evict each other's groups.
 */
export function cacheFileName(shard?: { index: number; count: number }): string {
  return shard ? `groups-shard-${shard.index}-of-${shard.count}.json` : 'groups.json';
}

/**
 * The results of earlier scans, one record per group of files, keyed by the group's file list.
 * A record keeps each file's share of the result with a digest of the file's text and of where
 * its imports resolve, and what its findings read: a rescan reuses the files whose inputs are
 * unchanged (see incremental.ts). The whole file belongs to one identity (tool version,
 * configuration, scanned paths): any change there starts an empty cache.
 */
export class ScanCache {
  private readonly used = new Map<string, GroupRecord>();
  private added = false;

  private constructor(
    private readonly file: string,
    private readonly identity: string,
    private readonly stored: ReadonlyMap<string, GroupRecord>,
  ) {}

  /** Opens the cache file `name` in `dir`; a missing, unreadable or foreign cache file is an empty cache. */
  static open(dir: string, name: string, identity: string): ScanCache {
    const file = join(dir, name);
    return new ScanCache(file, identity, readGroups(file, identity));
  }

  get(key: string): GroupRecord | undefined {
    const record = this.stored.get(key);
    if (record) this.used.set(key, record);
    return record;
  }

  set(key: string, record: GroupRecord): void {
    if (this.stored.get(key) !== record) this.added = true;
    this.used.set(key, record);
  }

  /**
   * Writes the groups of this run, and only those: stale ones go. A run that used every stored
   * group and added none leaves the file as it is. Returns why it could not write, if it could not.
   */
  save(): string | undefined {
    if (!this.added && this.used.size === this.stored.size) return undefined;
    const groups = Object.fromEntries([...this.used].sort(([a], [b]) => compareText(a, b)).map(([key, record]) => [key, packGroup(record)]));
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      // hidden-state-ignore-next-line local-disk-write -- the command-line tool's own cache on the user's machine, not a service's state
      writeFileSync(temporary, JSON.stringify({ identity: this.identity, groups }));
      // A rename replaces the file at once: a scan running beside this one reads the old or the new cache, never half of one.
      renameSync(temporary, this.file);
      return undefined;
    } catch (error) {
      // A write that failed half-way, or a rename that failed, leaves no temporary file behind.
      rmSync(temporary, { force: true });
      return `cannot write the cache ${this.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    }
  }
}

/** The stored groups, when the file is this identity's; entries of another shape are left out (they are analysed again). */
function readGroups(file: string, identity: string): Map<string, GroupRecord> {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as { identity?: unknown; groups?: unknown };
    if (content.identity !== identity || typeof content.groups !== 'object' || content.groups === null) return new Map();
    return new Map(Object.entries(content.groups as Record<string, unknown>).flatMap(([key, stored]) => {
      const record = unpackGroup(stored);
      return record ? [[key, record] as const] : [];
    }));
  } catch {
    return new Map();
  }
}

/**
 * A group as the file keeps it: the keys of its records, and the export names they looked up,
 * written once in a table and named by their place in it. The same keys recur in many files
 * (`call:get`), so the file is about half the size, and as much faster to read and write.
 */
interface PackedGroup {
  files: string[];
  keys: string[];
  records: PackedRecord[];
}

type PackedRecord = Omit<FileRecord, 'keys' | 'exportNames' | 'contributions'> & {
  keys: number[];
  exportNames: number[];
  /** Export reads and names are left out when there are none, as most contributions have. */
  contributions: (Omit<StoredContribution, 'key' | 'exportReads' | 'exportNames'> & { key: number; exportReads?: number[]; exportNames?: number[] })[];
};

function packGroup(group: GroupRecord): PackedGroup {
  const keys: string[] = [];
  const indexOf = new Map<string, number>();
  const keyIndex = (key: string): number => {
    let index = indexOf.get(key);
    if (index === undefined) {
      index = keys.push(key) - 1;
      indexOf.set(key, index);
    }
    return index;
  };
  const records = group.records.map((record) => ({
    ...record,
    keys: record.keys.map(keyIndex),
    exportNames: record.exportNames.map(keyIndex),
    contributions: record.contributions.map(({ key, reads, exportReads, exportNames, digest }) => ({
      key: keyIndex(key),
      reads,
      ...(exportReads.length > 0 ? { exportReads, exportNames: exportNames.map(keyIndex) } : {}),
      ...(digest === undefined ? {} : { digest }),
    })),
  }));
  return { files: group.files, keys, records };
}

/** The group back from the file; undefined for an entry of another shape (hand-edited, or from another version). */
function unpackGroup(value: unknown): GroupRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { files, keys, records } = value as { files?: unknown; keys?: unknown; records?: unknown };
  if (!Array.isArray(files) || !Array.isArray(keys) || !Array.isArray(records) || files.length !== records.length) return undefined;
  if (!records.every(isPackedRecord)) return undefined;
  const keyAt = (index: unknown): string | undefined => (typeof index === 'number' && typeof keys[index] === 'string' ? (keys[index] as string) : undefined);
  const unpacked: FileRecord[] = [];
  for (const record of records) {
    const recordKeys = record.keys.map(keyAt);
    const exportNames = record.exportNames.map(keyAt);
    const contributions = record.contributions.map((contribution) => ({
      ...contribution,
      key: keyAt(contribution.key),
      exportReads: contribution.exportReads ?? [],
      exportNames: contribution.exportNames === undefined ? [] : Array.isArray(contribution.exportNames) ? contribution.exportNames.map(keyAt) : [undefined],
    }));
    if (recordKeys.includes(undefined) || exportNames.includes(undefined)) return undefined;
    if (contributions.some((contribution) => contribution.key === undefined || !Array.isArray(contribution.reads) || !Array.isArray(contribution.exportReads) || contribution.exportNames.includes(undefined))) return undefined;
    unpacked.push({ ...record, keys: recordKeys as string[], exportNames: exportNames as string[], contributions: contributions as FileRecord['contributions'] });
  }
  return { files: files as string[], records: unpacked };
}

const RECORD_LISTS = ['findings', 'errors', 'modules', 'directives', 'problems', 'reads', 'exportReads', 'exportNames', 'keys', 'contributions'] as const;

function isPackedRecord(value: unknown): value is PackedRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.digest === 'string' && typeof record.parsed === 'boolean' && RECORD_LISTS.every((list) => Array.isArray(record[list]));
}

/**
 * A digest of everything besides the files that decides a scan's findings: the settings given,
 * and the tool's own code (a rule changed in a checkout, without a new version number, must not
 * be answered from an older cache).
 */
export function cacheIdentity(settings: unknown): string {
  return createHash('sha256').update(JSON.stringify(settings)).update(toolCodeStamp()).digest('hex');
}

/** Path, size and modification time of every file of the tool's own code (src/ and rules/, built or not). */
function toolCodeStamp(): string {
  const sources = join(dirname(fileURLToPath(import.meta.url)), '..');
  const entries: string[] = [];
  for (const folder of [sources, join(sources, '..', 'rules')]) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const { size, mtimeMs } = statSync(path);
      entries.push(`${path}\0${size}\0${mtimeMs}`);
    }
  }
  return entries.sort().join('\n');
}

/** The key of a group: its files' paths. */
export function groupKey(sources: readonly SourceText[]): string {
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source.file).update('\0');
  return hash.digest('hex');
}

/** Per file: a digest of its path, its text, and where each of its imports resolves. */
export function fileDigests(sources: readonly SourceText[], targetsOf: (path: string) => readonly string[]): string[] {
  return sources.map((source) =>
    createHash('sha256').update(source.file).update('\0').update(source.text).update('\0').update(targetsOf(source.path).join('\n')).digest('base64'),
  );
}

/**
 * What a computation read from the files of its group: file paths, and keys that name a set of
 * contributions from any file (`call:init`, every call named `init`; `uses:<path>#cache`, every
 * importer's use of that binding). A key stands for what is absent too: a file that adds a call
 * named `init` changes what a reader of `call:init` concluded.
 *
 * Memoized facts keep their own record and every later reader links it, so that in the end each
 * file knows everything its findings depend on. `--cache` uses this to analyse again only the
 * files a change can reach (see incremental.ts).
 */
export class Reads {
  // Made on first use: most memoized facts read little, and there are many of them.
  /** Files read whole (their syntax). */
  paths?: Set<string>;
  /** Files of which only the export table was read (resolving a name through a barrel). */
  exports?: Set<string>;
  /**
   * The names looked up in those export tables. A changed table then reaches only the readers
   * that looked up a name whose entry changed, unless its `export *` list changed.
   */
  exportNames?: Set<string>;
  keys?: Set<string>;
  links?: Set<Reads>;

  addPath(path: string): void {
    (this.paths ??= new Set()).add(path);
  }

  addExports(path: string, name: string): void {
    (this.exports ??= new Set()).add(path);
    (this.exportNames ??= new Set()).add(name);
  }

  addKey(key: string): void {
    (this.keys ??= new Set()).add(key);
  }

  addLink(reads: Reads): void {
    (this.links ??= new Set()).add(reads);
  }
}

/** One record linking all of `reads` (undefined when there are none). */
export function mergeReads(reads: readonly Reads[]): Reads | undefined {
  if (reads.length <= 1) return reads[0];
  const merged = new Reads();
  for (const each of reads) merged.addLink(each);
  return merged;
}

/** What a record and every record it links read, transitively. */
export interface FlatReads {
  paths: Set<string>;
  exports: Set<string>;
  exportNames: Set<string>;
  keys: Set<string>;
}

/** The paths, export tables (and names looked up in them) and keys of a record and of every record it links, transitively. */
export function flattenReads(root: Reads): FlatReads {
  const paths = new Set<string>();
  const exports = new Set<string>();
  const exportNames = new Set<string>();
  const keys = new Set<string>();
  const seen = new Set<Reads>([root]);
  const pending = [root];
  for (let reads = pending.pop(); reads; reads = pending.pop()) {
    for (const path of reads.paths ?? []) paths.add(path);
    for (const path of reads.exports ?? []) exports.add(path);
    for (const name of reads.exportNames ?? []) exportNames.add(name);
    for (const key of reads.keys ?? []) keys.add(key);
    for (const linked of reads.links ?? []) {
      if (seen.has(linked)) continue;
      seen.add(linked);
      pending.push(linked);
    }
  }
  return { paths, exports, exportNames, keys };
}

/**
 * Records reads into the record of the computation running now. Off (the default), every
 * method does nothing and `collect` returns no record: a scan without `--cache` pays nothing.
 */
export class ReadRecorder {
  private current: Reads | undefined;

  constructor(readonly enabled: boolean) {}

  path(path: string): void {
    this.current?.addPath(path);
  }

  /** The export table of `path` was read to look `name` up. */
  exportsOf(path: string, name: string): void {
    this.current?.addExports(path, name);
  }

  key(key: string): void {
    this.current?.addKey(key);
  }

  /** The running computation depends on everything `reads` records, now and later. */
  link(reads: Reads | undefined): void {
    if (reads && this.current && reads !== this.current) this.current.addLink(reads);
  }

  /** Runs `compute` with `reads` as the record (a file's walk, a memoized fact), linked into the caller's. */
  within<T>(reads: Reads | undefined, compute: () => T): T {
    if (!this.enabled || !reads) return compute();
    this.link(reads);
    const outer = this.current;
    this.current = reads;
    try {
      return compute();
    } finally {
      this.current = outer;
    }
  }

  /**
   * Runs `compute` with a fresh record, which it returns for memoizing (undefined when off).
   * `file`: the computation reads that file's syntax, recorded before it starts.
   */
  collect<T>(compute: () => T, file?: string): { value: T; reads: Reads | undefined } {
    if (!this.enabled) return { value: compute(), reads: undefined };
    const reads = new Reads();
    if (file !== undefined) reads.addPath(file);
    return { value: this.within(reads, compute), reads };
  }
}

/**
 * A memoized fact: each entry keeps what computing it read, and every later reader of the entry
 * is linked to that record. Facts memoize through this, so a memoized answer can never hide
 * its reads from the cache (see incremental.ts).
 */
export class RecordedMemo<Key, Value> {
  private readonly entries = new Map<Key, { value: Value; reads: Reads | undefined }>();

  constructor(private readonly recorder: ReadRecorder) {}

  /** The entry for `key`, computed once; `file` is the file whose syntax the computation reads. */
  get(key: Key, compute: () => Value, file?: string): Value {
    const known = this.entries.get(key);
    if (known) {
      this.recorder.link(known.reads);
      return known.value;
    }
    const entry = this.recorder.collect(compute, file);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** What computing the entry for `key` read (after `get`). */
  readsOf(key: Key): Reads | undefined {
    return this.entries.get(key)?.reads;
  }
}

/** Key of every call and `new` whose callee's name is `name`. */
export const callKey = (name: string): string => `call:${name}`;
/** Key of every function passed as an argument by the name `name`. */
export const passedKey = (name: string): string => `passed:${name}`;
/**
 * Key of the uses, in other modules, of the binding `binding` of the module at `path`: all of
 * them (`*`), those of one kind (`kind:assign`) or the calls of one method (`call:push`).
 */
export const usesKey = (path: string, binding: string, facet: string): string => `uses:${path}#${binding}|${facet}`;
/** Key of a link that found nothing (no module, no such export): read by no one, kept for what it read. */
export const unresolvedKey = (what: string): string => `unresolved:${what}`;
/** Key of every module-scope value made from the class or function `binding` of the module at `path`. */
export const instancesKey = (path: string, binding: string): string => `instances:${path}#${binding}`;

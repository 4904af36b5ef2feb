import { loadTimeContributionsOf } from '../facts/load-time-sites.js';
import type { ModuleLinker } from '../facts/cross-file.js';
import type { StoredExports } from '../facts/exports.js';
import { flattenReads, type FlatReads, type Reads } from '../facts/reads.js';
import type { ModuleFacts } from '../facts/module-facts.js';
import type { SourceUnit } from './source-unit.js';

/** What one file's findings read, and what it adds to the facts of other files (see reads.ts). */
export interface FileReads {
  /** Relative to the working directory, `/` separators. */
  file: string;
  /** Absolute paths of the files read, its own included. */
  paths: string[];
  /** Absolute paths of the files whose export tables were read. */
  exports: string[];
  /** The names looked up in those tables. */
  exportNames: string[];
  keys: string[];
  /** Its own export table. */
  exportTable: StoredExports;
  /**
   * The keys it adds to, with the absolute paths each read; and, where what it adds can be
   * compared, a digest of it (a change that keeps the digest reaches no reader of the key).
   */
  contributions: { key: string; paths: string[]; exports: string[]; exportNames: string[]; digest?: string }[];
}

/**
 * Each file's reads, flattened, with what it contributes to the facts of others. A load-time
 * contribution gets its digest only when some file reads its key: most call names are never
 * looked up (about 1 in 70 on medusa), and one without a digest reaches its readers whenever its
 * file changes, which costs nothing while it has none.
 */
export function readsOfFiles(units: readonly SourceUnit[], allFacts: readonly ModuleFacts[], reads: readonly Reads[], linker: ModuleLinker, readElsewhere?: (key: string) => boolean): FileReads[] {
  const flat = reads.map(flattenReads);
  const keysRead = new Set(flat.flatMap((read) => [...read.keys]));
  const isRead = (key: string): boolean => keysRead.has(key) || (readElsewhere?.(key) ?? false);
  return units.map((unit, index) => readsOfFile(unit, allFacts[index]!, flat[index]!, linker, isRead));
}

function readsOfFile(unit: SourceUnit, facts: ModuleFacts, read: FlatReads, linker: ModuleLinker, isRead: (key: string) => boolean): FileReads {
  const path = unit.sourceFile.fileName;
  read.paths.add(path);
  // The facets of one link share one record: flatten each record once.
  type Flat = Pick<FileReads, 'paths' | 'exports' | 'exportNames'>;
  const flattened = new Map<Reads | undefined, Flat>();
  const flatten = (contributed: Reads | undefined): Flat => {
    let flat = flattened.get(contributed);
    if (!flat) {
      const all = contributed ? flattenReads(contributed) : undefined;
      const paths = new Set(all?.paths).add(path);
      flattened.set(contributed, (flat = { paths: [...paths].sort(), exports: [...(all?.exports ?? [])].sort(), exportNames: [...(all?.exportNames ?? [])].sort() }));
    }
    return flat;
  };
  const contributions: FileReads['contributions'] = (linker.contributions.get(facts) ?? []).map(({ key, reads: contributed, digest }) => ({
    key,
    ...flatten(contributed),
    ...(digest === undefined ? {} : { digest }),
  }));
  for (const { key, digest } of loadTimeContributionsOf(facts, isRead)) contributions.push({ key, paths: [path], exports: [], exportNames: [], ...(digest === undefined ? {} : { digest }) });
  return {
    file: unit.file,
    // Sorted by code unit, as compareText does, by the native sort.
    paths: [...read.paths].sort(),
    exports: [...read.exports].sort(),
    exportNames: [...read.exportNames].sort(),
    keys: [...read.keys].sort(),
    exportTable: linker.exportsToStore(facts),
    contributions,
  };
}

import type { ts } from '../shared/typescript.cjs';
import { exportTableOf, restoreExports, storeExports, type ExportTable, type StoredExports } from './exports.js';
import { type ModuleFacts } from './module-facts.js';
import { parseImportKey, useFacets, type Use } from './uses.js';
import { ReadRecorder, RecordedMemo, unresolvedKey, usesKey, type Reads } from './reads.js';

const MAX_REEXPORT_HOPS = 5;

/** A module binding somewhere in the program. */
export interface Declaration {
  facts: ModuleFacts;
  binding: string;
}

/**
 * What a file gives the facts of other files, found by the passes over every module: the key of
 * what it adds to (`uses:<path>#cache`) and what working that out read.
 */
export interface Contribution {
  key: string;
  reads: Reads | undefined;
  /** What it adds, when readers depend on that alone (not on where it is written). */
  digest?: string;
}

/**
 * Follows relative imports and re-exports between the files of one scan. A scan of part of a
 * group (see incremental.ts) gives `storedExports`: the export tables of files not parsed, so a
 * name is followed through barrels without parsing every module they pass on.
 */
export class ModuleLinker {
  private readonly byPath: ReadonlyMap<string, ModuleFacts>;
  private readonly bySourceFile: ReadonlyMap<ts.SourceFile, ModuleFacts>;
  private readonly exportTables = new Map<string, ExportTable | undefined>();
  /** Resolutions by importing file and specifier: the same few are asked again and again. */
  private readonly resolved = new Map<string, Map<string, string | undefined>>();
  private readonly declarations = new Map<string, RecordedMemo<string, Declaration | undefined>>();
  /** Contributions by the module that makes them, when reads are recorded. */
  readonly contributions = new Map<ModuleFacts, Contribution[]>();

  constructor(
    readonly modules: readonly ModuleFacts[],
    private readonly resolveImport: (fromPath: string, specifier: string) => string | undefined,
    readonly recorder: ReadRecorder = new ReadRecorder(false),
    private readonly storedExports?: (path: string) => StoredExports | undefined,
  ) {
    this.byPath = new Map(modules.map((facts) => [facts.sourceFile.fileName, facts]));
    this.bySourceFile = new Map(modules.map((facts) => [facts.sourceFile, facts]));
  }

  /** The facts of a parsed file of the scan. */
  factsOf(sourceFile: ts.SourceFile): ModuleFacts | undefined {
    this.recorder.path(sourceFile.fileName);
    return this.bySourceFile.get(sourceFile);
  }

  /**
   * The module of the scan that `specifier`, written in `from`, imports. The path it resolves to
   * is a read even when that file is not parsed here (a syntax error, or a scan of part of the
   * group): then the answer would differ with the file there.
   */
  resolveModule(from: ModuleFacts, specifier: string): ModuleFacts | undefined {
    const path = this.pathOf(from.sourceFile.fileName, specifier);
    if (path === undefined) return undefined;
    this.recorder.path(path);
    return this.byPath.get(path);
  }

  /**
   * The binding behind `import { exported } from specifier` in `from`, through re-exports. The
   * modules passed through are read for their export tables only; the one that declares the
   * binding is read whole.
   */
  importedDeclaration(from: ModuleFacts, specifier: string, exported: string): Declaration | undefined {
    const exporter = this.pathOf(from.sourceFile.fileName, specifier);
    if (exporter === undefined) return undefined;
    let byName = this.declarations.get(exporter);
    if (!byName) this.declarations.set(exporter, (byName = new RecordedMemo(this.recorder)));
    return byName.get(exported, () => this.declarationOf(exporter, exported, 0));
  }

  /** Notes what `source` adds to the facts of other modules (see `Contribution`). */
  contribute(source: ModuleFacts, key: string, reads: Reads | undefined, digest?: string): void {
    if (!this.recorder.enabled) return;
    const contribution = { key, reads, ...(digest === undefined ? {} : { digest }) };
    const list = this.contributions.get(source);
    if (list) list.push(contribution);
    else this.contributions.set(source, [contribution]);
  }

  private pathOf(fromPath: string, specifier: string): string | undefined {
    let known = this.resolved.get(fromPath);
    if (!known) this.resolved.set(fromPath, (known = new Map()));
    if (known.has(specifier)) return known.get(specifier);
    const path = this.resolveImport(fromPath, specifier);
    known.set(specifier, path);
    return path;
  }

  private declarationOf(path: string, exported: string, hops: number): Declaration | undefined {
    if (hops > MAX_REEXPORT_HOPS) return undefined;
    const exports = this.exportTableOf(path, exported);
    if (!exports) {
      // Neither parsed nor known from the cache: the file itself is needed.
      this.recorder.path(path);
      return undefined;
    }
    const target = exports.named.get(exported);
    if (target && 'local' in target) {
      if (!exports.declared.has(target.local)) return undefined;
      this.recorder.path(path);
      const facts = this.byPath.get(path);
      return facts && { facts, binding: target.local };
    }
    if (target) {
      const next = this.pathOf(path, target.module);
      return next === undefined ? undefined : this.declarationOf(next, target.name, hops + 1);
    }
    for (const module of exports.star) {
      const next = this.pathOf(path, module);
      const found = next === undefined ? undefined : this.declarationOf(next, exported, hops + 1);
      if (found) return found;
    }
    return undefined;
  }

  private exportTableOf(path: string, name: string): ExportTable | undefined {
    this.recorder.exportsOf(path, name);
    if (this.exportTables.has(path)) return this.exportTables.get(path);
    const facts = this.byPath.get(path);
    const stored = facts ? undefined : this.storedExports?.(path);
    const table = facts ? parsedExportTable(facts) : stored && restoreExports(stored);
    this.exportTables.set(path, table);
    return table;
  }

  /** A parsed module's export table as the cache keeps it. */
  exportsToStore(facts: ModuleFacts): StoredExports {
    const path = facts.sourceFile.fileName;
    let table = this.exportTables.get(path);
    if (!table) this.exportTables.set(path, (table = parsedExportTable(facts)));
    return storeExports(table);
  }
}

function parsedExportTable(facts: ModuleFacts): ExportTable {
  return exportTableOf(facts.sourceFile, (name) => facts.bindings.has(name));
}

/**
 * Links uses of imported names to the module that declares them: after this, a collection
 * exported by `store.ts` and written by `routes/login.ts` has that write among its uses, also
 * through re-exports (`export { sessions } from './store'`) and namespace imports.
 */
export function linkImportedUses(linker: ModuleLinker): void {
  const pending: { target: Declaration; uses: readonly Use[] }[] = [];
  for (const facts of linker.modules) {
    for (const [key, uses] of facts.importedUses()) {
      const { module, exported } = parseImportKey(key);
      // What the link read, with the importer itself: its uses are nodes of its syntax tree.
      const { value: target, reads } = linker.recorder.collect(() => linker.importedDeclaration(facts, module, exported), facts.sourceFile.fileName);
      if (!target) {
        // Kept with what it read: once one of those files changes, the link may succeed.
        linker.contribute(facts, unresolvedKey(key), reads);
        continue;
      }
      pending.push({ target, uses });
      if (!linker.recorder.enabled) continue;
      const facets = new Set(uses.flatMap(useFacets));
      for (const facet of facets) linker.contribute(facts, usesKey(target.facts.sourceFile.fileName, target.binding, facet), reads);
    }
  }
  // Added after the loop so that linked uses are never linked twice.
  for (const { target, uses } of pending) target.facts.addImportedUses(target.binding, uses);
}

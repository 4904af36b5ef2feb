import type { ts } from '#ts';
import { collectExports, type ModuleExports } from './exports.js';
import { parseImportKey, type ModuleFacts, type Use } from './module-facts.js';

const MAX_REEXPORT_HOPS = 5;

/** A module binding somewhere in the program. */
export interface Declaration {
  facts: ModuleFacts;
  binding: string;
}

/** Follows relative imports and re-exports between the files of one scan. */
export class ModuleLinker {
  private readonly byPath: ReadonlyMap<string, ModuleFacts>;
  private readonly bySourceFile: ReadonlyMap<ts.SourceFile, ModuleFacts>;
  private readonly exportsCache = new Map<ModuleFacts, ModuleExports>();
  /** Resolutions by importing module and specifier: the same few are asked again and again. */
  private readonly resolved = new Map<ModuleFacts, Map<string, ModuleFacts | undefined>>();
  private readonly declarations = new Map<ModuleFacts, Map<string, Declaration | undefined>>();

  constructor(
    readonly modules: readonly ModuleFacts[],
    private readonly resolveImport: (fromPath: string, specifier: string) => string | undefined,
  ) {
    this.byPath = new Map(modules.map((facts) => [facts.sourceFile.fileName, facts]));
    this.bySourceFile = new Map(modules.map((facts) => [facts.sourceFile, facts]));
  }

  /** The facts of a parsed file of the scan. */
  factsOf(sourceFile: ts.SourceFile): ModuleFacts | undefined {
    return this.bySourceFile.get(sourceFile);
  }

  /** The module of the scan that `specifier`, written in `from`, imports. */
  resolveModule(from: ModuleFacts, specifier: string): ModuleFacts | undefined {
    let known = this.resolved.get(from);
    if (!known) this.resolved.set(from, (known = new Map()));
    if (known.has(specifier)) return known.get(specifier);
    const path = this.resolveImport(from.sourceFile.fileName, specifier);
    const target = path ? this.byPath.get(path) : undefined;
    known.set(specifier, target);
    return target;
  }

  /** The binding behind `import { exported } from specifier` in `from`, through re-exports. */
  importedDeclaration(from: ModuleFacts, specifier: string, exported: string): Declaration | undefined {
    const exporter = this.resolveModule(from, specifier);
    if (!exporter) return undefined;
    let known = this.declarations.get(exporter);
    if (!known) this.declarations.set(exporter, (known = new Map()));
    if (!known.has(exported)) known.set(exported, this.declarationOf(exporter, exported, 0));
    return known.get(exported);
  }

  private declarationOf(facts: ModuleFacts, exported: string, hops: number): Declaration | undefined {
    if (hops > MAX_REEXPORT_HOPS) return undefined;
    const exports = this.exportsOf(facts);
    const target = exports.named.get(exported);
    if (target && 'local' in target) return facts.bindings.has(target.local) ? { facts, binding: target.local } : undefined;
    if (target) {
      const next = this.resolveModule(facts, target.module);
      return next && this.declarationOf(next, target.name, hops + 1);
    }
    for (const module of exports.star) {
      const next = this.resolveModule(facts, module);
      const found = next && this.declarationOf(next, exported, hops + 1);
      if (found) return found;
    }
    return undefined;
  }

  private exportsOf(facts: ModuleFacts): ModuleExports {
    let exports = this.exportsCache.get(facts);
    if (!exports) {
      exports = collectExports(facts.sourceFile);
      this.exportsCache.set(facts, exports);
    }
    return exports;
  }
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
      const target = linker.importedDeclaration(facts, module, exported);
      if (target) pending.push({ target, uses });
    }
  }
  // Added after the loop so that linked uses are never linked twice.
  for (const { target, uses } of pending) target.facts.addImportedUses(target.binding, uses);
}

import { collectExports, type ModuleExports } from './exports.js';
import { parseImportKey, type ModuleFacts, type Use } from './module-facts.js';
import { resolveRelativeImport } from './module-resolution.js';

const MAX_REEXPORT_HOPS = 5;

/**
 * Links uses of imported names to the module that declares them: after this, a collection
 * exported by `store.ts` and written by `routes/login.ts` has that write among its uses, also
 * through re-exports (`export { sessions } from './store'`) and namespace imports.
 */
export function linkImportedUses(modules: readonly ModuleFacts[]): void {
  const byPath = new Map(modules.map((facts) => [facts.sourceFile.fileName, facts]));
  const exportsCache = new Map<ModuleFacts, ModuleExports>();
  const exportsOf = (facts: ModuleFacts): ModuleExports => {
    let exports = exportsCache.get(facts);
    if (!exports) {
      exports = collectExports(facts.sourceFile);
      exportsCache.set(facts, exports);
    }
    return exports;
  };
  const resolveModule = (from: ModuleFacts, specifier: string): ModuleFacts | undefined => {
    const path = resolveRelativeImport(from.sourceFile.fileName, specifier, (candidate) => byPath.has(candidate));
    return path ? byPath.get(path) : undefined;
  };
  const declarationOf = (facts: ModuleFacts, exported: string, hops: number): { facts: ModuleFacts; binding: string } | undefined => {
    if (hops > MAX_REEXPORT_HOPS) return undefined;
    const exports = exportsOf(facts);
    const target = exports.named.get(exported);
    if (target && 'local' in target) return facts.bindings.has(target.local) ? { facts, binding: target.local } : undefined;
    if (target) {
      const next = resolveModule(facts, target.module);
      return next && declarationOf(next, target.name, hops + 1);
    }
    for (const module of exports.star) {
      const next = resolveModule(facts, module);
      const found = next && declarationOf(next, exported, hops + 1);
      if (found) return found;
    }
    return undefined;
  };

  const pending: { target: ModuleFacts; binding: string; uses: readonly Use[] }[] = [];
  for (const facts of modules) {
    for (const [key, uses] of facts.importedUses()) {
      const { module, exported } = parseImportKey(key);
      const exporter = resolveModule(facts, module);
      const declaration = exporter && declarationOf(exporter, exported, 0);
      if (declaration) pending.push({ target: declaration.facts, binding: declaration.binding, uses });
    }
  }
  // Added after the loop so that linked uses are never linked twice.
  for (const { target, binding, uses } of pending) target.addImportedUses(binding, uses);
}

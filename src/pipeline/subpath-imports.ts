import { dirname, join } from 'node:path';
import { readManifest } from './workspace.js';

/** The conditions a server's `import` of a subpath meets, in Node's order of preference here. */
const CONDITIONS = ['node', 'import', 'require', 'default'];

/**
 * Node's subpath imports: `#store` in a file resolves through the `imports` map of the nearest
 * package.json (`"#store": "./src/store.js"`, `"#lib/*": "./src/lib/*.js"`, conditions objects).
 * Gives the target as a path relative to that package.json (`./src/store.js`) with the folder
 * it is relative to, or nothing when no map names the specifier.
 */
export function createSubpathImports(): (fromPath: string, specifier: string) => { folder: string; target: string } | undefined {
  const manifestFolder = new Map<string, string | undefined>();
  const nearestManifest = (folder: string): string | undefined => {
    if (manifestFolder.has(folder)) return manifestFolder.get(folder);
    const parent = dirname(folder);
    const found = readManifest(folder) ? folder : parent === folder ? undefined : nearestManifest(parent);
    manifestFolder.set(folder, found);
    return found;
  };
  return (fromPath, specifier) => {
    const folder = nearestManifest(dirname(fromPath));
    const imports = folder === undefined ? undefined : readManifest(folder)?.imports;
    if (!folder || !imports) return undefined;
    const target = mappedTarget(imports, specifier);
    return target?.startsWith('./') ? { folder, target } : undefined;
  };
}

/** The exact key, or the `*` pattern with the longest prefix (as Node picks), with `*` filled in. */
function mappedTarget(imports: Record<string, unknown>, specifier: string): string | undefined {
  if (specifier in imports) return conditionTarget(imports[specifier]);
  let best: { prefix: string; suffix: string; value: unknown } | undefined;
  for (const [key, value] of Object.entries(imports)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) continue;
    if (!best || prefix.length > best.prefix.length) best = { prefix, suffix, value };
  }
  if (!best) return undefined;
  const filled = specifier.slice(best.prefix.length, specifier.length - best.suffix.length);
  return conditionTarget(best.value)?.replaceAll('*', filled);
}

/** A target string, the first usable entry of a fallback list, or the first condition a server meets. */
function conditionTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(conditionTarget).find((target) => target !== undefined);
  if (typeof value !== 'object' || value === null) return undefined;
  const conditions = value as Record<string, unknown>;
  for (const condition of CONDITIONS) {
    const target = condition in conditions ? conditionTarget(conditions[condition]) : undefined;
    if (target) return target;
  }
  return undefined;
}

/** The file a subpath target names, written as if imported from the package.json's folder. */
export const fromPackageFolder = (folder: string): string => join(folder, 'package.json');

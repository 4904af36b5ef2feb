import { dirname, resolve } from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** `import './store.js'` names the compiled file; the source is `store.ts`. */
const COMPILED_TO_SOURCE: Record<string, readonly string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/**
 * Resolves a relative import between files of the scan, the way Node and TypeScript do for
 * source files: the exact file, the source of a compiled name, an added extension, an index.
 * Package imports are not followed: they are not the service's code.
 */
export function resolveRelativeImport(fromFile: string, specifier: string, isKnown: (path: string) => boolean): string | undefined {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  if (isKnown(base)) return base;
  for (const [compiled, sources] of COMPILED_ENDINGS) {
    if (!base.endsWith(compiled)) continue;
    for (const source of sources) {
      const candidate = base.slice(0, -compiled.length) + source;
      if (isKnown(candidate)) return candidate;
    }
  }
  for (const extension of EXTENSIONS) if (isKnown(base + extension)) return base + extension;
  for (const extension of EXTENSIONS) if (isKnown(`${base}/index${extension}`)) return `${base}/index${extension}`;
  return undefined;
}

const COMPILED_ENDINGS = Object.entries(COMPILED_TO_SOURCE);

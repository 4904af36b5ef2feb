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
  const candidates = [base];
  for (const [compiled, sources] of Object.entries(COMPILED_TO_SOURCE)) {
    if (base.endsWith(compiled)) candidates.push(...sources.map((source) => base.slice(0, -compiled.length) + source));
  }
  for (const extension of EXTENSIONS) candidates.push(base + extension);
  for (const extension of EXTENSIONS) candidates.push(`${base}/index${extension}`);
  return candidates.find(isKnown);
}

import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { SOURCE_EXTENSIONS } from './discover.js';
import { createImportResolver } from './import-resolver.js';
import { importSpecifiersIn } from './partition.js';

/**
 * The source files on disk that a file's text imports directly: relative paths, tsconfig aliases
 * and `#` imports (workspace packages by name are not looked up). For analysing one file with
 * what it imports, as an editor does, without discovering the whole project.
 */
export function importedFiles(path: string, text: string): string[] {
  const resolve = createImportResolver({ has: isSourceFile }, []);
  const found = new Set<string>();
  for (const specifier of importSpecifiersIn(text)) {
    const target = resolve(path, specifier);
    if (target !== undefined && target !== path) found.add(target);
  }
  return [...found].sort();
}

function isSourceFile(path: string): boolean {
  if (!SOURCE_EXTENSIONS.has(extname(path))) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

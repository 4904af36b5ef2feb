import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { relative } from 'node:path';
import { Project, ts } from 'ts-morph';
import { toPosix } from './discover.js';
import type { SourceUnit } from './engine.js';
import type { FileError } from './finding.js';

export interface LoadOptions {
  cwd: string;
  /** Larger files are reported and skipped (minified bundles, generated code). */
  maxFileSize: number;
}

export interface LoadedSources {
  project: Project;
  units: SourceUnit[];
  errors: FileError[];
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
const BINARY_PROBE_BYTES = 8000;

/**
 * The only place a ts-morph Project is made. Files are read here (so size, binary content and
 * parse errors become reported errors, not crashes) and parsed without resolving dependencies:
 * the target's node_modules is usually absent.
 */
export function loadSources(files: readonly string[], options: LoadOptions): LoadedSources {
  const project = new Project({
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, noLib: true },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
  });
  const units: SourceUnit[] = [];
  const errors: FileError[] = [];
  for (const path of files) {
    const file = toPosix(relative(options.cwd, path));
    const text = readSourceText(path, options.maxFileSize);
    if (typeof text !== 'string') {
      errors.push({ file, message: text.error });
      continue;
    }
    const sourceFile = project.createSourceFile(path, text, { overwrite: true }).compilerNode;
    const parseError = firstParseError(sourceFile);
    if (parseError) {
      errors.push({ file, message: parseError });
      continue;
    }
    units.push({ file, sourceFile });
  }
  return { project, units, errors };
}

/** The file's text, or why it is not scanned. */
function readSourceText(path: string, maxFileSize: number): string | { error: string } {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const size = fstatSync(descriptor).size;
    if (size > maxFileSize) return { error: `skipped: ${size} bytes is over the ${maxFileSize}-byte limit (maxFileSize)` };
    const buffer = Buffer.alloc(size);
    let offset = 0;
    while (offset < size) {
      const read = readSync(descriptor, buffer, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    if (buffer.subarray(0, Math.min(offset, BINARY_PROBE_BYTES)).includes(0)) return { error: 'skipped: binary content' };
    return buffer.toString('utf8', 0, offset).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ELOOP' ? 'skipped: symlink loop' : `cannot read: ${code ?? String(error)}` };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** The first syntax error TypeScript's parser recorded, as `line:column message`. */
function firstParseError(sourceFile: ts.SourceFile): string | undefined {
  // parseDiagnostics is internal to TypeScript but stable; it is the parser's own error list.
  const diagnostics = (sourceFile as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0);
  return `parse error at ${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`;
}

/** Parses source text held in memory (documentation examples, tests): same parser, no disk. */
export function parseText(file: string, text: string): SourceUnit {
  const project = new Project({
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, noLib: true },
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
  });
  return { file, sourceFile: project.createSourceFile(file, text).compilerNode };
}

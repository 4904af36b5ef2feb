import { ts } from '../shared/typescript.cjs';
import type { SourceUnit } from './source-unit.js';
import type { FileError } from '../report/finding.js';

/**
 * Parses one file's text. Parsing uses TypeScript's own parser (the one ts-morph bundles)
 * directly: wrapping every file in a ts-morph Project costs about 2.5x the parse on a
 * 3,000-file corpus, and nothing needs the wrappers until the type checker is asked.
 * A syntax error is returned as the reason the file is not analysed.
 */
export function parseFile(path: string, file: string, text: string): SourceUnit | FileError {
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = parseSource(path, text);
  } catch (error) {
    // TypeScript's parser recurses per level of nesting: thousands of levels overflow its stack.
    if (error instanceof RangeError) return { file, message: 'skipped: nested too deeply to parse' };
    throw error;
  }
  const parseError = firstParseError(sourceFile);
  return parseError ? { file, message: parseError } : { file, sourceFile };
}

/** Parses with parent pointers (rules walk up from nodes), choosing TS/TSX/JS/JSX by extension. */
function parseSource(path: string, text: string): ts.SourceFile {
  // No rule reads JSDoc: skipping its parse saves work on every commented declaration.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  return ts.createSourceFile(path, text, options, true, scriptKindOf(path));
}

function scriptKindOf(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  // JSX is legal in any JavaScript file of a React code base.
  return ts.ScriptKind.JSX;
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
  return { file, sourceFile: parseSource(file, text) };
}

import { readFileSync, statSync } from 'node:fs';
import { ts } from '#ts';
import type { SourceUnit } from './engine.js';
import type { FileError } from './finding.js';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
/** How much of the start of a file is looked at for a NUL, which text files do not have. */
const BINARY_PROBE_CHARACTERS = 8000;

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

/**
 * The file's text, or why it is not scanned: over the size limit (minified bundles, generated
 * code), binary, unreadable. These become reported errors, not crashes.
 */
export function readSourceText(path: string, maxFileSize: number): string | { error: string } {
  try {
    const stats = statSync(path);
    // A FIFO or a device (`/dev/zero`) would block the read or never end it.
    if (!stats.isFile()) return { error: 'skipped: not a regular file' };
    const size = stats.size;
    if (size > maxFileSize) return { error: `skipped: ${size} bytes is over the ${maxFileSize}-byte limit (maxFileSize)` };
    // Node decodes UTF-8 natively when asked for a string: faster than reading into a buffer first.
    let text = readFileSync(path, 'utf8');
    // A UTF-16 byte-order mark reads as two U+FFFD in UTF-8; tsc decodes such files, and so does this.
    if (text.startsWith('\ufffd\ufffd')) text = decodeUtf16(readFileSync(path)) ?? text;
    // A NUL byte decodes to U+0000: the same probe as on the bytes.
    if (text.slice(0, BINARY_PROBE_CHARACTERS).includes('\0')) return { error: 'skipped: binary content' };
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ELOOP' ? 'skipped: symlink loop' : `cannot read: ${code ?? String(error)}` };
  }
}

/** The text of a file that starts with a UTF-16 byte-order mark (little or big endian), without it. */
function decodeUtf16(bytes: Buffer): string | undefined {
  // An odd trailing byte is no character: dropped, as a decoder would.
  const body = bytes.subarray(2, bytes.length - (bytes.length % 2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return body.toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(body).swap16().toString('utf16le');
  return undefined;
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

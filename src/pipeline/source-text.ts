import { readFileSync, statSync } from 'node:fs';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
/** How much of the start of a file is looked at for a NUL, which text files do not have. */
const BINARY_PROBE_CHARACTERS = 8000;

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

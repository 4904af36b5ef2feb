import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Manifests and project files are small; a larger one is generated, a mistake or a trap. */
export const MAX_PROJECT_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The text of a small regular file, or undefined: missing, unreadable, too large, or not a
 * regular file (a FIFO would block the read, `/dev/zero` would never end it). The checks are
 * made on the opened file, so a file swapped after a check is not read.
 */
export function readSmallTextFile(path: string, limit = MAX_PROJECT_FILE_BYTES): string | undefined {
  let descriptor: number;
  try {
    // Non-blocking, so opening a FIFO with no writer returns at once (and is then refused).
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile() || stats.size > limit) return undefined;
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < stats.size) {
      const count = readSync(descriptor, buffer, read, stats.size - read, read);
      if (count === 0) break;
      read += count;
    }
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}

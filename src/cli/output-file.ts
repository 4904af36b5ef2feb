import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';

/** What a failed write means to the user, by its error code; the code itself for the rare others. */
function whyNotWritten(code: string | undefined, shown: string): string {
  switch (code) {
    case 'ENOENT':
      return `the folder ${dirname(shown)} does not exist`;
    case 'ENOTDIR':
      return `${dirname(shown)} is not a folder`;
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    default:
      return code ?? 'unknown error';
  }
}

/** Writes a file the user named (`-o`), relative to `cwd`; a failure is one line naming the file as they wrote it. */
export function writeOutput(cwd: string, shown: string, text: string): void {
  try {
    // hidden-state-ignore-next-line local-disk-write -- a command-line tool writing the file its user named, not a service
    writeFileSync(resolve(cwd, shown), text);
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${whyNotWritten((error as NodeJS.ErrnoException).code, shown)}`);
  }
}

import type { ts } from '#ts';

/** A parsed file of the scan. */
export interface SourceUnit {
  /** Relative to the working directory, `/` separators. */
  file: string;
  sourceFile: ts.SourceFile;
}

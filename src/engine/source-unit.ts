import type { ts } from '../shared/typescript.cjs';

/** A parsed file of the scan. */
export interface SourceUnit {
  /** Relative to the working directory, `/` separators. */
  file: string;
  sourceFile: ts.SourceFile;
}

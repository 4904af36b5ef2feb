import type { Report } from '../report.js';
import { formatCompact } from './compact.js';
import { formatJson } from './json.js';
import { formatTable } from './table.js';

export interface ReporterOptions {
  color: boolean;
  /** Terminal width in columns. */
  width: number;
}

export type Reporter = (report: Report, options: ReporterOptions) => string;

/** Reporters by `--format` name. Each is a pure function from the report to text. */
export const REPORTERS = {
  compact: formatCompact,
  json: formatJson,
  table: formatTable,
} satisfies Record<string, Reporter>;

export type Format = keyof typeof REPORTERS;

export const FORMATS = Object.keys(REPORTERS) as Format[];

import type { Report, RuleSummary } from '../report/report.js';
import type { ReviewContext } from '../review/review.js';

/** What every reporter is given besides the report. */
export interface ReporterOptions {
  color: boolean;
  /** Terminal width in columns. */
  width: number;
  /** Header facts and plans for the readiness-review formats (markdown, html). */
  review?: ReviewContext;
  /** Every rule of the tool, for formats that describe them (SARIF). */
  rules?: readonly RuleSummary[];
  /** The working directory, absolute: SARIF names files outside it by absolute URI. */
  root?: string;
}

export type Reporter = (report: Report, options: ReporterOptions) => string;

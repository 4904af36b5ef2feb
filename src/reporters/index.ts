import type { Report, RuleSummary } from '../report.js';
import type { ReviewContext } from '../review.js';
import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';

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

/** Reporters by `--format` name. Each is a pure function from the report to text. */
export const REPORTERS = {
  compact: formatCompact,
  github: formatGithub,
  html: formatHtml,
  json: formatJson,
  markdown: formatMarkdown,
  sarif: formatSarif,
  table: formatTable,
} satisfies Record<string, Reporter>;

export type Format = keyof typeof REPORTERS;

export const FORMATS = Object.keys(REPORTERS) as Format[];

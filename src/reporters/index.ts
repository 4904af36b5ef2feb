import type { Reporter } from './options.js';
import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';

export type { Reporter, ReporterOptions } from './options.js';

/** Reporters by `--format` name. Each is a pure function from the report to text. */
export const REPORTERS = {
  compact: formatCompact,
  github: formatGithub,
  gitlab: formatGitlab,
  html: formatHtml,
  json: formatJson,
  junit: formatJunit,
  markdown: formatMarkdown,
  sarif: formatSarif,
  table: formatTable,
} satisfies Record<string, Reporter>;

export type Format = keyof typeof REPORTERS;

export const FORMATS = Object.keys(REPORTERS) as Format[];

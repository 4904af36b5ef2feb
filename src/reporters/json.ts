import type { Report } from '../report/report.js';
import { safeJson } from '../report/safe-text.js';

/** The whole report as one JSON object (documented in the README); strings exact, no unsafe character raw. */
export function formatJson(report: Report): string {
  return `${safeJson(JSON.stringify(report, null, 2))}\n`;
}

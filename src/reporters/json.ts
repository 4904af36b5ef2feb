import type { Report } from '../report.js';

/** The whole report as one JSON object (documented in the README). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

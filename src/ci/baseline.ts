import { UsageError } from '../shared/errors.js';
import type { Finding } from '../report/finding.js';
import type { BaselineEntry, Report } from '../report/report.js';
import { compareText } from '../shared/compare-text.js';

export const DEFAULT_BASELINE_FILE = '.hidden-state-baseline.json';
const BASELINE_VERSION = 1;

/** The baseline file: the findings a team has accepted for now, by fingerprint. */
interface BaselineFile {
  version: number;
  tool: string;
  findings: BaselineEntry[];
}

/**
 * The baseline file's text: every finding that could fail a run (instance-local, not suppressed),
 * without line numbers and sorted, so it only changes when findings come or go and diffs cleanly.
 */
export function formatBaseline(report: Report): string {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const finding of report.findings) {
    if (!finding.instanceLocal || finding.suppression || seen.has(finding.fingerprint)) continue;
    seen.add(finding.fingerprint);
    entries.push(entryOf(finding));
  }
  const file: BaselineFile = { version: BASELINE_VERSION, tool: report.tool.name, findings: entries.sort(compareEntries) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a baseline file's text; anything else is a usage error naming the file. */
export function parseBaseline(text: string, where: string): BaselineEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where}: not a baseline file (${error instanceof Error ? error.message : String(error)})`);
  }
  const file = raw as Partial<BaselineFile> | null;
  if (typeof file !== 'object' || file === null || !Array.isArray(file.findings)) {
    throw new UsageError(`${where}: not a baseline file (expected an object with a "findings" array; make one with 'hidden-state baseline')`);
  }
  if (file.version !== BASELINE_VERSION) throw new UsageError(`${where}: baseline version ${String(file.version)} is not supported (expected ${BASELINE_VERSION})`);
  return file.findings.map((entry, index) => {
    const fields = ['fingerprint', 'ruleId', 'file', 'symbol'] as const;
    if (typeof entry !== 'object' || entry === null || fields.some((field) => typeof entry[field] !== 'string')) {
      throw new UsageError(`${where}: entry ${index + 1} needs string fields ${fields.join(', ')}`);
    }
    return { fingerprint: entry.fingerprint, ruleId: entry.ruleId, file: entry.file, symbol: entry.symbol };
  });
}

/**
 * Marks each finding `new` or `unchanged` against the baseline and lists the entries that are
 * gone. An entry counts as gone only when its file was in this scan (or no longer exists), so
 * scanning part of a project does not report the rest as fixed.
 */
export function compareWithBaseline(
  report: Report,
  entries: readonly BaselineEntry[],
  baselineFile: string,
  coversFile: (file: string) => boolean,
): Report {
  const recorded = new Set(entries.map((entry) => entry.fingerprint));
  const current = new Set(report.findings.map((finding) => finding.fingerprint));
  const findings = report.findings.map((finding): Finding => ({
    ...finding,
    baselineState: recorded.has(finding.fingerprint) ? 'unchanged' : 'new',
  }));
  const fixed = entries.filter((entry) => !current.has(entry.fingerprint) && coversFile(entry.file)).sort(compareEntries);
  return { ...report, findings, baseline: { file: baselineFile, recorded: entries.length, fixed } };
}

function entryOf(finding: Finding): BaselineEntry {
  return { fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: finding.file, symbol: finding.symbol };
}

export function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compareText(a.file, b.file) || compareText(a.ruleId, b.ruleId) || compareText(a.symbol, b.symbol) || compareText(a.fingerprint, b.fingerprint);
}


import type { FailOn } from '../report/finding.js';
import { CONFIDENCE_RANK, SEVERITY_RANK, type Confidence, type Finding } from '../report/finding.js';
import type { Report } from '../report/report.js';

/** What fails a run. */
export interface GateSettings {
  /** Lowest severity that fails; `none` turns the gate off. */
  failOn: FailOn;
  /** When set, warnings fail only when there are more than this many (whatever `failOn` says of them). */
  maxWarnings?: number;
  /** Findings less sure than this do not count. */
  minConfidence?: Confidence;
}

export interface GateResult {
  failed: boolean;
  /** The findings that fail the run (all counted warnings when there are too many). */
  failures: Finding[];
  /** Findings that would count but were set aside, by reason. */
  setAside: { baseline: number; suppressed: number; lowConfidence: number };
  /** The last line of the output: passed or failed, and why. */
  verdictLine: string;
}

/**
 * Decides the run: only instance-local findings that are not suppressed, not in the baseline and
 * at least as sure as `minConfidence` count. They fail at or above `failOn`, except warnings when
 * `maxWarnings` is set: then only more than that many fail. Broken suppression comments fail too.
 */
export function evaluateGate(report: Report, settings: GateSettings): GateResult {
  const setAside = { baseline: 0, suppressed: 0, lowConfidence: 0 };
  const counted: Finding[] = [];
  for (const finding of report.findings) {
    if (!finding.instanceLocal) continue;
    if (finding.suppression) setAside.suppressed += 1;
    else if (finding.baselineState === 'unchanged') setAside.baseline += 1;
    else if (settings.minConfidence && CONFIDENCE_RANK[finding.confidence] < CONFIDENCE_RANK[settings.minConfidence]) setAside.lowConfidence += 1;
    else counted.push(finding);
  }
  const warnings = counted.filter((finding) => finding.severity === 'warning');
  const tooManyWarnings = settings.maxWarnings !== undefined && warnings.length > settings.maxWarnings;
  const bySeverity = counted.filter((finding) => {
    if (settings.failOn === 'none') return false;
    if (finding.severity === 'warning' && settings.maxWarnings !== undefined) return false;
    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[settings.failOn];
  });
  const failures = tooManyWarnings ? [...new Set([...bySeverity, ...warnings])] : bySeverity;
  const problems = settings.failOn === 'none' ? [] : report.suppressionProblems ?? [];

  const reasons: string[] = [];
  const fresh = report.baseline ? 'new ' : '';
  if (bySeverity.length > 0) reasons.push(`${count(bySeverity.length, `${fresh}instance-local finding`)} at or above --fail-on ${settings.failOn} (${listPlaces(bySeverity)})`);
  if (tooManyWarnings) reasons.push(`${count(warnings.length, `${fresh}warning`)}, more than --max-warnings ${settings.maxWarnings}`);
  if (problems.length > 0) reasons.push(`${count(problems.length, 'suppression comment')} to fix (${listPlaces(problems)})`);
  const failed = reasons.length > 0;
  const scope = report.changedSince ? ` on lines changed since ${report.changedSince}` : '';
  const verdictLine = failed ? `Gate failed${scope}: ${reasons.join('; ')}.` : passedLine(settings, setAside, fresh, scope);
  return { failed, failures: failed ? failures.sort(byPlace) : [], setAside, verdictLine };
}

function passedLine(settings: GateSettings, setAside: GateResult['setAside'], fresh: string, scope: string): string {
  const aside = [
    setAside.baseline > 0 ? `${setAside.baseline} in the baseline` : '',
    setAside.suppressed > 0 ? `${setAside.suppressed} suppressed` : '',
    setAside.lowConfidence > 0 ? `${setAside.lowConfidence} below --min-confidence ${settings.minConfidence}` : '',
  ].filter(Boolean);
  const rule = settings.failOn === 'none' ? 'no severity fails (--fail-on none)' : `no ${fresh}instance-local finding at or above --fail-on ${settings.failOn}`;
  const warnings = settings.maxWarnings !== undefined ? `, at most --max-warnings ${settings.maxWarnings} warnings` : '';
  return `Gate passed${scope}: ${rule}${warnings}${aside.length > 0 ? ` (not counted: ${aside.join(', ')})` : ''}.`;
}

function listPlaces(items: readonly { file: string; line: number }[]): string {
  const shown = items.slice(0, 3).map((item) => `${item.file}:${item.line}`);
  return items.length > 3 ? `${shown.join(', ')} and ${items.length - 3} more` : shown.join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function byPlace(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

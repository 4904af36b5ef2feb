import type { ts } from '../shared/typescript.cjs';
import type { Finding } from '../report/finding.js';
import { compareText } from '../shared/compare-text.js';
import { fingerprintOf } from './fingerprint.js';
import { onePerPlace } from './one-line-per-place.js';

/** A rule's report before the findings of every rule are settled into lines. */
export interface Candidate {
  finding: Omit<Finding, 'fingerprint'>;
  declarationText: string;
  /** The named functions and classes around the node: part of the fingerprint. */
  scope: string;
  /** The reporting rule's precedence (see `RuleDefinition.precedence`). */
  precedence: number;
  /** Findings of several rules about the same node are one line: the most specific rule keeps it. */
  holderKey: string;
  /** The functions that write the state (see `ReportDescriptor.writers`). */
  writers?: ReadonlySet<ts.Node>;
}

/**
 * One line per holder, fingerprinted, in a stable order. Of the rules that report one holder,
 * the one with the highest precedence keeps it; on a tie, the one that reported first.
 */
export function settle(candidates: readonly Candidate[]): Finding[] {
  const byHolder = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const current = byHolder.get(candidate.holderKey);
    if (!current || candidate.precedence > current.precedence) byHolder.set(candidate.holderKey, candidate);
  }
  const findings = onePerPlace([...byHolder.values()]).map(({ finding, declarationText, scope }) => ({
    ...finding,
    fingerprint: fingerprintOf(finding.ruleId, finding.file, finding.symbol, declarationText, scope),
  }));
  findings.sort(compareFindings);
  disambiguateFingerprints(findings);
  return findings;
}

/** The report's order: file, line, column, rule, symbol. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.symbol, b.symbol)
  );
}

/** Identical declarations in one file get `:2`, `:3` in source order so every fingerprint is unique. */
function disambiguateFingerprints(findings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    if (count > 1) finding.fingerprint = `${finding.fingerprint}:${count}`;
  }
}

import type { ts } from '../shared/typescript.cjs';
import { CONFIDENCE_RANK, SEVERITY_RANK, type Finding } from '../report/finding.js';

/** What merging needs of a rule's report before it is settled (see engine.ts). */
export interface PlacedCandidate {
  finding: Omit<Finding, 'fingerprint'>;
  /** The functions that write the state (see `ReportDescriptor.writers`). */
  writers?: ReadonlySet<ts.Node>;
}

/**
 * Holders of one file that two or more common functions write are one place where state
 * lives: the first keeps the line, and names the others (message and evidence); each group's
 * most severe severity and highest confidence are kept. Groups are closed under "shares two writers".
 */
export function onePerPlace<C extends PlacedCandidate>(candidates: C[]): C[] {
  const withWriters = candidates.filter((candidate) => candidate.writers && candidate.finding.instanceLocal);
  if (withWriters.length < 2) return candidates;
  const group = new Map<C, C>(withWriters.map((candidate) => [candidate, candidate]));
  const root = (candidate: C): C => {
    let current = candidate;
    while (group.get(current) !== current) current = group.get(current)!;
    return current;
  };
  // Holders of one file sharing two writers or more: a structure that several functions keep
  // together (a registry's add, remove and clear). One function touching two maps is not enough.
  const byFile = new Map<string, C[]>();
  for (const candidate of withWriters) byFile.set(candidate.finding.file, [...(byFile.get(candidate.finding.file) ?? []), candidate]);
  for (const list of byFile.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        let shared = 0;
        for (const writer of list[i]!.writers!) if (list[j]!.writers!.has(writer) && ++shared >= 2) break;
        if (shared >= 2 && root(list[i]!) !== root(list[j]!)) group.set(root(list[j]!), root(list[i]!));
      }
    }
  }
  const members = new Map<C, C[]>();
  for (const candidate of withWriters) {
    const key = root(candidate);
    members.set(key, [...(members.get(key) ?? []), candidate]);
  }
  const merged = new Map<C, C>();
  const dropped = new Set<C>();
  for (const list of members.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column);
    const [first, ...rest] = list as [C, ...C[]];
    for (const other of rest) dropped.add(other);
    merged.set(first, {
      ...first,
      finding: {
        ...first.finding,
        message: `${first.finding.message}, with ${rest.map((other) => `\`${other.finding.symbol}\``).join(', ')} written by the same code`,
        severity: list.reduce((most, other) => (SEVERITY_RANK[other.finding.severity] > SEVERITY_RANK[most] ? other.finding.severity : most), first.finding.severity),
        confidence: list.reduce((most, other) => (CONFIDENCE_RANK[other.finding.confidence] > CONFIDENCE_RANK[most] ? other.finding.confidence : most), first.finding.confidence),
        evidence: [
          ...first.finding.evidence,
          ...rest.map((other) => ({ file: other.finding.file, line: other.finding.line, message: `\`${other.finding.symbol}\` holds part of the same state (${other.finding.ruleId})` })),
        ],
      },
    });
  }
  return candidates.filter((candidate) => !dropped.has(candidate)).map((candidate) => merged.get(candidate) ?? candidate);
}

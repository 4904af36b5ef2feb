import type { Finding } from '../report/finding.js';
import { projectKind, type Fleet, type Kind } from '../report/kinds.js';
import { formatNumber, formatPercent } from '../shared/number-format.js';

/** What running N instances makes of one instance-local finding. */
export interface Projection {
  /** The finding's fingerprint. */
  fingerprint: string;
  kind: Kind;
  /** One sentence: "100/min per instance → 2,000/min at 20 instances". */
  text: string;
}

/** The projection of one finding at `instances` instances; none for lines already in a shared store. */
export function projectFinding(finding: Finding, instances: number): Projection | undefined {
  if (!finding.instanceLocal) return undefined;
  const text = instances === 1
    ? 'with one instance nothing is multiplied yet, but every restart or deploy loses this state'
    : projectKind(finding.kind, finding, fleetOf(instances));
  return { fingerprint: finding.fingerprint, kind: finding.kind, text };
}

/** The projections of every instance-local finding, in report order. */
export function projectFindings(findings: readonly Finding[], instances: number): Projection[] {
  return findings.flatMap((finding) => projectFinding(finding, instances) ?? []);
}

function fleetOf(instances: number): Fleet {
  return {
    instances,
    n: formatNumber(instances),
    others: formatNumber(instances - 1),
    share: `1/${formatNumber(instances)} (${formatPercent(1 / instances)})`,
    elsewhere: formatPercent((instances - 1) / instances),
  };
}

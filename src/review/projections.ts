import type { Finding } from '../report/finding.js';
import type { Kind } from '../report/kinds.js';
import { formatDuration, formatNumber, formatPercent, formatRate } from '../shared/number-format.js';

/** What running N instances makes of one instance-local finding. */
export interface Projection {
  /** The finding's fingerprint. */
  fingerprint: string;
  kind: Kind;
  /** One sentence: "100/min per instance → 2,000/min at 20 instances". */
  text: string;
}

/** The numbers a sentence needs: N, the others, the share of one instance. */
interface Fleet {
  instances: number;
  /** `20`, formatted. */
  n: string;
  /** The other instances, formatted (`19`). */
  others: string;
  /** One instance's share: `1/20 (5%)`. */
  share: string;
  /** The share elsewhere: `95%`. */
  elsewhere: string;
}

type Projector = (finding: Finding, fleet: Fleet) => string;

/** One sentence per kind; `satisfies` keeps it complete when a kind is added. */
const PROJECTORS = {
  affinity: (_, fleet) =>
    `works only while the load balancer pins each user to one of ${fleet.n} instances; losing one affects about ${fleet.share} of users`,
  cache: (_, fleet) =>
    `${fleet.n} independent copies; invalidation reaches one (the other ${fleet.others} serve stale data until it expires), and every new instance starts cold`,
  connection: (_, fleet) =>
    `each connection lives on one of ${fleet.n} instances: stopping one drops about ${fleet.share} of them, and those clients must reconnect elsewhere`,
  'connection-registry': (_, fleet) => `a broadcast reaches about ${fleet.share} of the connected clients: only those on the sending instance`,
  idempotency: (_, fleet) => `a retry lands on another instance about ${fleet.elsewhere} of the time and is processed again`,
  'local-disk': (_, fleet) => `a file lands on 1 of ${fleet.n} disks: about ${fleet.elsewhere} of later requests reach an instance without it`,
  lock: (_, fleet) => `${fleet.n} independent locks: up to ${fleet.n} holders at once, one per instance`,
  'mutable-global': (_, fleet) => `${fleet.n} diverging copies: a change made on one instance is not seen by the other ${fleet.others}`,
  queue: (_, fleet) => `${fleet.n} separate queues: work queued on an instance that stops is lost, and order holds within one instance only`,
  'rate-limit': projectRateLimit,
  scheduler: projectScheduler,
  session: (_, fleet) =>
    `without sticky sessions about ${fleet.elsewhere} of a user's requests reach an instance that does not have their session; with them, losing one instance logs out about ${fleet.share} of users`,
} satisfies Record<Kind, Projector>;

/** The projection of one finding at `instances` instances; none for lines already in a shared store. */
export function projectFinding(finding: Finding, instances: number): Projection | undefined {
  if (!finding.instanceLocal) return undefined;
  const text = instances === 1
    ? 'with one instance nothing is multiplied yet, but every restart or deploy loses this state'
    : PROJECTORS[finding.kind](finding, fleetOf(instances));
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

/** "100/min per instance → 2,000/min at 20 instances", from the limiter's `limit` and `windowMs`. */
function projectRateLimit(finding: Finding, fleet: Fleet): string {
  const limit = positiveNumber(finding.properties?.limit);
  const windowMs = positiveNumber(finding.properties?.windowMs);
  const at = `at ${fleet.n} instances`;
  if (limit !== undefined && windowMs !== undefined) {
    return `${formatRate(limit, windowMs)} per instance → ${formatRate(limit * fleet.instances, windowMs)} ${at}`;
  }
  if (limit !== undefined) {
    return `${formatNumber(limit)} per window per instance → ${formatNumber(limit * fleet.instances)} per window ${at}`;
  }
  const window = windowMs === undefined ? '' : ` in its own ${formatDuration(windowMs)} window`;
  return `each of ${fleet.n} instances counts separately${window}: a client gets ${fleet.n} × the configured limit`;
}

/** "runs 20 times every 5 min", from the job's `periodMs` or `schedule` when the rule read them. */
function projectScheduler(finding: Finding, fleet: Fleet): string {
  const periodMs = positiveNumber(finding.properties?.periodMs);
  const schedule = finding.properties?.schedule;
  const times = `runs ${fleet.n} times`;
  if (periodMs !== undefined) return `${times} every ${formatDuration(periodMs)} (once on each instance) instead of once`;
  if (typeof schedule === 'string' && schedule.trim()) return `${times} on each \`${schedule.trim().replace(/`/g, "'")}\` tick (once on each instance) instead of once`;
  return `${times} per period (once on each instance) instead of once`;
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

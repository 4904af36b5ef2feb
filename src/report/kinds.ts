import { compareText } from '../shared/compare-text.js';
import { formatDuration, formatNumber, formatRate } from '../shared/number-format.js';

/** What running N instances does to one finding, in numbers a sentence can use. */
export interface Fleet {
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

/** What a kind's sentences read from a finding: the facts its rule read from the code (a limiter's `limit`). */
export interface KindFinding {
  properties?: Readonly<Record<string, string | number | boolean>>;
}

/** What a drill step's sentences are made from: the findings of one kind. */
export interface StepFacts {
  /** Holder names in backticks, without call sites: `` `carts` ``. */
  names: string;
  /** Holder names with the routes that write them: `` `carts` (through POST /items) ``. */
  targets: string;
  /** Routes from the messages and evidence, ` through POST /items`, or empty. */
  through: string;
  findings: readonly KindFinding[];
}

/** Everything said about one kind of hidden state. */
interface KindDefinition {
  /** What every reporter calls it. */
  title: string;
  /** One sentence: what N instances make of one instance-local finding of the kind. */
  projection: (finding: KindFinding, fleet: Fleet) => string;
  /** The readiness drill's step for the kind: what to do while an instance is killed, and what must hold. */
  drill: (facts: StepFacts) => { flow: string; check: string };
}

/**
 * The closed list of kinds of hidden state: adding a kind is one entry here. In the order the
 * drill runs their steps: users' data first.
 */
const KIND_DEFINITIONS = {
  session: {
    title: 'Session store',
    projection: (_, fleet) =>
      `without sticky sessions about ${fleet.elsewhere} of a user's requests reach an instance that does not have their session; with them, losing one instance logs out about ${fleet.share} of users`,
    drill: ({ through }) => ({
      flow: `Log in, use a page that needs the session${through}, then kill the instance that served the login.`,
      check: 'The next request is still logged in, with the same session data (cart, CSRF token, flash messages).',
    }),
  },
  cache: {
    title: 'In-process cache',
    projection: (_, fleet) =>
      `${fleet.n} independent copies; invalidation reaches one (the other ${fleet.others} serve stale data until it expires), and every new instance starts cold`,
    drill: ({ targets }) => ({
      flow: `Fill ${targets || 'the cached data'}, then kill the instance that served it; change the data and read it again through each instance.`,
      check: 'What was stored is still there on the next request, whichever instance serves it, and no instance serves an old copy after the change.',
    }),
  },
  'local-disk': {
    title: 'Local disk',
    projection: (_, fleet) => `a file lands on 1 of ${fleet.n} disks: about ${fleet.elsewhere} of later requests reach an instance without it`,
    drill: ({ through }) => ({
      flow: `Upload or create a file${through}, then kill the instance that wrote it.`,
      check: 'The file can still be read through another instance, and survives the instance being replaced.',
    }),
  },
  'rate-limit': {
    title: 'Rate-limit counters',
    projection: projectRateLimit,
    drill: ({ findings }) => ({
      flow: `From one client, send ${overLimit(findings)} spread over the instances, then kill one instance mid-window.`,
      check: 'Requests over the limit are refused (429) whichever instance serves them, and killing an instance does not reset the count.',
    }),
  },
  scheduler: {
    title: 'In-process scheduler',
    projection: projectScheduler,
    drill: ({ names, findings }) => ({
      flow: `Watch the job${names ? ` ${names}` : 's'} through one period${periodOf(findings)} with every instance up, then kill the instance that ran it.`,
      check: 'Each job runs once per period, not once per instance, and still runs after the kill.',
    }),
  },
  'connection-registry': {
    title: 'Connection registry',
    projection: (_, fleet) => `a broadcast reaches about ${fleet.share} of the connected clients: only those on the sending instance`,
    drill: () => ({
      flow: 'Connect two clients that land on different instances and broadcast a message; then kill one instance.',
      check: 'Both clients receive the broadcast, and the clients of the killed instance reconnect and keep receiving.',
    }),
  },
  connection: {
    title: 'Long-lived connection',
    projection: (_, fleet) =>
      `each connection lives on one of ${fleet.n} instances: stopping one drops about ${fleet.share} of them, and those clients must reconnect elsewhere`,
    drill: () => ({
      flow: 'Open a long-lived connection (WebSocket, SSE, stream), then kill the instance holding it.',
      check: 'The client reconnects to another instance and resumes without losing messages.',
    }),
  },
  queue: {
    title: 'In-process queue',
    projection: (_, fleet) => `${fleet.n} separate queues: work queued on an instance that stops is lost, and order holds within one instance only`,
    drill: ({ names }) => ({
      flow: `Queue work${names ? ` in ${names}` : ''}, then kill the instance before it drains.`,
      check: 'The work is still done, exactly once, by another instance.',
    }),
  },
  lock: {
    title: 'In-process lock',
    projection: (_, fleet) => `${fleet.n} independent locks: up to ${fleet.n} holders at once, one per instance`,
    drill: ({ names }) => ({
      flow: `Start two conflicting operations${names ? ` guarded by ${names}` : ''} at once, through different instances.`,
      check: 'Only one proceeds; the other waits or is refused.',
    }),
  },
  idempotency: {
    title: 'Idempotency record',
    projection: (_, fleet) => `a retry lands on another instance about ${fleet.elsewhere} of the time and is processed again`,
    drill: ({ through }) => ({
      flow: `Send a request with an idempotency key${through}, then retry it so that it reaches another instance.`,
      check: 'The retry is recognised: the operation is applied once.',
    }),
  },
  'mutable-global': {
    title: 'Mutable global',
    projection: (_, fleet) => `${fleet.n} diverging copies: a change made on one instance is not seen by the other ${fleet.others}`,
    drill: ({ names }) => ({
      flow: `Change ${names || 'the shared value'} through one instance, then read it through another.`,
      check: 'Every instance sees the change.',
    }),
  },
  affinity: {
    title: 'Load-balancer affinity',
    projection: (_, fleet) =>
      `works only while the load balancer pins each user to one of ${fleet.n} instances; losing one affects about ${fleet.share} of users`,
    drill: () => ({
      flow: 'Turn sticky sessions off at the load balancer and repeat the flows above.',
      check: 'Nothing changes for the user.',
    }),
  },
} satisfies Record<string, KindDefinition>;

export type Kind = keyof typeof KIND_DEFINITIONS;

/** Every kind, sorted. */
export const KINDS = (Object.keys(KIND_DEFINITIONS) as Kind[]).sort(compareText);

/** Every kind in the order the drill runs its steps. */
export const DRILL_ORDER = Object.keys(KIND_DEFINITIONS) as Kind[];

/** The title every reporter shows for a kind. */
export const KIND_TITLES = Object.fromEntries(KINDS.map((kind) => [kind, KIND_DEFINITIONS[kind].title])) as Readonly<Record<Kind, string>>;

/** The sentence for one instance-local finding of a kind at N instances. */
export function projectKind(kind: Kind, finding: KindFinding, fleet: Fleet): string {
  return KIND_DEFINITIONS[kind].projection(finding, fleet);
}

/** The drill step for the findings of one kind. */
export function drillStepOf(kind: Kind, facts: StepFacts): { flow: string; check: string } {
  return KIND_DEFINITIONS[kind].drill(facts);
}

/** "100/min per instance → 2,000/min at 20 instances", from the limiter's `limit` and `windowMs`. */
function projectRateLimit(finding: KindFinding, fleet: Fleet): string {
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
function projectScheduler(finding: KindFinding, fleet: Fleet): string {
  const periodMs = positiveNumber(finding.properties?.periodMs);
  const schedule = finding.properties?.schedule;
  const times = `runs ${fleet.n} times`;
  if (periodMs !== undefined) return `${times} every ${formatDuration(periodMs)} (once on each instance) instead of once`;
  if (typeof schedule === 'string' && schedule.trim()) return `${times} on each \`${schedule.trim().replace(/`/g, "'")}\` tick (once on each instance) instead of once`;
  return `${times} per period (once on each instance) instead of once`;
}

/** " (5 min)" when a job's period is known, the shortest of them. */
function periodOf(findings: readonly KindFinding[]): string {
  const periods = findings.map((finding) => finding.properties?.periodMs).filter((period): period is number => typeof period === 'number' && period > 0);
  return periods.length > 0 ? ` (${formatDuration(Math.min(...periods))})` : '';
}

/** "101 requests within 1 min" when a limiter's limit is known, the smallest of them. */
function overLimit(findings: readonly KindFinding[]): string {
  const limits = findings
    .map((finding) => ({ limit: finding.properties?.limit, windowMs: finding.properties?.windowMs }))
    .filter((entry): entry is { limit: number; windowMs: number } => typeof entry.limit === 'number' && typeof entry.windowMs === 'number')
    .sort((a, b) => a.limit / a.windowMs - b.limit / b.windowMs);
  const tightest = limits[0];
  if (!tightest) return 'more requests than the limit allows in one window';
  return `${formatNumber(tightest.limit + 1)} requests within ${formatDuration(tightest.windowMs)}`;
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

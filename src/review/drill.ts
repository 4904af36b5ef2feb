import type { Finding } from '../report/finding.js';
import { KIND_TITLES, type Kind } from '../report/kinds.js';
import { formatDuration, formatNumber } from '../shared/number-format.js';

/** One flow of the chaos drill: what a person does while an instance is killed, and what must hold. */
export interface DrillStep {
  /** The kind of state the step exercises; none for the closing catch-all flow. */
  kind?: Kind;
  /** Short name of the step. */
  title: string;
  /** What to do: "Fill `carts` through POST /:userId/items, then kill the instance that served it." */
  flow: string;
  /** What must hold for the tier to pass. */
  check: string;
  /** `file:line` of the findings the step exercises. */
  locations: string[];
  /** True when one of those findings is instance-local: the findings predict the step fails today. */
  expectedToFail: boolean;
}

/** The drill that would confirm the verdict: set-up, flows, and what passing means. */
export interface Drill {
  setup: string[];
  steps: DrillStep[];
  passCriterion: string;
}

/** What a step's sentences are made from: the findings of one kind. */
interface StepFacts {
  /** Holder names in backticks, without call sites: `` `carts` ``. */
  names: string;
  /** Holder names with the routes that write them: `` `carts` (through POST /items) ``. */
  targets: string;
  /** Routes from the messages and evidence, ` through POST /items`, or empty. */
  through: string;
  findings: readonly Finding[];
}

type StepText = (facts: StepFacts) => { flow: string; check: string };

/** The flow to watch for each kind, in the order the drill runs them: users' data first. */
const STEPS: { [K in Kind]: StepText } = {
  session: ({ through }) => ({
    flow: `Log in, use a page that needs the session${through}, then kill the instance that served the login.`,
    check: 'The next request is still logged in, with the same session data (cart, CSRF token, flash messages).',
  }),
  cache: ({ targets }) => ({
    flow: `Fill ${targets || 'the cached data'}, then kill the instance that served it; change the data and read it again through each instance.`,
    check: 'What was stored is still there on the next request, whichever instance serves it, and no instance serves an old copy after the change.',
  }),
  'local-disk': ({ through }) => ({
    flow: `Upload or create a file${through}, then kill the instance that wrote it.`,
    check: 'The file can still be read through another instance, and survives the instance being replaced.',
  }),
  'rate-limit': ({ findings }) => ({
    flow: `From one client, send ${overLimit(findings)} spread over the instances, then kill one instance mid-window.`,
    check: 'Requests over the limit are refused (429) whichever instance serves them, and killing an instance does not reset the count.',
  }),
  scheduler: ({ names, findings }) => ({
    flow: `Watch the job${names ? ` ${names}` : 's'} through one period${periodOf(findings)} with every instance up, then kill the instance that ran it.`,
    check: 'Each job runs once per period, not once per instance, and still runs after the kill.',
  }),
  'connection-registry': () => ({
    flow: 'Connect two clients that land on different instances and broadcast a message; then kill one instance.',
    check: 'Both clients receive the broadcast, and the clients of the killed instance reconnect and keep receiving.',
  }),
  connection: () => ({
    flow: 'Open a long-lived connection (WebSocket, SSE, stream), then kill the instance holding it.',
    check: 'The client reconnects to another instance and resumes without losing messages.',
  }),
  queue: ({ names }) => ({
    flow: `Queue work${names ? ` in ${names}` : ''}, then kill the instance before it drains.`,
    check: 'The work is still done, exactly once, by another instance.',
  }),
  lock: ({ names }) => ({
    flow: `Start two conflicting operations${names ? ` guarded by ${names}` : ''} at once, through different instances.`,
    check: 'Only one proceeds; the other waits or is refused.',
  }),
  idempotency: ({ through }) => ({
    flow: `Send a request with an idempotency key${through}, then retry it so that it reaches another instance.`,
    check: 'The retry is recognised: the operation is applied once.',
  }),
  'mutable-global': ({ names }) => ({
    flow: `Change ${names || 'the shared value'} through one instance, then read it through another.`,
    check: 'Every instance sees the change.',
  }),
  affinity: () => ({
    flow: 'Turn sticky sessions off at the load balancer and repeat the flows above.',
    check: 'Nothing changes for the user.',
  }),
};

const ROUTE = /\b(GET|POST|PUT|PATCH|DELETE|DEL|ALL|HEAD|OPTIONS) (\S+) handler\b/g;
const MAX_NAMES = 3;
const MAX_ROUTES = 2;

/** The drill for the findings: one step per kind found, in `STEPS` order, then the main flows. */
export function planDrill(findings: readonly Finding[], instances?: number): Drill {
  const steps: DrillStep[] = [];
  for (const kind of Object.keys(STEPS) as Kind[]) {
    const ofKind = findings.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) continue;
    const { flow, check } = STEPS[kind]({ names: namesOf(ofKind), targets: targetsOf(ofKind), through: throughOf(ofKind), findings: ofKind });
    steps.push({
      kind,
      title: KIND_TITLES[kind],
      flow,
      check,
      locations: ofKind.map((finding) => `${finding.file}:${finding.line}`),
      expectedToFail: ofKind.some((finding) => finding.instanceLocal),
    });
  }
  steps.push({
    title: 'Main user flows',
    flow: "Run the service's main flows end to end (sign up, browse, write, read back) while killing one instance at random.",
    check: 'No user notices: no logout, no lost or stale data, no error beyond a retried request.',
    locations: [],
    expectedToFail: false,
  });
  const planned = instances !== undefined && instances > 1 ? ` (${formatNumber(instances)} are planned)` : '';
  return {
    setup: [
      `Run at least 3 instances${planned} behind the load balancer with sticky sessions off, and make it visible which instance served each request (a response header or the access log).`,
      'For each flow below, act as a user, kill the instance that served the last step (a hard kill, not a graceful stop), and carry on through another instance.',
    ],
    steps,
    passCriterion:
      'The tier is stateless when every check holds. A step marked "fails today" is predicted by an instance-local finding: fixing that finding is what turns the check green.',
  };
}

/** Holders have names; call sites (`session()`) do not. */
function namedHolders(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => !finding.symbol.endsWith(')'));
}

function quoted(name: string): string {
  return `\`${name.replace(/`/g, "'")}\``;
}

function namesOf(findings: readonly Finding[]): string {
  return listed([...new Set(namedHolders(findings).map((finding) => quoted(finding.symbol)))], MAX_NAMES);
}

function targetsOf(findings: readonly Finding[]): string {
  const targets = namedHolders(findings).map((finding) => {
    const through = throughOf([finding]);
    return through ? `${quoted(finding.symbol)} (${through.trim()})` : quoted(finding.symbol);
  });
  return listed([...new Set(targets)], MAX_NAMES);
}

/** " through POST /cart/items", from the routes the findings' messages and evidence name. */
function throughOf(findings: readonly Finding[]): string {
  const routes = new Set<string>();
  for (const finding of findings) {
    for (const text of [finding.message, ...finding.evidence.map((item) => item.message)]) {
      for (const match of text.matchAll(ROUTE)) routes.add(`${match[1]} ${match[2]!.replace(/`/g, "'")}`);
    }
  }
  const list = listed([...routes], MAX_ROUTES);
  return list ? ` through ${list}` : '';
}

function listed(items: readonly string[], max: number): string {
  if (items.length <= max) return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items[0] ?? '';
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** " (5 min)" when a job's period is known, the shortest of them. */
function periodOf(findings: readonly Finding[]): string {
  const periods = findings.map((finding) => finding.properties?.periodMs).filter((period): period is number => typeof period === 'number' && period > 0);
  return periods.length > 0 ? ` (${formatDuration(Math.min(...periods))})` : '';
}

/** "101 requests within 1 min" when a limiter's limit is known, the smallest of them. */
function overLimit(findings: readonly Finding[]): string {
  const limits = findings
    .map((finding) => ({ limit: finding.properties?.limit, windowMs: finding.properties?.windowMs }))
    .filter((entry): entry is { limit: number; windowMs: number } => typeof entry.limit === 'number' && typeof entry.windowMs === 'number')
    .sort((a, b) => a.limit / a.windowMs - b.limit / b.windowMs);
  const tightest = limits[0];
  if (!tightest) return 'more requests than the limit allows in one window';
  return `${formatNumber(tightest.limit + 1)} requests within ${formatDuration(tightest.windowMs)}`;
}

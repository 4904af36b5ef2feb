import type { Finding } from '../report/finding.js';
import { DRILL_ORDER, drillStepOf, KIND_TITLES, type Kind } from '../report/kinds.js';
import { formatNumber } from '../shared/number-format.js';

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

const ROUTE = /\b(GET|POST|PUT|PATCH|DELETE|DEL|ALL|HEAD|OPTIONS) (\S+) handler\b/g;
const MAX_NAMES = 3;
const MAX_ROUTES = 2;

/** The drill for the findings: one step per kind found, in the kinds' drill order, then the main flows. */
export function planDrill(findings: readonly Finding[], instances?: number): Drill {
  const steps: DrillStep[] = [];
  for (const kind of DRILL_ORDER) {
    const ofKind = findings.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) continue;
    const { flow, check } = drillStepOf(kind, { names: namesOf(ofKind), targets: targetsOf(ofKind), through: throughOf(ofKind), findings: ofKind });
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

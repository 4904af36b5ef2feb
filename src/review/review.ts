import { planDrill, type Drill } from './drill.js';
import { describeEstimate, estimateSessionLoad, type EstimateInput, type EstimateText, type SessionStoreEstimate } from './estimate.js';
import type { Finding } from '../report/finding.js';
import { KINDS, type Kind } from '../report/kinds.js';
import { projectFindings, type Projection } from './projections.js';
import type { Report } from '../report/report.js';

/** What a readiness review adds to a scan: what was scanned, when, and the plans it is measured against. */
export interface ReviewContext {
  /** The scanned service: its package.json name, or its folder's name. */
  service: string;
  /** `YYYY-MM-DD`, given by the command line (SOURCE_DATE_EPOCH when set); empty when unknown. */
  date: string;
  /** The tsconfig files whose file lists were used. */
  tsconfigs: string[];
  /** The entry points the scan started from; empty until entry detection exists. */
  entries: string[];
  /** Planned number of instances, for the projections. */
  instances?: number;
  /** Session-store sizing input, when a peak request rate is given. */
  sessionStore?: EstimateInput;
  /** The git checkout scanned, when the folder is one (collected by the command line). */
  checkout?: Checkout;
  /** `--link-template`: a URL with `{commit}`, `{branch}`, `{path}` and `{line}`; locations link to the file there. */
  linkTemplate?: string;
  /** Where the full report is, for a Markdown summary (`--report-url`, or the CI run). */
  reportUrl?: string;
}

/** A git checkout, as plain data. */
export interface Checkout {
  /** The full hash of HEAD. */
  commit: string;
  /** Absent when HEAD is detached. */
  branch?: string;
  /** The working directory from the repository's top, ending in `/` (empty at the top): report paths start there. */
  prefix: string;
}

/** Everything the Markdown and HTML reports show beyond the audit table. */
export interface Review {
  context: ReviewContext;
  /** One per instance-local finding; empty when no instance count is planned. */
  projections: Projection[];
  sessionStore?: { estimate: SessionStoreEstimate; text: EstimateText };
  drill: Drill;
  /** Instance-local and shared lines per kind found, in kind order (accepted lines too). */
  kinds: KindCount[];
  /** The lines to act on: neither suppressed by a comment nor recorded in the baseline. */
  open: Finding[];
  /** Lines accepted on purpose (a suppression comment, the baseline), with why. */
  accepted: AcceptedLine[];
}

export interface AcceptedLine {
  finding: Finding;
  /** Why it is accepted: the reason written in the comment, or the baseline. */
  reason: string;
}

export interface KindCount {
  kind: Kind;
  instanceLocal: number;
  shared: number;
}

/** A review without a date or plans, for reports made without the command line. */
export const UNPLANNED_REVIEW: ReviewContext = { service: 'unnamed service', date: '', tsconfigs: [], entries: [] };

export function reviewOf(report: Report, context: ReviewContext): Review {
  const estimate = context.sessionStore && estimateSessionLoad(context.sessionStore);
  const open = report.findings.filter((finding) => !isAccepted(finding));
  // Accepted lines are state still, but the plans are made for the lines still to move.
  return {
    context,
    projections: context.instances === undefined ? [] : projectFindings(open, context.instances),
    ...(estimate ? { sessionStore: { estimate, text: describeEstimate(estimate) } } : {}),
    drill: planDrill(open, context.instances),
    kinds: countKinds(report.findings),
    open,
    accepted: report.findings.filter(isAccepted).map((finding) => ({ finding, reason: acceptedBecause(finding, report) })),
  };
}

function isAccepted(finding: Finding): boolean {
  return finding.suppression !== undefined || finding.baselineState === 'unchanged';
}

function acceptedBecause(finding: Finding, report: Report): string {
  const { suppression } = finding;
  if (!suppression) return `recorded in the baseline ${report.baseline ? `\`${report.baseline.file}\`` : ''}`.trimEnd();
  const comment = suppression.kind === 'file' ? 'hidden-state-ignore-file' : suppression.kind === 'next-line' ? 'hidden-state-ignore-next-line' : 'hidden-state-ignore-line';
  return `\`${comment}\` (line ${suppression.line}): ${suppression.justification}`;
}

/** One sentence after the verdict when some of its lines are accepted, so that its counts match the lists. */
export function describeAccepted(review: Review): string {
  const count = review.accepted.length;
  if (count === 0) return '';
  return `${count === 1 ? 'One of these lines is' : `${count} of these lines are`} accepted on purpose (a suppression comment or the baseline): see Accepted lines.`;
}

function countKinds(findings: readonly Finding[]): KindCount[] {
  return KINDS.flatMap((kind) => {
    const ofKind = findings.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) return [];
    const instanceLocal = ofKind.filter((finding) => finding.instanceLocal).length;
    return [{ kind, instanceLocal, shared: ofKind.length - instanceLocal }];
  });
}

/** The verdict in words: a title and one sentence that says why. */
export function describeVerdict(report: Report): { title: string; detail: string } {
  const { summary } = report;
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'}`;
  if (report.verdict === 'stateless') {
    return summary.findings === 0
      ? { title: 'Stateless', detail: `No hidden state found in ${files}.` }
      : {
          title: 'Stateless',
          detail: `${summary.findings === 1 ? 'The one place that holds state keeps' : `All ${summary.findings} places that hold state keep`} it in a shared store (${files} scanned).`,
        };
  }
  if (report.verdict === 'incomplete') {
    return {
      title: 'Incomplete',
      detail: `${report.errors.length} file${report.errors.length === 1 ? '' : 's'} could not be analysed, so the state ${report.errors.length === 1 ? 'it holds' : 'they hold'} is unknown; ${summary.instanceLocal} of ${summary.findings} place${summary.findings === 1 ? '' : 's'} found in the ${files} analysed keep state inside the instance.`,
    };
  }
  const severities = (['error', 'warning', 'info'] as const)
    .filter((severity) => summary.bySeverity[severity] > 0)
    .map((severity) => `${summary.bySeverity[severity]} ${severity}${summary.bySeverity[severity] === 1 ? '' : 's'}`)
    .join(', ');
  return {
    title: 'Stateful',
    detail: `${summary.instanceLocal} of ${summary.findings} place${summary.findings === 1 ? '' : 's'} ${summary.instanceLocal === 1 ? 'keeps' : 'keep'} state inside the instance (${severities}; ${files} scanned): the tier is not ready to scale out until they move.`,
  };
}

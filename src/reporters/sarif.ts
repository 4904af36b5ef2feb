import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { safeJson } from '../report/safe-text.js';
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { SEVERITY_RANK, type Evidence, type Finding, type Severity } from '../report/finding.js';
import type { Report, RuleSummary } from '../report/report.js';

export interface SarifOptions {
  /** Every rule of the tool, for `tool.driver.rules`; rules seen only in findings are added bare. */
  rules?: readonly RuleSummary[];
  /** Results kept in the run; GitHub code scanning refuses runs with more than 25,000. */
  maxResults?: number;
  /** The working directory (absolute): files outside it (`../x/ok.ts`) get an absolute `file:` URI instead of one relative to %SRCROOT%. */
  root?: string;
}

/** GitHub code scanning's limit on results per run. */
export const SARIF_MAX_RESULTS = 25_000;
const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const FINGERPRINT_KEY = 'hiddenStateFingerprint/v1';
const LEVELS: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * One SARIF 2.1.0 run: every rule in `tool.driver`, one result per finding with a stable partial
 * fingerprint, suppressed findings kept with their justification, unreadable files and broken
 * suppression comments as notifications. Past `maxResults`, the least severe results are left out
 * and a notification says so.
 */
export function formatSarif(report: Report, options: SarifOptions = {}): string {
  const rules = ruleDescriptors(report, options.rules ?? []);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const maxResults = options.maxResults ?? SARIF_MAX_RESULTS;
  const kept = keepMostSevere(report.findings, maxResults);
  const notifications = [...fileNotifications(report), ...problemNotifications(report)];
  if (kept.length < report.findings.length) notifications.unshift(truncationNotice(kept.length, report.findings.length));
  const log: Log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, informationUri: informationUri(options.rules), rules } },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        results: kept.map((finding) => resultOf(finding, ruleIndex.get(finding.ruleId)!)),
        columnKind: 'utf16CodeUnits',
        properties: {
          verdict: report.verdict,
          ...(kept.length < report.findings.length ? { resultsOmitted: report.findings.length - kept.length } : {}),
          ...(report.changedSince ? { changedSince: report.changedSince } : {}),
          ...(report.baseline ? { baseline: report.baseline.file, baselineFixed: report.baseline.fixed.length } : {}),
          ...(report.shard ? { shard: `${report.shard.index}/${report.shard.count}` } : {}),
        },
      },
    ],
  };
  if (options.root !== undefined) anchorFilesOutsideRoot(log, options.root);
  return `${safeJson(JSON.stringify(log, null, 2))}\n`;
}

function ruleDescriptors(report: Report, summaries: readonly RuleSummary[]): ReportingDescriptor[] {
  const descriptors = summaries.map(describeRule);
  const known = new Set(summaries.map((rule) => rule.id));
  for (const id of [...new Set(report.findings.map((finding) => finding.ruleId))].sort()) {
    if (!known.has(id)) descriptors.push({ id, name: pascalCase(id), shortDescription: { text: id } });
  }
  return descriptors;
}

function describeRule(rule: RuleSummary): ReportingDescriptor {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.description} ${rule.rationale}` },
    help: {
      text: `Proposed move: ${rule.move}\n\nImpact if the next request lands on another instance: ${rule.impact}\n\nWhen it is not state: ${rule.notState}`,
      markdown: `**Proposed move:** ${rule.move}\n\n**Impact if the next request lands on another instance:** ${rule.impact}\n\n**When it is not state:** ${rule.notState}`,
    },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { kind: rule.kind, tags: ['scalability', 'hidden-state', rule.kind] },
  };
}

function resultOf(finding: Finding, ruleIndex: number): Result {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: `${finding.message}.\nImpact: ${finding.impact}\nProposed move: ${finding.move}` },
    locations: [location(finding.file, { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn })],
    ...(finding.evidence.length > 0 ? { relatedLocations: finding.evidence.map(relatedLocation) } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.baselineState ? { baselineState: finding.baselineState } : {}),
    ...(finding.suppression
      ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: finding.suppression.justification, location: location(finding.file, { startLine: finding.suppression.line }) }] }
      : {}),
    properties: {
      instanceLocal: finding.instanceLocal,
      kind: finding.kind,
      confidence: finding.confidence,
      symbol: finding.symbol,
      ...(finding.tier !== undefined ? { tier: finding.tier } : {}),
      ...(finding.properties ? { facts: finding.properties } : {}),
    },
  };
}

function relatedLocation(evidence: Evidence, index: number): Location {
  return { id: index + 1, ...location(evidence.file, { startLine: evidence.line }), message: { text: evidence.message } };
}

function location(file: string, region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number }): Location {
  return { physicalLocation: { artifactLocation: { uri: fileUri(file), uriBaseId: '%SRCROOT%' }, region } };
}

/**
 * Every artifact location whose path leaves %SRCROOT% (`../x/ok.ts`, from a scan of a folder
 * beside the working directory) made an absolute `file:` URI: relative to %SRCROOT% it would name
 * a file outside the checkout a consumer resolves it against.
 */
function anchorFilesOutsideRoot(value: unknown, root: string): void {
  if (Array.isArray(value)) {
    for (const item of value) anchorFilesOutsideRoot(item, root);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const location = value as { uri?: unknown; uriBaseId?: unknown };
  if (location.uriBaseId === '%SRCROOT%' && typeof location.uri === 'string' && (location.uri === '..' || location.uri.startsWith('../'))) {
    const path = location.uri.split('/').map(decodeURIComponent).join('/');
    location.uri = pathToFileURL(resolve(root, path)).href;
    delete location.uriBaseId;
    return;
  }
  for (const item of Object.values(value)) anchorFilesOutsideRoot(item, root);
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** The first `max` findings by what matters to a gate (counted, severe), then back in report order. */
function keepMostSevere(findings: readonly Finding[], max: number): Finding[] {
  return keepHeaviest(findings, max, (finding) => (finding.instanceLocal && !finding.suppression && finding.baselineState !== 'unchanged' ? 10 : 0) + SEVERITY_RANK[finding.severity]);
}

/** The `max` items of greatest weight (the earlier one first on a tie), in their original order. */
export function keepHeaviest<T>(items: readonly T[], max: number, weight: (item: T) => number): T[] {
  if (items.length <= max) return [...items];
  const ranked = items.map((item, index) => ({ item, index, weight: weight(item) })).sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.slice(0, max).sort((a, b) => a.index - b.index).map(({ item }) => item);
}

export function truncationNotice(kept: number, total: number): Notification {
  return {
    level: 'warning',
    descriptor: { id: 'results-truncated' },
    message: { text: `Only ${kept} of ${total} results are in this run: GitHub code scanning accepts at most ${SARIF_MAX_RESULTS} results per run. The most severe were kept; use --format json for the full list.` },
  };
}

function fileNotifications(report: Report): Notification[] {
  return report.errors.map((error) => ({
    level: 'warning',
    descriptor: { id: 'file-not-analysed' },
    message: { text: `${error.file} was not analysed: ${error.message}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(error.file), uriBaseId: '%SRCROOT%' } } }],
  }));
}

function problemNotifications(report: Report): Notification[] {
  return (report.suppressionProblems ?? []).map((problem) => ({
    level: 'error',
    descriptor: { id: `suppression-${problem.problem}` },
    message: { text: problem.message },
    locations: [location(problem.file, { startLine: problem.line })],
  }));
}

function informationUri(rules: readonly RuleSummary[] | undefined): string | undefined {
  return rules?.[0]?.helpUri.replace(/#.*$/, '');
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
}

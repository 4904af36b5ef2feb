import type { Log, Notification, PropertyBag, ReportingDescriptor, Result, Run } from 'sarif';
import { keepHeaviest, SARIF_MAX_RESULTS, truncationNotice } from '../reporters/sarif.js';
import { uniqueBy } from './merge.js';
import { compareText } from '../shared/compare-text.js';

/** The writer's ranking of severities, read back from result levels. */
const LEVEL_RANK: Record<Result.level, number> = { error: 3, warning: 2, note: 1, none: 0 };

/**
 * One SARIF log from the logs of the shards of one run, as `scan -f sarif` writes it (see
 * src/reporters/sarif.ts): the first log's tool with the rules of all, the results in report order
 * and capped as the writer caps them, the notifications once each. It only combines: the gate
 * reads JSON reports, which hold everything it counts.
 */
export function mergeSarifLogs(logs: readonly Log[], maxResults = SARIF_MAX_RESULTS): Log {
  const runs = logs.map((log) => log.runs[0]!);
  const first = runs[0]!;
  const rules = mergeRules(runs);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  // A stable sort: results of one place in several tiers stay in their shard's order (a shard never splits a file).
  const results = runs.flatMap((run) => run.results ?? []).sort(compareResults);
  const total = results.length + runs.reduce((sum, run) => sum + Number(run.properties?.resultsOmitted ?? 0), 0);
  const kept = keepMostSevere(results, maxResults);
  const notifications = mergeNotifications(runs);
  if (kept.length < total) notifications.unshift(truncationNotice(kept.length, total));
  const run: Run = {
    tool: { driver: { ...first.tool.driver, rules } },
    invocations: [
      {
        executionSuccessful: runs.every((each) => each.invocations?.every((invocation) => invocation.executionSuccessful) ?? true),
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    results: kept.map((result) => ({ ...result, ruleIndex: ruleIndex.get(result.ruleId!)! })),
    ...(first.columnKind ? { columnKind: first.columnKind } : {}),
    properties: mergeProperties(runs, total - kept.length),
  };
  return { ...logs[0]!, runs: [run] };
}

/** The writer lists every rule of the tool in registry order, then rules seen only in results, bare, by id. */
function mergeRules(runs: readonly Run[]): ReportingDescriptor[] {
  const described = new Map<string, ReportingDescriptor>();
  const bare = new Map<string, ReportingDescriptor>();
  for (const rule of runs.flatMap((run) => run.tool.driver.rules ?? [])) {
    const into = rule.helpUri === undefined ? bare : described;
    if (!into.has(rule.id)) into.set(rule.id, rule);
  }
  const onlyBare = [...bare.values()].filter((rule) => !described.has(rule.id)).sort((a, b) => compareText(a.id, b.id));
  return [...described.values(), ...onlyBare];
}

/** The report's order (`compareFindings`): file, line, column, rule, symbol. */
function compareResults(a: Result, b: Result): number {
  const [placeA, placeB] = [placeOf(a), placeOf(b)];
  return (
    compareText(placeA.file, placeB.file) ||
    placeA.line - placeB.line ||
    placeA.column - placeB.column ||
    compareText(a.ruleId ?? '', b.ruleId ?? '') ||
    compareText(String(a.properties?.symbol ?? ''), String(b.properties?.symbol ?? ''))
  );
}

function placeOf(item: Result | Notification): { file: string; line: number; column: number } {
  const physical = item.locations?.[0]?.physicalLocation;
  const uri = physical?.artifactLocation?.uri ?? '';
  return { file: decodeURIComponent(uri), line: physical?.region?.startLine ?? 0, column: physical?.region?.startColumn ?? 0 };
}

/** The first `max` results by what matters to a gate (counted, severe), then back in report order: the writer's choice. */
function keepMostSevere(results: readonly Result[], max: number): Result[] {
  return keepHeaviest(results, max, (result) => (counts(result) ? 10 : 0) + LEVEL_RANK[result.level ?? 'warning']);
}

function counts(result: Result): boolean {
  return result.properties?.instanceLocal === true && (result.suppressions ?? []).length === 0 && result.baselineState !== 'unchanged';
}

/** The writer's order: files not analysed by file, then broken suppression comments by file and line; the truncation notice is made again. */
function mergeNotifications(runs: readonly Run[]): Notification[] {
  const all = uniqueBy(runs.flatMap((run) => run.invocations?.[0]?.toolExecutionNotifications ?? []), (notification) => JSON.stringify(notification)).filter(
    (notification) => notification.descriptor?.id !== 'results-truncated',
  );
  const ofKind = (test: (id: string) => boolean): Notification[] => all.filter((notification) => test(notification.descriptor?.id ?? '')).sort(compareNotifications);
  const files = ofKind((id) => id === 'file-not-analysed');
  const problems = ofKind((id) => id.startsWith('suppression-'));
  return [...files, ...problems, ...all.filter((notification) => !files.includes(notification) && !problems.includes(notification))];
}

function compareNotifications(a: Notification, b: Notification): number {
  const [placeA, placeB] = [placeOf(a), placeOf(b)];
  return compareText(placeA.file, placeB.file) || placeA.line - placeB.line || compareText(a.message.text ?? '', b.message.text ?? '');
}

/**
 * The verdict is incomplete when a shard is, else stateful when a shard is; the counts add up. `baselineFixed` counts an entry of
 * a deleted file once per shard: the JSON reports list the entries and merge exactly.
 */
function mergeProperties(runs: readonly Run[], omitted: number): PropertyBag {
  const first = runs[0]!.properties ?? {};
  const fixed = runs.reduce((sum, run) => sum + Number(run.properties?.baselineFixed ?? 0), 0);
  return {
    verdict: mergedVerdict(runs.map((run) => run.properties?.verdict)),
    ...(omitted > 0 ? { resultsOmitted: omitted } : {}),
    ...(first.changedSince !== undefined ? { changedSince: first.changedSince } : {}),
    ...(first.baseline !== undefined ? { baseline: first.baseline, baselineFixed: fixed } : {}),
  };
}


function mergedVerdict(verdicts: readonly unknown[]): string {
  if (verdicts.includes('incomplete')) return 'incomplete';
  return verdicts.includes('stateful') ? 'stateful' : 'stateless';
}

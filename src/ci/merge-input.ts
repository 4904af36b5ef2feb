import type { Log } from 'sarif';
import { UsageError } from '../shared/errors.js';
import type { Report } from '../report/report.js';
import { isShard, MAX_SHARDS, type Shard } from '../pipeline/shard.js';

/** The files given to `merge`, read and checked: all of one kind, all from one run of one version. */
export type MergeInputs = { kind: 'report'; reports: Report[] } | { kind: 'sarif'; logs: Log[] };

/** One file given to `merge`: where it came from (for messages) and its text. */
export interface MergeSource {
  where: string;
  text: string;
}

type Recognised = { where: string; kind: 'report'; report: Report } | { where: string; kind: 'sarif'; log: Log };

/** What must be equal in every shard of one run; a difference means the files come from different runs. */
interface RunMarks {
  where: string;
  version: string;
  changedSince?: string;
  baseline?: string;
  /** `2/4` for a shard's report; absent for a whole scan. */
  shard?: string;
}

const TOOL_NAME = 'hidden-state';
const KIND_NAMES = { report: 'a JSON report', sarif: 'a SARIF log' } as const;

/**
 * Recognises each file as a hidden-state JSON report or SARIF log and checks that they can be
 * merged: one kind, written by `tool`'s version, with the same `--changed-since` and `--baseline`.
 * Anything else is a usage error naming the file.
 */
export function readMergeInputs(sources: readonly MergeSource[], tool: { version: string }): MergeInputs {
  const inputs = sources.map((source) => recognise(source.text, source.where));
  const first = inputs[0]!;
  const otherKind = inputs.find((input) => input.kind !== first.kind);
  if (otherKind) throw new UsageError(`${otherKind.where} is ${KIND_NAMES[otherKind.kind]} and ${first.where} ${KIND_NAMES[first.kind]}: merge files of one kind`);
  checkOneRun(inputs.map(marksOf), tool.version);
  return first.kind === 'report'
    ? { kind: 'report', reports: inputs.flatMap((input) => (input.kind === 'report' ? [input.report] : [])) }
    : { kind: 'sarif', logs: inputs.flatMap((input) => (input.kind === 'sarif' ? [input.log] : [])) };
}

function recognise(text: string, where: string): Recognised {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text it stopped at, line breaks included: keep the message on one line.
    throw new UsageError(`${where}: not valid JSON (${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')})`);
  }
  if (isReport(value)) return { where, kind: 'report', report: value };
  if (isSarifLog(value)) return { where, kind: 'sarif', log: value };
  throw new UsageError(`${where}: not a hidden-state report (merge reads what 'hidden-state scan' writes with -f json or -f sarif)`);
}

function marksOf(input: Recognised): RunMarks {
  if (input.kind === 'report') {
    const { tool, changedSince, baseline } = input.report;
    const shard = input.report.shard && `${input.report.shard.index}/${input.report.shard.count}`;
    return { where: input.where, version: tool.version, changedSince, baseline: baseline && `${baseline.file} (${baseline.recorded} recorded)`, shard };
  }
  const run = input.log.runs[0]!;
  const properties = run.properties ?? {};
  return {
    where: input.where,
    version: run.tool.driver.version!,
    changedSince: properties.changedSince as string | undefined,
    baseline: properties.baseline as string | undefined,
    shard: properties.shard as string | undefined,
  };
}

function checkOneRun(marks: readonly RunMarks[], version: string): void {
  const first = marks[0]!;
  for (const input of marks) {
    if (input.version !== first.version) {
      throw new UsageError(`${input.where} was written by hidden-state ${input.version} and ${first.where} by ${first.version}: merge files of one version`);
    }
    for (const option of ['changedSince', 'baseline'] as const) {
      if (input[option] === first[option]) continue;
      const flag = option === 'changedSince' ? '--changed-since' : '--baseline';
      throw new UsageError(`${input.where} and ${first.where} come from different runs (${flag} ${input[option] ?? 'not given'} against ${first[option] ?? 'not given'}): merge the shards of one run`);
    }
  }
  if (first.version !== version) throw new UsageError(`${first.where} was written by hidden-state ${first.version}, this is ${version}: merge with the version that scanned`);
  checkEveryShardOnce(marks);
}

/**
 * Shards of one `--shard i/n` run, each once and none missing: a shard whose job failed would
 * otherwise leave its findings out of the merged report, and the gate would pass without them.
 */
function checkEveryShardOnce(marks: readonly RunMarks[]): void {
  const sharded = marks.filter((input) => input.shard !== undefined);
  if (sharded.length === 0) return;
  for (const input of sharded) {
    const [index, count] = String(input.shard).split('/').map(Number);
    // Checked before a list of `count` places is made: a count of 1e9 would exhaust the heap.
    if (!isShard({ index, count })) throw new UsageError(`${input.where}: shard '${input.shard}' is not i/n with 1 <= i <= n <= ${MAX_SHARDS}`);
  }
  const whole = marks.find((input) => input.shard === undefined);
  if (whole) throw new UsageError(`${whole.where} is a whole scan and ${sharded[0]!.where} shard ${sharded[0]!.shard}: merge the shards of one run`);
  const count = Number(sharded[0]!.shard!.split('/')[1]);
  const seen = new Map<number, string>();
  for (const input of sharded) {
    const [index, total] = input.shard!.split('/').map(Number) as [number, number];
    if (total !== count) throw new UsageError(`${input.where} is shard ${input.shard} and ${sharded[0]!.where} shard ${sharded[0]!.shard}: merge the shards of one run`);
    const other = seen.get(index);
    if (other) throw new UsageError(`${other} and ${input.where} are both shard ${input.shard}: give each shard once`);
    seen.set(index, input.where);
  }
  const missing = Array.from({ length: count }, (_, position) => position + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new UsageError(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing: merge needs every shard of the run`);
}

const FINDING_FIELDS = { file: 'string', line: 'number', column: 'number', ruleId: 'string', symbol: 'string', severity: 'string', instanceLocal: 'boolean', fingerprint: 'string' } as const;
const ENTRY_FIELDS = { fingerprint: 'string', ruleId: 'string', file: 'string', symbol: 'string' } as const;

/** The fields merging and the gate read; the rest is carried over as written. */
function isReport(value: unknown): value is Report {
  const baseline = at(value, 'baseline');
  return (
    at(value, 'tool', 'name') === TOOL_NAME &&
    typeof at(value, 'tool', 'version') === 'string' &&
    typeof at(value, 'summary', 'files') === 'number' &&
    everyItem(at(value, 'tiers'), (tier) => hasTypes(tier, { name: 'string', root: 'string', files: 'number' }) && Array.isArray(at(tier, 'entries'))) &&
    everyItem(at(value, 'findings'), (finding) => hasTypes(finding, FINDING_FIELDS)) &&
    everyItem(at(value, 'errors'), (error) => hasTypes(error, { file: 'string', message: 'string' })) &&
    (at(value, 'suppressionProblems') === undefined || everyItem(at(value, 'suppressionProblems'), (problem) => hasTypes(problem, { file: 'string', line: 'number', message: 'string' }))) &&
    (baseline === undefined || (hasTypes(baseline, { file: 'string', recorded: 'number' }) && everyItem(at(baseline, 'fixed'), (entry) => hasTypes(entry, ENTRY_FIELDS)))) &&
    ['undefined', 'string'].includes(typeof at(value, 'changedSince')) &&
    (at(value, 'shard') === undefined || (hasTypes(at(value, 'shard'), { index: 'number', count: 'number' }) && isShard(at(value, 'shard') as Shard)))
  );
}

/** One run written by hidden-state, each result with a rule and a place (what ordering the results reads). */
function isSarifLog(value: unknown): value is Log {
  const runs = at(value, 'runs');
  return (
    Array.isArray(runs) &&
    runs.length === 1 &&
    at(runs, 0, 'tool', 'driver', 'name') === TOOL_NAME &&
    typeof at(runs, 0, 'tool', 'driver', 'version') === 'string' &&
    everyItem(at(runs, 0, 'results'), (result) => {
      const physical = at(result, 'locations', 0, 'physicalLocation');
      return typeof at(result, 'ruleId') === 'string' && typeof at(physical, 'artifactLocation', 'uri') === 'string' && typeof at(physical, 'region', 'startLine') === 'number';
    })
  );
}

/** The value at a path of keys and indexes, or undefined where the path leaves the data. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) current = typeof current === 'object' && current !== null ? (current as Record<string | number, unknown>)[key] : undefined;
  return current;
}

function everyItem(value: unknown, test: (item: unknown) => boolean): boolean {
  return Array.isArray(value) && value.every(test);
}

function hasTypes(value: unknown, fields: Readonly<Record<string, 'string' | 'number' | 'boolean'>>): boolean {
  return typeof value === 'object' && value !== null && Object.entries(fields).every(([key, type]) => typeof at(value, key) === type);
}

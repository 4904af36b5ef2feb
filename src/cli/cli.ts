import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { Log } from 'sarif';
import { RULES } from '../../rules/index.js';
import { compareWithBaseline, DEFAULT_BASELINE_FILE, formatBaseline, parseBaseline } from '../ci/baseline.js';
import { restrictToChangedLines } from '../ci/changed-lines.js';
import { loadConfig, type FileConfig } from '../config/config.js';
import type { FailOn } from '../report/finding.js';
import { closestName, didYouMean } from '../shared/did-you-mean.js';
import { UsageError } from '../shared/errors.js';
import { DEFAULT_WRITE_RATIO, describeEstimate, estimateSessionLoad, STORE_ENGINES, type EstimateInput, type StoreEngine } from '../review/estimate.js';
import { CONFIDENCES, SEVERITIES, type Confidence } from '../report/finding.js';
import { evaluateGate, type GateResult } from '../ci/gate.js';
import { incompletenessOf } from '../pipeline/completeness.js';
import { safeJson, safeReport } from '../report/safe-text.js';
import { changedLinesSince, checkoutOf } from '../ci/git.js';
import { ciRunUrl } from '../ci/ci-run.js';
import { checkLinkTemplate, checkReportUrl } from '../review/links.js';
import { mergeReports } from '../ci/merge.js';
import { readMergeInputs } from '../ci/merge-input.js';
import { mergeSarifLogs } from '../ci/merge-sarif.js';
import { writeOutput } from './output-file.js';
import { collectFormat, collectOutput, collectOutputFormat, planOutputs, type OutputFlags, type OutputRequest } from './outputs.js';
import { parsePositiveNumber, parseRatio, parseWholeNumber } from './number-options.js';
import { createProgressLine } from './progress.js';
import { explainRule, listRules, summarizeRules } from './rule-docs.js';
import { attachExcerpts } from '../review/excerpts.js';
import { DEFAULT_MAX_FILE_SIZE, readSourceText } from '../pipeline/source-text.js';
import type { Report, ScanScope } from '../report/report.js';
import { reportDate } from '../review/report-date.js';
import { FORMATS, REPORTERS, type Format } from '../reporters/index.js';
import { SARIF_MAX_RESULTS } from '../reporters/sarif.js';
import { wrapIndented } from '../reporters/text-layout.js';
import type { ReviewContext } from '../review/review.js';
import { scan, type ScanResult } from '../pipeline/scan.js';
import { CONFIG_SCHEMA, scanOptionsFor } from '../config/scan-settings.js';
import { serviceNameOf } from '../pipeline/service-name.js';
import { parseShard, type Shard } from '../pipeline/shard.js';
import { DEFAULT_CACHE_LOCATION } from '../cache/cache.js';
import { toolInfo } from '../shared/version.js';

/** What the command line may touch; tests pass their own. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal: the progress line of long scans is drawn only there. */
  stderrIsTTY: boolean;
  /** Terminal width, when stdout is a terminal. */
  columns?: number;
  /** Milliseconds on a monotonic clock, for the progress line (default: `performance.now`). */
  now?: () => number;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FATAL = 2;

/** What `scan` and `baseline` share: which files, which configuration. */
interface SourceFlags {
  project?: string;
  config?: string;
  output?: string;
  include?: string[];
  exclude?: string[];
  entry?: string[];
  includeTests?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

interface ScanFlags extends Omit<SourceFlags, 'output'>, OutputFlags {
  failOn?: FailOn;
  maxWarnings?: number;
  minConfidence?: Confidence;
  baseline?: string;
  changedSince?: string;
  reportUnusedIgnores?: boolean;
  color: boolean;
  quiet?: boolean;
  debug?: boolean;
  instances?: number;
  peakRps?: number;
  writeRatio?: number;
  store?: StoreEngine;
  nodeCapacity?: number;
  shard?: Shard;
  allowIncomplete?: boolean;
  linkTemplate?: string;
  reportUrl?: string;
}

/** The session-store sizing flags, shared by `scan` and `estimate`. */
type SizingFlags = Pick<ScanFlags, 'config' | 'instances' | 'peakRps' | 'writeRatio' | 'store' | 'nodeCapacity'>;

/** Formats that are readiness-review documents: they get a header, projections and the drill. */
const REVIEW_FORMATS: ReadonlySet<Format> = new Set<Format>(['html', 'markdown']);

const NON_TTY_WIDTH = 160;

/** Runs the command line and returns the exit code; never calls process.exit. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('hidden-state')
    .description('Finds the hidden state that stops a Node.js/TypeScript service from scaling horizontally.')
    .version(toolInfo().version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .configureHelp({ showGlobalOptions: true });
  // Accepted by every command, before or after its name (commander reads a program's options anywhere).
  program
    .option('-c, --config <file>', 'configuration file (default: searched from the working directory)')
    .option('--no-color', 'no colours in the output')
    .option('-q, --quiet', 'report only the findings that fail the run')
    .option('--debug', 'print stack traces of fatal errors');

  const scanCommand = addReportOptions(addSourceOptions(program.command('scan', { isDefault: true })))
    .description('scan files or folders and print the audit table')
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .option('--baseline <file>', `count only findings not recorded in this baseline (made by 'hidden-state baseline')`)
    .option('--changed-since <git-ref>', 'report only findings on lines changed since this git ref (the whole program is still analysed)')
    .option('--report-unused-ignores', 'report hidden-state-ignore comments that match no finding')
    .option('--shard <i/n>', 'analyse only part i of n of the files, for spreading a scan over machines (see hidden-state merge)', parseShard)
    .option('--instances <n>', 'planned number of instances, for the projections (markdown, html)', parseWholeNumber('--instances'))
    .option('--peak-rps <r>', 'peak requests per second, for the session-store sizing (markdown, html)', parsePositiveNumber('--peak-rps'));
  addSizingOptions(scanCommand).action(async (paths: string[], _flags: unknown, command: Command) => {
    refuseMistypedCommand(paths, command.parent!.commands.map((known) => known.name()), io.cwd);
    exitCode = await runScan(paths, command.optsWithGlobals<ScanFlags>(), io);
  });

  addSourceOptions(program.command('baseline'))
    .description('record the current findings, so that scan --baseline counts only new ones')
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .option('-o, --output <file>', 'the baseline file to write', DEFAULT_BASELINE_FILE)
    .action(async (paths: string[], _flags: unknown, command: Command) => {
      exitCode = await runBaseline(paths, command.optsWithGlobals<SourceFlags>(), io);
    });

  addReportOptions(program.command('merge'))
    .description('combine the JSON reports (or SARIF logs) of scan --shard runs into the report of the whole scan, and apply the gate')
    .argument('<reports...>', "shard reports written by 'scan -f json' (or SARIF logs written by 'scan -f sarif')")
    .action(async (files: string[], _flags: unknown, command: Command) => {
      exitCode = await runMerge(files, command.optsWithGlobals<MergeFlags>(), io);
    });

  const estimate = program
    .command('estimate')
    .description('size the session store for a peak request rate: reads, writes, nodes and shards')
    .option('--peak-rps <r>', 'peak requests per second across the tier', parsePositiveNumber('--peak-rps'))
    .option('--instances <n>', 'planned number of instances, to show the load of each', parseWholeNumber('--instances'));
  addSizingOptions(estimate).action(async (_flags: unknown, command: Command) => {
    await runEstimate(command.optsWithGlobals<SizingFlags>(), io);
  });

  program
    .command('rules')
    .description('list every rule: id, kind, default severity, title')
    .action(() => {
      io.stdout(listRules(RULES));
    });

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule-id>', 'the rule to explain')
    .action((ruleId: string) => {
      const rule = RULES.find((candidate) => candidate.id === ruleId);
      if (!rule) throw new UsageError(`unknown rule '${ruleId}'${didYouMean(ruleId, RULES.map((known) => known.id))} (see 'hidden-state rules')`);
      io.stdout(explainRule(rule));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFatal(error, io, argv.includes('--debug'));
  }
}

/**
 * `scan` is the default command, so a mistyped command name (`scna`) arrives as a path: a path
 * that does not exist and is close to a command's name is named as the likely typo.
 */
function refuseMistypedCommand(paths: readonly string[], commands: readonly string[], cwd: string): void {
  for (const path of paths) {
    const command = closestName(path, commands);
    if (command !== undefined && !existsSync(resolve(cwd, path))) throw new UsageError(`path not found: ${path} (did you mean the command '${command}'?)`);
  }
}

/** Which files, which configuration: `scan` and `baseline`. */
function addSourceOptions(command: Command): Command {
  return command
    .option('-p, --project <tsconfig>', 'tsconfig.json or jsconfig.json that lists the files')
    .option('--include <glob...>', 'only scan files matching these globs')
    .option('--exclude <glob...>', 'also leave out files matching these globs')
    .option('--entry <path...>', 'entry files or globs: only code reachable from them is the tier (default: guessed)')
    .option('--include-tests', 'scan test files too')
    .option('--cache', `keep each file's results and what they read (in ${DEFAULT_CACHE_LOCATION}); a rescan analyses only what changed files reach`)
    .option('--cache-location <dir>', 'where --cache keeps its results (implies --cache)');
}

/** How the report is printed and gated: `scan` and `merge`. */
function addReportOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'output format; repeat -f and -o to write several, paired in order').choices(FORMATS).argParser(collectFormat))
    .option('-o, --output <file>', 'write the report to a file instead of stdout', collectOutput)
    .option('--output-format <format=file>', 'also write the report in this format to this file (repeatable)', collectOutputFormat)
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (default: error)').choices([...SEVERITIES, 'none']))
    .option('--max-warnings <n>', 'fail only when there are more than n warnings (whatever --fail-on says of warnings)', parseCount)
    .addOption(new Option('--min-confidence <level>', 'findings less sure than this do not fail the run').choices(CONFIDENCES))
    .option('--allow-incomplete', 'exit by the gate even when files or rules failed (the verdict stays incomplete)')
    .option('--link-template <url>', 'link locations in markdown and html to the code, e.g. https://github.com/org/repo/blob/{commit}/{path}#L{line}', checkLinkTemplate)
    .option('--report-url <url>', 'where the full report is, for the markdown summary (default: the CI run)', checkReportUrl);
}

function addSizingOptions(command: Command): Command {
  return command
    .option('--write-ratio <w>', `share of requests that write the session back, 0 to 1 (default: ${DEFAULT_WRITE_RATIO})`, parseRatio('--write-ratio'))
    .addOption(new Option('--store <store>', 'session store to size (default: redis)').choices(STORE_ENGINES))
    .option('--node-capacity <ops>', 'operations per second one store node serves (default: Redis 100,000, Memcached 200,000)', parsePositiveNumber('--node-capacity'));
}

async function runScan(paths: string[], flags: ScanFlags, io: CliIo): Promise<number> {
  // Bad git refs and unreadable baselines fail before the scan, not after it.
  const changed = flags.changedSince === undefined ? undefined : changedLinesSince(flags.changedSince, io.cwd, paths);
  const baseline = flags.baseline === undefined ? undefined : parseBaseline(readText(resolve(io.cwd, flags.baseline), 'baseline'), flags.baseline);
  const outputs = planOutputs(flags);
  const forReview = outputs.some((output) => REVIEW_FORMATS.has(output.format));
  const { result, config, failOn } = await scanSources(paths, flags, io, forReview);
  let report = result.report;
  if (baseline) {
    const scanned = new Set(result.files);
    report = compareWithBaseline(report, baseline, flags.baseline!, (file) => scanned.has(file) || !existsSync(resolve(io.cwd, file)));
  }
  if (changed) report = restrictToChangedLines(report, changed, flags.changedSince!);
  const review = forReview ? reviewContext(paths, result, flags, config, io) : undefined;
  return deliverReport(report, flags, failOn, review, io, outputs);
}

/** How a built report is judged and shown: what `scan` and `merge` share. */
type ReportFlags = Pick<ScanFlags, 'format' | 'output' | 'outputFormat' | 'maxWarnings' | 'minConfidence' | 'color' | 'quiet' | 'allowIncomplete' | 'linkTemplate' | 'reportUrl'>;

/** Once the report is built: the gate, the outputs, then the notes and the gate's verdict. Returns the exit code. */
function deliverReport(raw: Report, flags: ReportFlags, failOn: FailOn, review: ReviewContext | undefined, io: CliIo, outputs: readonly OutputRequest[]): number {
  // Names and text from the target, made safe for a terminal or a CI log; JSON and SARIF keep
  // them exact (escaped by their own syntax).
  const safe = safeReport(raw);
  const settings = { failOn, maxWarnings: flags.maxWarnings, minConfidence: flags.minConfidence };
  const gate = evaluateGate(safe, settings);
  const shownIn = (format: Format): Report => {
    const report = KEEPS_EXACT.has(format) ? raw : safe;
    if (flags.quiet) return { ...report, findings: KEEPS_EXACT.has(format) ? evaluateGate(raw, settings).failures : gate.failures };
    return LISTS_ACCEPTED.has(format) ? report : withoutAccepted(report);
  };

  for (const { format, file } of outputs) {
    const toFile = file !== undefined;
    const color = flags.color && !toFile && (forcesColor(io.env) || (io.stdoutIsTTY && !('NO_COLOR' in io.env)));
    const width = io.stdoutIsTTY && !toFile ? io.columns ?? 100 : NON_TTY_WIDTH;
    const text = REPORTERS[format](shownIn(format), { color, width, rules: summarizeRules(RULES), root: io.cwd, ...(review ? { review } : {}) });
    if (toFile) writeOutput(io.cwd, file, text);
    else io.stdout(text);
  }
  // On GitHub Actions the table stays, and annotations for the pull request follow it.
  if ((flags.format ?? []).length === 0 && io.env.GITHUB_ACTIONS === 'true') io.stdout(REPORTERS.github(shownIn('table')));

  // Notes and the gate's verdict close the output people read; beside JSON or SARIF they go to stderr.
  // A gate that passed on an incomplete scan says nothing: the exit code is the incomplete one.
  const incomplete = incompletenessOf(safe, flags.allowIncomplete ?? false);
  const gateShown = showsGate(flags, safe, gate) && (gate.failed || !incomplete?.fatal);
  const notes = [...new Set(outputs.flatMap((output) => runNotes(safe, output.format))), ...(gateShown ? [gate.verdictLine] : [])];
  const onStdout = outputs.find((output) => output.file === undefined);
  const forPeople = onStdout !== undefined && (onStdout.format === 'table' || onStdout.format === 'github');
  // In a terminal the notes wrap to its width, as the table does.
  const fitted = onStdout?.format === 'table' && io.stdoutIsTTY ? notes.flatMap((note) => wrapIndented(note, io.columns ?? 100)) : notes;
  if (notes.length > 0) (forPeople ? io.stdout : io.stderr)(`${fitted.join('\n')}\n`);
  if (incomplete) io.stderr(`${incomplete.line}\n`);
  if (incomplete?.fatal) return EXIT_FATAL;
  return gate.failed ? EXIT_FINDINGS : EXIT_OK;
}

interface MergeFlags extends ReportFlags {
  config?: string;
  failOn?: FailOn;
}

/** Gate settings a SARIF merge refuses: SARIF inputs are only combined, the gate reads JSON reports. */
const GATE_FLAGS = [
  ['failOn', '--fail-on'],
  ['maxWarnings', '--max-warnings'],
  ['minConfidence', '--min-confidence'],
  ['quiet', '--quiet'],
] as const;

async function runMerge(files: string[], flags: MergeFlags, io: CliIo): Promise<number> {
  const sources = files.map((file) => ({ where: file, text: readText(resolve(io.cwd, file), 'report') }));
  const inputs = readMergeInputs(sources, toolInfo());
  if (inputs.kind === 'sarif') return writeMergedSarif(inputs.logs, flags, io);
  const outputs = planOutputs(flags);
  const config = await loadConfiguration(flags.config, io);
  const merged = mergeReports(inputs.reports);
  const review = outputs.some((output) => REVIEW_FORMATS.has(output.format)) ? mergedReviewContext(merged, flags, io) : undefined;
  // Shards' JSON holds no source: a review shows the code as it is in the folder merge runs in,
  // the checkout of the scanned commit in CI.
  const report = review ? { ...merged, findings: attachExcerpts(merged.findings, (file) => sourceTextBelow(io.cwd, file)) } : merged;
  return deliverReport(report, flags, flags.failOn ?? config.failOn ?? 'error', review, io, outputs);
}

/**
 * A file's text for an excerpt; a missing, binary or oversized file shows none. A shard report is
 * input like any other: a name that leads out of the working directory (absolute, `../`, a link
 * out) shows none either, so a report cannot make merge quote a file elsewhere on the machine.
 */
function sourceTextBelow(cwd: string, file: string): string | undefined {
  if (isAbsolute(file) || file.split(/[\\/]/).includes('..')) return undefined;
  let real: string;
  let realCwd: string;
  try {
    real = realpathSync(resolve(cwd, file));
    realCwd = realpathSync(cwd);
  } catch {
    return undefined;
  }
  if (!real.startsWith(realCwd + sep)) return undefined;
  const text = readSourceText(real, DEFAULT_MAX_FILE_SIZE);
  return typeof text === 'string' ? text : undefined;
}

function writeMergedSarif(logs: Log[], flags: MergeFlags, io: CliIo): number {
  const gateFlag = GATE_FLAGS.find(([key]) => flags[key] !== undefined);
  if (gateFlag) throw new UsageError(`${gateFlag[1]} needs the shards' JSON reports: SARIF logs are only combined, without a gate`);
  const other = [...(flags.format ?? []), ...(flags.outputFormat ?? []).map((output) => output.format)].find((format) => format !== 'sarif');
  if (other !== undefined) throw new UsageError(`SARIF logs merge into SARIF: -f ${other} needs the shards' JSON reports`);
  const outputs = planOutputs(flags);
  if (outputs.length > 1) throw new UsageError('SARIF logs merge into one SARIF log: give one -o');
  const file = outputs[0]?.file;
  const log = mergeSarifLogs(logs);
  const text = `${safeJson(JSON.stringify(log, null, 2))}\n`;
  if (file !== undefined) writeOutput(io.cwd, file, text);
  else io.stdout(text);
  const kept = log.runs[0]!.results?.length ?? 0;
  const omitted = Number(log.runs[0]!.properties?.resultsOmitted ?? 0);
  if (omitted > 0) io.stderr(`hidden-state: the SARIF run holds the ${kept} most severe of ${kept + omitted} results (GitHub's limit per run); the JSON reports have them all.\n`);
  return EXIT_OK;
}

/** A merged report has no scan inputs: the review header is taken from the report itself. */
function mergedReviewContext(report: Report, flags: ReportFlags, io: CliIo): ReviewContext {
  return {
    service: report.tiers[0]?.name ?? '.',
    date: reportDate(io.env),
    tsconfigs: [],
    entries: entriesOf(report),
    ...documentFacts(flags, io),
  };
}

/** What a review document names besides the scan: the git checkout, where links and the full report go. */
function documentFacts(flags: ReportFlags, io: CliIo): Pick<ReviewContext, 'checkout' | 'linkTemplate' | 'reportUrl'> {
  const checkout = checkoutOf(io.cwd);
  const reportUrl = flags.reportUrl ?? ciRunUrl(io.env);
  return { ...(checkout ? { checkout } : {}), ...(flags.linkTemplate ? { linkTemplate: flags.linkTemplate } : {}), ...(reportUrl ? { reportUrl } : {}) };
}

async function runBaseline(paths: string[], flags: SourceFlags, io: CliIo): Promise<number> {
  const { result } = await scanSources(paths, flags, io, false);
  const target = flags.output ?? DEFAULT_BASELINE_FILE;
  const text = formatBaseline(result.report);
  writeOutput(io.cwd, target, text);
  const recorded = parseBaseline(text, target).length;
  io.stdout(`Wrote ${target}: ${recorded} finding${recorded === 1 ? '' : 's'} recorded. 'hidden-state scan --baseline ${target}' now counts only new ones.\n`);
  if (result.report.errors.length > 0) io.stderr(`hidden-state: ${result.report.errors.length} file(s) could not be analysed; their findings are not in the baseline\n`);
  return EXIT_OK;
}

async function scanSources(
  paths: string[],
  flags: Omit<SourceFlags, 'output'> & Pick<ScanFlags, 'failOn' | 'reportUnusedIgnores' | 'quiet' | 'shard'>,
  io: CliIo,
  excerpts: boolean,
): Promise<{ result: ScanResult; config: FileConfig; failOn: FailOn }> {
  const config = await loadConfiguration(flags.config, io);
  const progress = createProgressLine({
    write: io.stderr,
    isTTY: io.stderrIsTTY,
    env: io.env,
    quiet: flags.quiet ?? false,
    columns: io.columns,
    now: io.now ?? (() => performance.now()),
  });
  let result: ScanResult;
  try {
    result = scan({
      ...scanOptionsFor(paths, io.cwd, flags, config),
      excerpts,
      reportUnusedIgnores: flags.reportUnusedIgnores ?? false,
      onProgress: progress.update,
      ...cacheOption(flags, io.cwd),
      ...(flags.shard ? { shard: flags.shard } : {}),
    });
  } finally {
    // Erased before anything else is written: the report, or the fatal error.
    progress.done();
  }
  if (result.cache?.problem) io.stderr(`hidden-state: ${result.cache.problem}; the next run starts without it\n`);
  return { result, config, failOn: flags.failOn ?? config.failOn ?? 'error' };
}

function cacheOption(flags: SourceFlags, cwd: string): { cacheLocation?: string } {
  if (flags.cacheLocation !== undefined) return { cacheLocation: resolve(cwd, flags.cacheLocation) };
  return flags.cache ? { cacheLocation: resolve(cwd, DEFAULT_CACHE_LOCATION) } : {};
}

/** Formats whose own syntax escapes any string: they carry the target's names exactly. */
const KEEPS_EXACT: ReadonlySet<Format> = new Set<Format>(['gitlab', 'json', 'sarif']);

/** Every other format leaves accepted findings (suppressed, in the baseline) out; these keep them, marked. */
const KEEPS_ACCEPTED: ReadonlySet<Format> = new Set<Format>(['json', 'sarif']);

/** Formats that list accepted findings, marked: the machine formats and the review documents (with the reason). */
const LISTS_ACCEPTED: ReadonlySet<Format> = new Set<Format>([...KEEPS_ACCEPTED, ...REVIEW_FORMATS]);

function withoutAccepted(report: Report): Report {
  return { ...report, findings: report.findings.filter((finding) => !finding.suppression && finding.baselineState !== 'unchanged') };
}

/**
 * What was read, when not everything found was analysed as reached from an entry: "Read 97 files
 * (25 not imported from any entry: their findings say so); left out: 12 test code, 3 client code."
 */
function scopeNote(scope: ScanScope): string | undefined {
  if (scope.notReached === 0 && scope.leftOut.length === 0) return undefined;
  const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const notReached = scope.notReached > 0 ? ` (${scope.notReached} not imported from any entry: their findings say so)` : '';
  const leftOut = scope.leftOut.length > 0 ? `; left out: ${scope.leftOut.map(({ reason, files }) => `${files} ${reason}`).join(', ')}` : '';
  return `Read ${plural(scope.analysed, 'file')}${notReached}${leftOut}.`;
}

/** Lines after the report: what was left out, what the baseline lost, the broken suppression comments. */
function runNotes(report: Report, format: Format): string[] {
  const notes: string[] = [];
  if (report.changedSince) notes.push(`Only findings on lines changed since ${report.changedSince} are listed.`);
  const scope = report.scope && !KEEPS_ACCEPTED.has(format) ? scopeNote(report.scope) : undefined;
  if (scope) notes.push(scope);
  const inBaseline = report.findings.filter((finding) => finding.baselineState === 'unchanged' && !finding.suppression).length;
  const suppressed = report.findings.filter((finding) => finding.suppression).length;
  if (!LISTS_ACCEPTED.has(format) && (inBaseline > 0 || suppressed > 0)) {
    const parts = [inBaseline > 0 ? `${inBaseline} in the baseline` : '', suppressed > 0 ? `${suppressed} suppressed by a hidden-state-ignore comment` : ''].filter(Boolean);
    notes.push(`Not listed: ${parts.join(', ')} (--format json shows them).`);
  }
  if (report.baseline && report.baseline.fixed.length > 0) {
    const { fixed, file } = report.baseline;
    const listed = fixed.slice(0, 10).map((entry) => `  ${entry.file}: ${entry.ruleId} \`${entry.symbol}\``);
    if (fixed.length > 10) listed.push(`  and ${fixed.length - 10} more`);
    notes.push(`Fixed since the baseline: ${fixed.length} entr${fixed.length === 1 ? 'y' : 'ies'} of ${file} no longer found (run 'hidden-state baseline -o ${file}' to drop them):`, ...listed);
  }
  // JSON and SARIF carry these problems, and annotations show them; the other formats do not.
  if (!KEEPS_ACCEPTED.has(format) && format !== 'github') {
    for (const problem of report.suppressionProblems ?? []) notes.push(`${problem.file}:${problem.line}: ${problem.message}`);
  }
  if (report.findings.length > SARIF_MAX_RESULTS && format === 'sarif') {
    notes.push(`hidden-state: the SARIF run holds the ${SARIF_MAX_RESULTS} most severe of ${report.findings.length} results (GitHub's limit per run); --format json has them all.`);
  }
  return notes;
}

/** The gate's line is shown when it failed, or when something was set aside or left out. */
function showsGate(flags: ReportFlags, report: Report, gate: GateResult): boolean {
  const { baseline, suppressed, lowConfidence } = gate.setAside;
  return gate.failed || baseline + suppressed + lowConfidence > 0 || report.baseline !== undefined || report.changedSince !== undefined || flags.maxWarnings !== undefined;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings must be a whole number of warnings (got '${value}')`);
  return Number(value);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The readiness-review header and plans: flags first, then the configuration. */
function reviewContext(paths: readonly string[], result: ScanResult, flags: ScanFlags, config: FileConfig, io: CliIo): ReviewContext {
  const instances = flags.instances ?? config.instances;
  const sessionStore = sizingInput(flags, config);
  return {
    service: serviceNameOf(paths[0] ?? '.', io.cwd),
    date: reportDate(io.env),
    tsconfigs: result.tsconfigs,
    entries: entriesOf(result.report),
    ...(instances !== undefined ? { instances } : {}),
    ...(sessionStore ? { sessionStore } : {}),
    ...documentFacts(flags, io),
  };
}

/** Every tier's entry files, once each, sorted: the review header lists them. */
function entriesOf(report: Report): string[] {
  return [...new Set(report.tiers.flatMap((tier) => tier.entries))].sort();
}

function sizingInput(flags: SizingFlags, config: FileConfig): EstimateInput | undefined {
  const peakRps = flags.peakRps ?? config.peakRps;
  if (peakRps === undefined) return undefined;
  const instances = flags.instances ?? config.instances;
  return {
    peakRps,
    writeRatio: flags.writeRatio ?? DEFAULT_WRITE_RATIO,
    store: flags.store ?? 'redis',
    ...(flags.nodeCapacity !== undefined ? { nodeCapacity: flags.nodeCapacity } : {}),
    ...(instances !== undefined ? { instances } : {}),
  };
}

async function runEstimate(flags: SizingFlags, io: CliIo): Promise<void> {
  const config = await loadConfiguration(flags.config, io);
  const input = sizingInput(flags, config);
  if (!input) throw new UsageError("estimate needs the peak load: --peak-rps <requests per second> (or 'peakRps' in the configuration)");
  const { headline, details } = describeEstimate(estimateSessionLoad(input));
  io.stdout(`Session-store sizing\n\n${headline}\n\n${details.map((line) => `- ${line}`).join('\n')}\n`);
}

/** The configuration, flags' file first; a configuration that runs code and was found by search is named, not run. */
async function loadConfiguration(named: string | undefined, io: CliIo): Promise<FileConfig> {
  const { config, notRun } = await loadConfig(io.cwd, named && resolve(io.cwd, named), CONFIG_SCHEMA);
  if (notRun) io.stderr(`hidden-state: ${notRun} not loaded: a configuration that runs code is used only when named with --config\n`);
  return config;
}

function forcesColor(env: NodeJS.ProcessEnv): boolean {
  return env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
}

function reportFatal(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; commander has already printed them.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
    // Commander puts its suggestion on a second line; errors are one line, worded as ours are.
    const message = error.message.replace(/^error: /, '').replace(/\s*\(Did you mean (.+)\?\)/, " (did you mean '$1'?)").replace(/\s*\n\s*/g, ' ');
    io.stderr(`hidden-state: ${message}\n`);
    return EXIT_FATAL;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`hidden-state: ${message}\n`);
  if (debug && error instanceof Error && !(error instanceof UsageError) && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_FATAL;
}

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { RULES } from '../rules/index.js';
import { LIBRARY_RULE_FOR_KIND, SHARED_STORES, STATE_SOURCES } from '../rules/catalogue.js';
import { loadConfig, type FailOn, type FileConfig } from './config.js';
import { userSources, userStores } from './user-catalogue.js';
import { UsageError } from './errors.js';
import { DEFAULT_WRITE_RATIO, describeEstimate, estimateSessionLoad, STORE_ENGINES, type EstimateInput, type StoreEngine } from './estimate.js';
import { SEVERITIES } from './finding.js';
import { parsePositiveNumber, parseRatio, parseWholeNumber } from './number-options.js';
import { explainRule, listRules } from './rule-docs.js';
import { DEFAULT_MAX_FILE_SIZE } from './project.js';
import { gateFailures, type Report } from './report.js';
import { reportDate } from './report-date.js';
import { FORMATS, REPORTERS, type Format } from './reporters/index.js';
import type { ReviewContext } from './review.js';
import { scan } from './scan.js';
import { serviceNameOf } from './service-name.js';
import { toolInfo } from './version.js';

/** What the command line may touch; tests pass their own. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  /** Terminal width, when stdout is a terminal. */
  columns?: number;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FATAL = 2;

interface ScanFlags {
  project?: string;
  config?: string;
  format?: Format;
  output?: string;
  failOn?: FailOn;
  include?: string[];
  exclude?: string[];
  entry?: string[];
  color: boolean;
  quiet?: boolean;
  includeTests?: boolean;
  debug?: boolean;
  instances?: number;
  peakRps?: number;
  writeRatio?: number;
  store?: StoreEngine;
  nodeCapacity?: number;
}

/** The session-store sizing flags, shared by `scan` and `estimate`. */
type SizingFlags = Pick<ScanFlags, 'config' | 'instances' | 'peakRps' | 'writeRatio' | 'store' | 'nodeCapacity'>;

/** Formats that are readiness-review documents: they get a header, projections and the drill. */
const REVIEW_FORMATS: ReadonlySet<Format> = new Set<Format>(['html', 'markdown']);

const NON_TTY_WIDTH = 160;

/** What configuration validation needs to know about the rules. */
const CONFIG_SCHEMA = {
  ruleIds: RULES.map((rule) => rule.id),
  sourceKinds: Object.keys(LIBRARY_RULE_FOR_KIND),
};

/** Runs the command line and returns the exit code; never calls process.exit. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('hidden-state')
    .description('Finds the hidden state that stops a Node.js/TypeScript service from scaling horizontally.')
    .version(toolInfo().version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined });

  const scanCommand = program
    .command('scan', { isDefault: true })
    .description('scan files or folders and print the audit table')
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .option('-p, --project <tsconfig>', 'tsconfig.json or jsconfig.json that lists the files')
    .option('-c, --config <file>', 'configuration file (default: searched from the working directory)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (default: error)').choices([...SEVERITIES, 'none']))
    .option('--include <glob...>', 'only scan files matching these globs')
    .option('--exclude <glob...>', 'also leave out files matching these globs')
    .option('--entry <path...>', 'entry files or globs: only code reachable from them is the tier (default: guessed)')
    .option('--include-tests', 'scan test files too')
    .option('--no-color', 'no colours in the output')
    .option('-q, --quiet', 'report only the findings that fail the run')
    .option('--debug', 'print stack traces of fatal errors')
    .option('--instances <n>', 'planned number of instances, for the projections (markdown, html)', parseWholeNumber('--instances'))
    .option('--peak-rps <r>', 'peak requests per second, for the session-store sizing (markdown, html)', parsePositiveNumber('--peak-rps'));
  addSizingOptions(scanCommand).action(async (paths: string[], flags: ScanFlags) => {
    exitCode = await runScan(paths, flags, io);
  });

  const estimate = program
    .command('estimate')
    .description('size the session store for a peak request rate: reads, writes, nodes and shards')
    .option('--peak-rps <r>', 'peak requests per second across the tier', parsePositiveNumber('--peak-rps'))
    .option('--instances <n>', 'planned number of instances, to show the load of each', parseWholeNumber('--instances'))
    .option('-c, --config <file>', 'configuration file (default: searched from the working directory)');
  addSizingOptions(estimate).action(async (flags: SizingFlags) => {
    await runEstimate(flags, io);
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
      if (!rule) throw new UsageError(`unknown rule '${ruleId}' (see 'hidden-state rules')`);
      io.stdout(explainRule(rule));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFatal(error, io, argv.includes('--debug'));
  }
}

function addSizingOptions(command: Command): Command {
  return command
    .option('--write-ratio <w>', `share of requests that write the session back, 0 to 1 (default: ${DEFAULT_WRITE_RATIO})`, parseRatio('--write-ratio'))
    .addOption(new Option('--store <store>', 'session store to size (default: redis)').choices(STORE_ENGINES))
    .option('--node-capacity <ops>', 'operations per second one store node serves (default: Redis 100,000, Memcached 200,000)', parsePositiveNumber('--node-capacity'));
}

async function runScan(paths: string[], flags: ScanFlags, io: CliIo): Promise<number> {
  const { config } = await loadConfig(io.cwd, flags.config && resolve(io.cwd, flags.config), CONFIG_SCHEMA);
  const failOn: FailOn = flags.failOn ?? config.failOn ?? 'error';
  const format = flags.format ?? 'table';
  const { report, tsconfigs } = scan({
    paths,
    cwd: io.cwd,
    tsconfig: flags.project ?? config.tsconfig,
    entries: flags.entry ?? config.entry ?? [],
    include: flags.include ?? config.include ?? [],
    exclude: [...(config.exclude ?? []), ...(flags.exclude ?? [])],
    includeTests: flags.includeTests ?? config.includeTests ?? false,
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    rules: RULES,
    ruleSettings: config.rules ?? {},
    sources: [...STATE_SOURCES, ...userSources(config.sources ?? [])],
    stores: [...SHARED_STORES, ...userStores(config.externalized ?? [])],
    excerpts: REVIEW_FORMATS.has(format),
  });
  const failures = gateFailures(report, failOn);
  const shown: Report = flags.quiet ? { ...report, findings: failures } : report;
  const toFile = flags.output !== undefined;
  const color = flags.color && !toFile && (forcesColor(io.env) || (io.stdoutIsTTY && !('NO_COLOR' in io.env)));
  const review = REVIEW_FORMATS.has(format) ? reviewContext(paths, tsconfigs, flags, config, io) : undefined;
  const text = REPORTERS[format](shown, { color, width: io.stdoutIsTTY && !toFile ? io.columns ?? 100 : NON_TTY_WIDTH, ...(review ? { review } : {}) });
  if (toFile) writeOutput(resolve(io.cwd, flags.output!), text);
  else io.stdout(text);
  return failures.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** The readiness-review header and plans: flags first, then the configuration. */
function reviewContext(paths: readonly string[], tsconfigs: string[], flags: ScanFlags, config: FileConfig, io: CliIo): ReviewContext {
  const instances = flags.instances ?? config.instances;
  const sessionStore = sizingInput(flags, config);
  return {
    service: serviceNameOf(paths[0] ?? '.', io.cwd),
    date: reportDate(io.env),
    tsconfigs,
    entries: [],
    ...(instances !== undefined ? { instances } : {}),
    ...(sessionStore ? { sessionStore } : {}),
  };
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
  const { config } = await loadConfig(io.cwd, flags.config && resolve(io.cwd, flags.config), CONFIG_SCHEMA);
  const input = sizingInput(flags, config);
  if (!input) throw new UsageError("estimate needs the peak load: --peak-rps <requests per second> (or 'peakRps' in the configuration)");
  const { headline, details } = describeEstimate(estimateSessionLoad(input));
  io.stdout(`Session-store sizing\n\n${headline}\n\n${details.map((line) => `- ${line}`).join('\n')}\n`);
}

function forcesColor(env: NodeJS.ProcessEnv): boolean {
  return env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
}

function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function reportFatal(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; commander has already printed them.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
    io.stderr(`hidden-state: ${error.message.replace(/^error: /, '')}\n`);
    return EXIT_FATAL;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`hidden-state: ${message}\n`);
  if (debug && error instanceof Error && !(error instanceof UsageError) && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_FATAL;
}

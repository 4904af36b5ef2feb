import { createCatalogue, type SharedStore, type StateSource } from '../catalogue/types.js';
import type { RuleSetting } from '../report/finding.js';
import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { discoverFiles, outermostPaths, relativePosix, toPosix } from './discover.js';
import { createImportResolver } from './import-resolver.js';
import { assignTiers, describeEntries, planTiers, type LeftOutReason, type Tier, type TierMembership } from './tiers.js';
import type { ImportResolver } from '../engine/engine.js';
import type { EnabledRule } from '../engine/rule.js';
import { compareFindings } from '../engine/settle.js';
import { attachExcerpts } from '../review/excerpts.js';
import type { FileError, Finding } from '../report/finding.js';
import { analyseGroup, type GroupResult, type SourceText } from '../engine/group-analysis.js';
import { cacheFileName, cacheIdentity, fileDigests, groupKey, ScanCache } from '../cache/cache.js';
import { updateRecord } from '../cache/incremental.js';
import { resultOf } from '../cache/records.js';
import { compareText } from '../shared/compare-text.js';
import { importSpecifiersIn, partitionByImports } from './partition.js';
import { groupsOfShard, type Shard } from './shard.js';
import { readSourceText } from './source-text.js';
import { buildReport, TEST_CODE, type Report, type ScanScope } from '../report/report.js';
import type { Rule } from '../engine/rule.js';
import { applySuppressions, sortProblems } from '../engine/suppressions.js';
import { toolInfo } from '../shared/version.js';
import { UsageError } from '../shared/errors.js';

export interface ScanOptions {
  paths: readonly string[];
  cwd: string;
  /** Entry files or globs (relative to `cwd`); when given, only code reachable from them is the tier. */
  entries?: readonly string[];
  /** Where `entries` came from, for the error about one that matches no file (default `--entry`). */
  entriesFrom?: string;
  tsconfig?: string;
  include: readonly string[];
  exclude: readonly string[];
  includeTests: boolean;
  maxFileSize: number;
  rules: readonly Rule[];
  /** Rule id -> severity or `off`; rules not named run at their default severity. */
  ruleSettings: Readonly<Record<string, RuleSetting>>;
  sources: readonly StateSource[];
  stores: readonly SharedStore[];
  /** Copy a few lines of source around each finding into `Finding.excerpt`. */
  excerpts?: boolean;
  /** Report `hidden-state-ignore-…` comments that cover no finding. */
  reportUnusedIgnores?: boolean;
  /** Keep each group's results in this folder and reuse them while the group's files are unchanged. */
  cacheLocation?: string;
  /**
   * With a cache: the share of a group past which a change is analysed with the whole group
   * rather than the files it reaches (default 0.6; tests set 1 to exercise partial analysis).
   */
  partialAnalysisLimit?: number;
  /** Analyse only this part of the groups (`--shard 2/4`). */
  shard?: Shard;
  /** Told as the scan moves on: after files are read, and as they are analysed. */
  onProgress?: (progress: ScanProgress) => void;
  /** Texts that replace files' contents on disk, by absolute path: an editor's unsaved buffers. */
  texts?: ReadonlyMap<string, string>;
}

/** How far a scan has got. */
export interface ScanProgress {
  /** Files to scan. */
  total: number;
  /** Files read and parsed, found unreadable, or taken from the cache. */
  read: number;
  /** Files analysed, or taken from the cache. */
  analysed: number;
}

export interface ScanResult {
  report: Report;
  /** The tsconfig files whose file lists were used. */
  tsconfigs: string[];
  /** The files analysed, relative to `cwd`, sorted. */
  files: string[];
  /**
   * With a cache: how many groups of files came from it whole, how many were analysed (whole, or
   * the files a change reaches), and how many files that analysis parsed.
   */
  cache?: { reused: number; analysed: number; files: number; problem?: string };
}

/** The whole pipeline without I/O to the console: discover, read, group, analyse, report. */
export function scan(given: ScanOptions): ScanResult {
  const options = { ...given, paths: outermostPaths(given.paths, given.cwd) };
  const discovery = discoverFiles(options);
  const roots = options.paths.map((path) => resolve(options.cwd, path));
  const explicitEntries = expandEntries(options.entries ?? [], discovery.files, options.cwd, options.entriesFrom ?? '--entry');
  const { tiers, packages } = planTiers(roots, discovery.files, explicitEntries);
  // One resolver for the module graph and the cross-file facts: relative paths, tsconfig
  // aliases (`@server/utils/x`) and workspace packages.
  const resolveImport = createImportResolver(new Set(discovery.files), packages);
  const progress = { total: discovery.files.length, read: 0, analysed: 0 };
  const tell = (step: 'read' | 'analysed', files = 1): void => {
    progress[step] += files;
    options.onProgress?.({ ...progress });
  };
  const { texts, readErrors } = readSources(discovery.files, options);
  const partition = partitionByImports(
    discovery.files.map((path) => ({ path, specifiers: importSpecifiersIn(texts.get(path)?.text ?? '') })),
    resolveImport,
  );
  const groups = options.shard ? groupsOfShard(partition.groups, packages.map((pkg) => pkg.dir), options.shard) : partition.groups;
  const setup = {
    rules: enabledRules(options.rules, options.ruleSettings),
    catalogue: createCatalogue(options.sources, options.stores),
    resolveImport,
    ruleIds: options.rules.map((rule) => rule.id),
  };
  const cache = options.cacheLocation === undefined ? undefined : ScanCache.open(options.cacheLocation, cacheFileName(options.shard), cacheIdentityOf(options, roots, setup.rules));
  const results: GroupResult[] = [];
  const errors: FileError[] = [...discovery.errors];
  let reused = 0;
  let filesAnalysed = 0;
  const groupProgress = { parsed: () => tell('read'), walked: () => tell('analysed') };
  for (const group of groups) {
    const sources = group.flatMap((path) => texts.get(path) ?? []);
    const unreadable = group.flatMap((path) => readErrors.get(path) ?? []);
    errors.push(...unreadable);
    tell('read', unreadable.length);
    if (!cache) {
      const result = analyseGroup(sources, setup, groupProgress);
      // Files that did not parse, and unreadable ones, count as analysed: nothing more is done with them.
      tell('analysed', group.length - result.files.length);
      results.push(result);
      continue;
    }
    const key = groupKey(sources);
    const digests = fileDigests(sources, (path) => partition.targets.get(path) ?? []);
    const { record, analysed, whole } = updateRecord(sources, digests, cache.get(key), setup, groupProgress, options.partialAnalysisLimit);
    cache.set(key, record);
    const result = resultOf(record);
    if (analysed === 0) reused += 1;
    filesAnalysed += analysed;
    // A group analysed whole told its progress file by file; one taken from the records tells it now.
    if (!whole) tell('read', sources.length);
    tell('analysed', whole ? group.length - result.files.length : group.length);
    results.push(result);
  }
  const cacheProblem = cache?.save();
  return {
    report: assembleReport(results, errors, tiers, texts, resolveImport, options, { testFiles: discovery.testFiles, discovered: discovery.files.length }),
    tsconfigs: discovery.tsconfigs,
    files: results.flatMap((result) => result.files).sort(compareText),
    ...(cache ? { cache: { reused, analysed: groups.length - reused, files: filesAnalysed, ...(cacheProblem ? { problem: cacheProblem } : {}) } } : {}),
  };
}

/** Every file's text, by absolute path, or why it cannot be read (too large, binary, unreadable). */
function readSources(files: readonly string[], options: ScanOptions): { texts: Map<string, SourceText>; readErrors: Map<string, FileError> } {
  const texts = new Map<string, SourceText>();
  const readErrors = new Map<string, FileError>();
  for (const path of files) {
    const file = relativePosix(options.cwd, path);
    const text = options.texts?.get(path) ?? readSourceText(path, options.maxFileSize);
    if (typeof text === 'string') texts.set(path, { path, file, text });
    else readErrors.set(path, { file, message: text.error });
  }
  return { texts, readErrors };
}

/** Puts the groups' results together: suppressions, tiers, excerpts, counts and verdicts. */
function assembleReport(
  results: readonly GroupResult[],
  errors: readonly FileError[],
  tiers: readonly Tier[],
  texts: ReadonlyMap<string, SourceText>,
  resolveImport: ImportResolver,
  options: ScanOptions,
  counts: { testFiles: number; discovered: number },
): Report {
  const analysed = results.flatMap((result) => result.findings).sort(compareFindings);
  const findings = options.excerpts ? withExcerpts(analysed, texts) : analysed;
  const { members, leftOut } = assignTiers(results.flatMap((result) => result.modules), tiers, resolveImport);
  const outcome = applySuppressions(findings, results.flatMap((result) => result.directives));
  const problems = sortProblems([...results.flatMap((result) => result.problems), ...(options.reportUnusedIgnores ? outcome.unused : [])]);
  const tierFindings = outcome.findings.flatMap((finding) => {
    const memberships = members.get(finding.file) ?? [];
    // A file shared by several tiers (a workspace library) holds its state in each of them.
    return memberships.map(({ tier, reached }) => {
      const placed = { ...finding, tier, fingerprint: memberships.length > 1 ? `${finding.fingerprint}@${tier}` : finding.fingerprint };
      return reached ? placed : asNotReached(placed);
    });
  });
  // A workspace root's own tier (code outside its packages) is listed when some file is in it.
  const listed = tiers.filter((tier) => !tier.excludes || [...members.values()].some((list) => list.some((membership) => membership.tier === tier.name)));
  const tierSummaries = listed.map((tier) => ({
    name: tier.name,
    root: toPosix(relative(options.cwd, tier.root)) || '.',
    entries: describeEntries(tier, options.cwd),
    entrySources: tier.entrySources,
    files: [...members.values()].filter((list) => list.some((membership) => membership.tier === tier.name)).length,
  }));
  const fileCount = results.reduce((sum, result) => sum + result.files.length, 0);
  const allErrors = [...errors, ...results.flatMap((result) => result.errors)];
  // A shard dealt no group of a scan that has files is not incomplete: the merge has them all.
  const emptyIsIncomplete = !options.shard || counts.discovered === 0;
  const report = buildReport(tierFindings, allErrors, fileCount, toolInfo(), tierSummaries, { emptyIsIncomplete });
  return {
    ...report,
    scope: scopeOf(fileCount, members, leftOut, counts.testFiles),
    ...(problems.length > 0 ? { suppressionProblems: problems } : {}),
    ...(options.shard ? { shard: { index: options.shard.index, count: options.shard.count } } : {}),
  };
}

/** The evidence line of a finding in a file that no entry imports. */
export const NOT_REACHED_EVIDENCE = 'not imported from any entry: loaded dynamically, or dead code';

/** A finding in a file no entry reaches: said in its evidence, and one confidence step lower. */
function asNotReached(finding: Finding): Finding {
  const confidence = finding.confidence === 'high' ? 'medium' : 'low';
  return { ...finding, confidence, evidence: [...finding.evidence, { file: finding.file, line: finding.line, message: NOT_REACHED_EVIDENCE }] };
}

/** What the scan read: files analysed, those no entry reaches, and those left out by reason. */
function scopeOf(analysed: number, members: ReadonlyMap<string, readonly TierMembership[]>, leftOut: ReadonlyMap<string, LeftOutReason>, testFiles: number): ScanScope {
  const notReached = [...members.values()].filter((list) => list.every((membership) => !membership.reached)).length;
  const reasons = new Map<string, number>();
  for (const reason of leftOut.values()) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  if (testFiles > 0) reasons.set(TEST_CODE, testFiles);
  const byReason = [...reasons].sort(([a], [b]) => compareText(a, b)).map(([reason, files]) => ({ reason, files }));
  return { analysed, notReached, leftOut: byReason };
}

/** Everything besides the files that decides what the analysis finds: a cache made with other settings is not used. */
function cacheIdentityOf(options: ScanOptions, roots: readonly string[], rules: readonly EnabledRule[]): string {
  return cacheIdentity({
    tool: toolInfo(),
    cwd: options.cwd,
    roots,
    rules: rules.map(({ rule, severity }) => [rule.id, severity]),
    ruleIds: options.rules.map((rule) => rule.id),
    sources: options.sources,
    stores: options.stores,
  });
}

/**
 * Entry paths and globs, relative to `cwd`, as absolute paths of scanned files. One that matches
 * nothing is a usage error: ignored, it would widen the tier to every file without a word.
 */
function expandEntries(entries: readonly string[], files: readonly string[], cwd: string, from: string): string[] {
  if (entries.length === 0) return [];
  const relativeFiles = files.map((file) => relativePosix(cwd, file));
  const matched = new Set<number>();
  for (const entry of entries) {
    const matches = picomatch(entry.replace(/^\.\//, ''));
    let any = false;
    relativeFiles.forEach((file, index) => {
      if (!matches(file)) return;
      matched.add(index);
      any = true;
    });
    if (!any) throw new UsageError(`${from} '${entry}' matches no scanned file`);
  }
  return files.filter((_, index) => matched.has(index));
}

function withExcerpts(findings: Finding[], texts: ReadonlyMap<string, SourceText>): Finding[] {
  const byFile = new Map([...texts.values()].map((source) => [source.file, source.text]));
  return attachExcerpts(findings, (file) => byFile.get(file));
}

function enabledRules(rules: readonly Rule[], settings: Readonly<Record<string, RuleSetting>>): EnabledRule[] {
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id] ?? rule.severity;
    if (setting !== 'off') enabled.push({ rule, severity: setting });
  }
  return enabled;
}

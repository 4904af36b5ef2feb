import { createCatalogue, type SharedStore, type StateSource } from './catalogue-types.js';
import type { RuleSetting } from './config.js';
import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { discoverFiles, toPosix } from './discover.js';
import { createImportResolver } from './import-resolver.js';
import { assignTiers, describeEntries, planTiers } from './tiers.js';
import { analyse, type EnabledRule } from './engine.js';
import { attachExcerpts } from './excerpts.js';
import type { Finding } from './finding.js';
import type { SourceUnit } from './engine.js';
import { loadSources } from './project.js';
import { buildReport, type Report } from './report.js';
import type { Rule } from './rule.js';
import { commentsContaining } from './source-comments.js';
import { applySuppressions, parseDirectives, sortProblems, SUPPRESSION_MARKER } from './suppressions.js';
import { toolInfo } from './version.js';

export interface ScanOptions {
  paths: readonly string[];
  cwd: string;
  /** Entry files or globs (relative to `cwd`); when given, only code reachable from them is the tier. */
  entries?: readonly string[];
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
  /** Told as the scan moves on: after files are read, and as they are analysed. */
  onProgress?: (progress: ScanProgress) => void;
}

/** How far a scan has got. */
export interface ScanProgress {
  /** Files to scan. */
  total: number;
  /** Files read and parsed (or found unreadable). */
  read: number;
  /** Files analysed (taken from the cache counts as analysed). */
  analysed: number;
}

export interface ScanResult {
  report: Report;
  /** The tsconfig files whose file lists were used. */
  tsconfigs: string[];
  /** The files analysed, relative to `cwd`, sorted. */
  files: string[];
}

/** The whole pipeline without I/O to the console: discover, parse, analyse, report. */
export function scan(options: ScanOptions): ScanResult {
  const discovery = discoverFiles(options);
  const total = discovery.files.length;
  const { units, errors: loadErrors } = loadSources(discovery.files, { cwd: options.cwd, maxFileSize: options.maxFileSize });
  options.onProgress?.({ total, read: total, analysed: 0 });
  const enabled = enabledRules(options.rules, options.ruleSettings);
  const catalogue = createCatalogue(options.sources, options.stores);
  const roots = options.paths.map((path) => resolve(options.cwd, path));
  const explicitEntries = expandEntries(options.entries ?? [], discovery.files, options.cwd);
  const { tiers, packages } = planTiers(roots, discovery.files, explicitEntries);
  // One resolver for the module graph and the cross-file facts: relative paths, tsconfig
  // aliases (`@server/utils/x`) and workspace packages.
  const resolveImport = createImportResolver(new Set(discovery.files), packages);
  const analysis = analyse(units, enabled, catalogue, resolveImport);
  options.onProgress?.({ total, read: total, analysed: total });
  const errors = [...discovery.errors, ...loadErrors, ...analysis.errors];
  const findings = options.excerpts ? withExcerpts(analysis.findings, units) : analysis.findings;
  const membership = assignTiers(analysis.modules, tiers, resolveImport);
  const ruleIds = options.rules.map((rule) => rule.id);
  const parsed = units.map((unit) => parseDirectives(unit.file, commentsContaining(unit.sourceFile, SUPPRESSION_MARKER), ruleIds));
  const outcome = applySuppressions(findings, parsed.flatMap((file) => file.directives));
  const problems = sortProblems([...parsed.flatMap((file) => file.problems), ...(options.reportUnusedIgnores ? outcome.unused : [])]);
  const tierFindings = outcome.findings.flatMap((finding) => {
    const names = membership.get(finding.file) ?? [];
    // A file shared by several tiers (a workspace library) holds its state in each of them.
    return names.map((tier) => ({ ...finding, tier, fingerprint: names.length > 1 ? `${finding.fingerprint}@${tier}` : finding.fingerprint }));
  });
  const tierSummaries = tiers.map((tier) => ({
    name: tier.name,
    root: toPosix(relative(options.cwd, tier.root)) || '.',
    entries: describeEntries(tier, options.cwd),
    entrySources: tier.entrySources,
    files: [...membership.values()].filter((names) => names.includes(tier.name)).length,
  }));
  const report = buildReport(tierFindings, errors, units.length, toolInfo(), tierSummaries);
  return {
    report: problems.length > 0 ? { ...report, suppressionProblems: problems } : report,
    tsconfigs: discovery.tsconfigs,
    files: units.map((unit) => unit.file).sort(),
  };
}

/** Entry paths and globs, relative to `cwd`, as absolute paths of scanned files. */
function expandEntries(entries: readonly string[], files: readonly string[], cwd: string): string[] {
  if (entries.length === 0) return [];
  const matches = picomatch(entries.map((entry) => entry.replace(/^\.\//, '')));
  return files.filter((file) => matches(toPosix(relative(cwd, file))));
}

function withExcerpts(findings: Finding[], units: readonly SourceUnit[]): Finding[] {
  const texts = new Map(units.map((unit) => [unit.file, unit.sourceFile.text]));
  return attachExcerpts(findings, (file) => texts.get(file));
}

function enabledRules(rules: readonly Rule[], settings: Readonly<Record<string, RuleSetting>>): EnabledRule[] {
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id] ?? rule.severity;
    if (setting !== 'off') enabled.push({ rule, severity: setting });
  }
  return enabled;
}

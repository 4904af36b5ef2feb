import { createCatalogue, type SharedStore, type StateSource } from './catalogue-types.js';
import type { RuleSetting } from './config.js';
import { discoverFiles } from './discover.js';
import { analyse, type EnabledRule } from './engine.js';
import { loadSources } from './project.js';
import { buildReport, type Report } from './report.js';
import type { Rule } from './rule.js';
import { commentsContaining } from './source-comments.js';
import { applySuppressions, parseDirectives, sortProblems, SUPPRESSION_MARKER } from './suppressions.js';
import { toolInfo } from './version.js';

export interface ScanOptions {
  paths: readonly string[];
  cwd: string;
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
  /** Report `hidden-state-ignore-…` comments that cover no finding. */
  reportUnusedIgnores?: boolean;
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
  const { units, errors: loadErrors } = loadSources(discovery.files, { cwd: options.cwd, maxFileSize: options.maxFileSize });
  const enabled = enabledRules(options.rules, options.ruleSettings);
  const catalogue = createCatalogue(options.sources, options.stores);
  const { findings, errors: ruleErrors } = analyse(units, enabled, catalogue);
  const errors = [...discovery.errors, ...loadErrors, ...ruleErrors];
  const ruleIds = options.rules.map((rule) => rule.id);
  const parsed = units.map((unit) => parseDirectives(unit.file, commentsContaining(unit.sourceFile, SUPPRESSION_MARKER), ruleIds));
  const outcome = applySuppressions(findings, parsed.flatMap((file) => file.directives));
  const problems = sortProblems([...parsed.flatMap((file) => file.problems), ...(options.reportUnusedIgnores ? outcome.unused : [])]);
  const report = buildReport(outcome.findings, errors, units.length, toolInfo());
  return {
    report: problems.length > 0 ? { ...report, suppressionProblems: problems } : report,
    tsconfigs: discovery.tsconfigs,
    files: units.map((unit) => unit.file).sort(),
  };
}

function enabledRules(rules: readonly Rule[], settings: Readonly<Record<string, RuleSetting>>): EnabledRule[] {
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id] ?? rule.severity;
    if (setting !== 'off') enabled.push({ rule, severity: setting });
  }
  return enabled;
}

import { createCatalogue, type SharedStore, type StateSource } from './catalogue-types.js';
import type { RuleSetting } from './config.js';
import { discoverFiles } from './discover.js';
import { analyse, type EnabledRule, type SourceUnit } from './engine.js';
import { attachExcerpts } from './excerpts.js';
import type { Finding } from './finding.js';
import { loadSources } from './project.js';
import { buildReport, type Report } from './report.js';
import type { Rule } from './rule.js';
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
  /** Copy a few lines of source around each finding into `Finding.excerpt`. */
  excerpts?: boolean;
}

export interface ScanResult {
  report: Report;
  /** The tsconfig files whose file lists were used. */
  tsconfigs: string[];
}

/** The whole pipeline without I/O to the console: discover, parse, analyse, report. */
export function scan(options: ScanOptions): ScanResult {
  const discovery = discoverFiles(options);
  const { units, errors: loadErrors } = loadSources(discovery.files, { cwd: options.cwd, maxFileSize: options.maxFileSize });
  const enabled = enabledRules(options.rules, options.ruleSettings);
  const catalogue = createCatalogue(options.sources, options.stores);
  const analysis = analyse(units, enabled, catalogue);
  const errors = [...discovery.errors, ...loadErrors, ...analysis.errors];
  const findings = options.excerpts ? withExcerpts(analysis.findings, units) : analysis.findings;
  return { report: buildReport(findings, errors, units.length, toolInfo()), tsconfigs: discovery.tsconfigs };
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

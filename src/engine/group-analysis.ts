import type { Catalogue } from '../catalogue/types.js';
import { analyse, type AnalysisOptions, type ImportResolver, type ModuleSummary } from './engine.js';
import type { FileReads } from './file-reads.js';
import type { EnabledRule } from './rule.js';
import type { SourceUnit } from './source-unit.js';
import type { FileError, Finding, SuppressionProblem } from '../report/finding.js';
import { parseFile } from './parse.js';
import { commentsContaining } from './source-comments.js';
import { parseDirectives, SUPPRESSION_MARKER, type SuppressionDirective } from './suppressions.js';

/** A file's text, read and ready to parse. */
export interface SourceText {
  /** Absolute path. */
  path: string;
  /** Relative to the working directory, `/` separators. */
  file: string;
  text: string;
}

/**
 * What analysing one group of files gives: plain data without syntax trees, so the cache can
 * store it and the trees can be dropped as soon as the group is done.
 */
export interface GroupResult {
  /** The files of the group that parsed, relative, sorted. */
  files: string[];
  /** Sorted, fingerprinted, before suppressions and tiers. */
  findings: Finding[];
  /** Syntax errors and rule crashes. */
  errors: FileError[];
  modules: ModuleSummary[];
  /** The valid `hidden-state-ignore-…` comments of the group's files. */
  directives: SuppressionDirective[];
  /** The malformed ones. */
  problems: SuppressionProblem[];
  /** When asked for: what each parsed file's findings read (see reads.ts). */
  reads?: FileReads[];
}

export interface GroupAnalysisSetup {
  rules: readonly EnabledRule[];
  catalogue: Catalogue;
  resolveImport: ImportResolver;
  /** Every rule id, enabled or not, for reading suppression comments. */
  ruleIds: readonly string[];
}

/** What a group's analysis tells as it goes: a file parsed, a file walked. */
export interface GroupProgress {
  parsed(): void;
  walked(): void;
}

/** Parses one group's files (or some of them, see incremental.ts) and runs every enabled rule over them. */
export function analyseGroup(
  sources: readonly SourceText[],
  setup: GroupAnalysisSetup,
  progress?: GroupProgress,
  recording?: Pick<AnalysisOptions, 'recordReads' | 'storedExports' | 'readElsewhere'>,
): GroupResult {
  const units: SourceUnit[] = [];
  const parseErrors: FileError[] = [];
  for (const source of sources) {
    const parsed = parseFile(source.path, source.file, source.text);
    if ('sourceFile' in parsed) units.push(parsed);
    else parseErrors.push(parsed);
    progress?.parsed();
  }
  const analysis = analyse(units, setup.rules, setup.catalogue, setup.resolveImport, { onFileWalked: progress?.walked, ...recording });
  const directives: SuppressionDirective[] = [];
  const problems: SuppressionProblem[] = [];
  for (const unit of units) {
    const parsed = parseDirectives(unit.file, commentsContaining(unit.sourceFile, SUPPRESSION_MARKER), setup.ruleIds);
    directives.push(...parsed.directives);
    problems.push(...parsed.problems);
  }
  return {
    files: units.map((unit) => unit.file).sort(),
    findings: analysis.findings,
    errors: [...parseErrors, ...analysis.errors],
    modules: analysis.modules,
    directives,
    problems,
    ...(analysis.reads ? { reads: analysis.reads } : {}),
  };
}

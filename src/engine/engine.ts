import type { ts } from '../shared/typescript.cjs';
import { linkImportedUses, ModuleLinker } from '../facts/cross-file.js';
import type { StoredExports } from '../facts/exports.js';
import { ReadRecorder, Reads } from '../facts/reads.js';
import { FactoryIndex } from '../facts/factories.js';
import { findModuleScopeInstances } from '../facts/instances.js';
import { LoadTimeFunctions } from '../facts/load-time.js';
import { resolveRelativeImport } from '../facts/module-resolution.js';
import { ModuleFacts } from '../facts/module-facts.js';
import type { Catalogue } from '../catalogue/types.js';
import type { FileError, Finding } from '../report/finding.js';
import { readsOfFiles, type FileReads } from './file-reads.js';
import type { EnabledRule, ProgramFacts } from './rule.js';
import type { ScanRun } from './rule-context.js';
import { guard } from './rule-crash.js';
import { settle } from './settle.js';
import type { SourceUnit } from './source-unit.js';
import { walkSafely } from './walk.js';

/** What the module graph needs from a file: its imports as written, and its directives. */
export interface ModuleSummary {
  /** Relative to the working directory, `/` separators. */
  file: string;
  /** Absolute path, for resolving relative imports. */
  path: string;
  /** Every module specifier it imports, sorted. */
  specifiers: string[];
  /** `use client`, `use server`. */
  directives: string[];
  /** Folders whose modules it loads without naming them (`@fastify/autoload`, a `readdir` then `require`), relative specifiers; absent when none. */
  loads?: string[];
}

export interface AnalysisResult {
  findings: Finding[];
  modules: ModuleSummary[];
  /** Rule crashes, reported with the rule id and the place; the scan goes on. */
  errors: FileError[];
  /** With `recordReads`: per file, in the order of the units, what its findings depend on. */
  reads?: FileReads[];
}

/** Resolves an import written in one file to another file of the scan (absolute paths). */
export type ImportResolver = (fromPath: string, specifier: string) => string | undefined;

export interface AnalysisOptions {
  /** Told after each file is walked: for a progress line. */
  onFileWalked?: () => void;
  /** Record what each file's findings read, for the cache to know what a change reaches. */
  recordReads?: boolean;
  /** Export tables of the group's files not given (a scan of part of a group). */
  storedExports?: (path: string) => StoredExports | undefined;
  /** Keys that files not given read (a scan of part of a group): contributions to them get a digest too. */
  readElsewhere?: (key: string) => boolean;
}

/**
 * Walks every file once, dispatching each node to the shared fact collectors and to every
 * enabled rule's visitors, then runs the rules' `Program:exit` hooks and returns sorted findings.
 */
export function analyse(
  units: readonly SourceUnit[],
  rules: readonly EnabledRule[],
  catalogue: Catalogue,
  resolveImport: ImportResolver = relativeImportsOnly(units),
  { onFileWalked, recordReads = false, storedExports, readElsewhere }: AnalysisOptions = {},
): AnalysisResult {
  const recorder = new ReadRecorder(recordReads);
  // Facts from top-level statements (imports, bindings) exist for every file before any walk,
  // so a rule can follow a call into a helper declared in a file not walked yet.
  const allFacts = units.map((unit) => new ModuleFacts(unit.sourceFile, recorder));
  const linker = new ModuleLinker(allFacts, resolveImport, recorder, storedExports);
  const program: ProgramFacts = {
    factories: new FactoryIndex(linker),
    instances: findModuleScopeInstances(linker),
    loadTime: new LoadTimeFunctions(linker),
  };
  const run: ScanRun = {
    program,
    rules,
    catalogue,
    candidates: [],
    errors: [],
    fileNames: new Map<ts.SourceFile, string>(units.map((unit) => [unit.sourceFile, unit.file])),
  };
  const fileReads = units.map(() => (recordReads ? new Reads() : undefined));
  const walked = units.map((unit, index) => {
    const fileRun = recorder.within(fileReads[index], () => walkSafely(unit, allFacts[index]!, run));
    onFileWalked?.();
    return fileRun;
  });
  linkImportedUses(linker);
  program.loadTime.markUses();
  walked.forEach((fileRun, index) => {
    recorder.within(fileReads[index], () => {
      for (const { ruleId, exit } of fileRun.exits) guard(ruleId, fileRun.unit, run.errors, exit);
    });
  });
  const modules = walked.map(({ unit, facts }) => ({
    file: unit.file,
    path: unit.sourceFile.fileName,
    specifiers: facts.dependencies(),
    directives: [...facts.directives].sort(),
    ...loadsOf(facts.loadedFolders()),
  }));
  return {
    findings: settle(run.candidates),
    errors: run.errors,
    modules,
    ...(recordReads ? { reads: readsOfFiles(units, allFacts, fileReads as Reads[], linker, readElsewhere) } : {}),
  };
}

/** Without a resolver from the caller (tests, snippets): relative imports between the given files. */
function relativeImportsOnly(units: readonly SourceUnit[]): ImportResolver {
  const known = new Set(units.map((unit) => unit.sourceFile.fileName));
  return (fromPath, specifier) => resolveRelativeImport(fromPath, specifier, (path) => known.has(path));
}

/** The summary's `loads`, left out when a file loads no folder (most files): records stay small. */
function loadsOf(folders: string[]): { loads?: string[] } {
  return folders.length > 0 ? { loads: folders } : {};
}

import { ts } from '../shared/typescript.cjs';
import { linkImportedUses, ModuleLinker } from '../facts/cross-file.js';
import type { StoredExports } from '../facts/exports.js';
import { flattenReads, ReadRecorder, Reads, type FlatReads } from '../facts/reads.js';
import { FactoryIndex } from '../facts/factories.js';
import { findModuleScopeInstances } from '../facts/instances.js';
import { LoadTimeFunctions } from '../facts/load-time.js';
import { loadTimeContributionsOf } from '../facts/load-time-sites.js';
import { resolveRelativeImport } from '../facts/module-resolution.js';
import { collectStateHolders, type StateHolder } from '../facts/holders.js';
import { ModuleFacts, USE_NODE_KINDS } from '../facts/module-facts.js';
import type { Catalogue } from '../catalogue/types.js';
import type { Evidence, FileError, Finding, Severity } from '../report/finding.js';
import { enclosingScope, fingerprintOf } from './fingerprint.js';
import type { ProgramFacts, ReportDescriptor, Rule, RuleContext, RuleVisitors } from './rule.js';
import { compareText } from '../shared/compare-text.js';
import { onePerPlace } from './one-line-per-place.js';

/** A parsed file of the scan. */
export interface SourceUnit {
  /** Relative to the working directory, `/` separators. */
  file: string;
  sourceFile: ts.SourceFile;
}

export interface EnabledRule {
  rule: Rule;
  severity: Severity;
}

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

/** What one file's findings read, and what it adds to the facts of other files (see reads.ts). */
export interface FileReads {
  /** Relative to the working directory, `/` separators. */
  file: string;
  /** Absolute paths of the files read, its own included. */
  paths: string[];
  /** Absolute paths of the files whose export tables were read. */
  exports: string[];
  /** The names looked up in those tables. */
  exportNames: string[];
  keys: string[];
  /** Its own export table. */
  exportTable: StoredExports;
  /**
   * The keys it adds to, with the absolute paths each read; and, where what it adds can be
   * compared, a digest of it (a change that keeps the digest reaches no reader of the key).
   */
  contributions: { key: string; paths: string[]; exports: string[]; exportNames: string[]; digest?: string }[];
}

/** What an Instance-local N line says unless the rule says more. */
const SHARED_IMPACT = 'None while the shared store is up: every instance reads and writes the same state.';

type NodeHandler = (node: ts.Node) => void;

interface RuleVisitor {
  ruleId: string;
  visit: NodeHandler;
}

interface FileRun {
  unit: SourceUnit;
  facts: ModuleFacts;
  exits: { ruleId: string; exit: () => void }[];
}

interface Candidate {
  finding: Omit<Finding, 'fingerprint'>;
  declarationText: string;
  /** The named functions and classes around the node: part of the fingerprint. */
  scope: string;
  precedence: number;
  /** Findings of several rules about the same node are one line: the most specific rule keeps it. */
  holderKey: string;
  /** The functions that write the state (see `ReportDescriptor.writers`). */
  writers?: ReadonlySet<ts.Node>;
}

/**
 * Walks every file once, dispatching each node to the shared fact collectors and to every
 * enabled rule's visitors, then runs the rules' `Program:exit` hooks and returns sorted findings.
 */
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

export function analyse(
  units: readonly SourceUnit[],
  rules: readonly EnabledRule[],
  catalogue: Catalogue,
  resolveImport: ImportResolver = relativeImportsOnly(units),
  { onFileWalked, recordReads = false, storedExports, readElsewhere }: AnalysisOptions = {},
): AnalysisResult {
  const candidates: Candidate[] = [];
  const errors: FileError[] = [];
  const fileNames = new Map(units.map((unit) => [unit.sourceFile, unit.file]));
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
  const fileReads = units.map(() => (recordReads ? new Reads() : undefined));
  const runs = units.map((unit, index) => {
    const run = recorder.within(fileReads[index], () => walkSafely(unit, allFacts[index]!, program, rules, catalogue, candidates, errors, fileNames));
    onFileWalked?.();
    return run;
  });
  linkImportedUses(linker);
  program.loadTime.markUses();
  runs.forEach((run, index) => {
    recorder.within(fileReads[index], () => {
      for (const { ruleId, exit } of run.exits) guard(ruleId, run.unit, errors, exit);
    });
  });
  const modules = runs.map(({ unit, facts }) => ({
    file: unit.file,
    path: unit.sourceFile.fileName,
    specifiers: facts.dependencies(),
    directives: [...facts.directives].sort(),
    ...loadsOf(facts.loadedFolders()),
  }));
  return {
    findings: settle(candidates),
    errors,
    modules,
    ...(recordReads ? { reads: readsOfFiles(units, allFacts, fileReads as Reads[], linker, readElsewhere) } : {}),
  };
}

/**
 * Each file's reads, flattened, with what it contributes to the facts of others. A load-time
 * contribution gets its digest only when some file reads its key: most call names are never
 * looked up (about 1 in 70 on medusa), and one without a digest reaches its readers whenever its
 * file changes, which costs nothing while it has none.
 */
function readsOfFiles(units: readonly SourceUnit[], allFacts: readonly ModuleFacts[], reads: readonly Reads[], linker: ModuleLinker, readElsewhere?: (key: string) => boolean): FileReads[] {
  const flat = reads.map(flattenReads);
  const keysRead = new Set(flat.flatMap((read) => [...read.keys]));
  const isRead = (key: string): boolean => keysRead.has(key) || (readElsewhere?.(key) ?? false);
  return units.map((unit, index) => readsOfFile(unit, allFacts[index]!, flat[index]!, linker, isRead));
}

function readsOfFile(unit: SourceUnit, facts: ModuleFacts, read: FlatReads, linker: ModuleLinker, isRead: (key: string) => boolean): FileReads {
  const path = unit.sourceFile.fileName;
  read.paths.add(path);
  // The facets of one link share one record: flatten each record once.
  type Flat = Pick<FileReads, 'paths' | 'exports' | 'exportNames'>;
  const flattened = new Map<Reads | undefined, Flat>();
  const flatten = (contributed: Reads | undefined): Flat => {
    let flat = flattened.get(contributed);
    if (!flat) {
      const all = contributed ? flattenReads(contributed) : undefined;
      const paths = new Set(all?.paths).add(path);
      flattened.set(contributed, (flat = { paths: [...paths].sort(), exports: [...(all?.exports ?? [])].sort(), exportNames: [...(all?.exportNames ?? [])].sort() }));
    }
    return flat;
  };
  const contributions: FileReads['contributions'] = (linker.contributions.get(facts) ?? []).map(({ key, reads: contributed, digest }) => ({
    key,
    ...flatten(contributed),
    ...(digest === undefined ? {} : { digest }),
  }));
  for (const { key, digest } of loadTimeContributionsOf(facts, isRead)) contributions.push({ key, paths: [path], exports: [], exportNames: [], ...(digest === undefined ? {} : { digest }) });
  return {
    file: unit.file,
    // Sorted by code unit, as compareText does, by the native sort.
    paths: [...read.paths].sort(),
    exports: [...read.exports].sort(),
    exportNames: [...read.exportNames].sort(),
    keys: [...read.keys].sort(),
    exportTable: linker.exportsToStore(facts),
    contributions,
  };
}

/**
 * walkFile, with a file whose nesting overflows a recursive helper of the analysis listed under
 * errors (the walk itself has its own stack): the other files go on, and the verdict is incomplete.
 */
function walkSafely(...args: Parameters<typeof walkFile>): FileRun {
  try {
    return walkFile(...args);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const [unit, facts, , , , , errors] = args;
    errors.push({ file: unit.file, message: 'analysis stopped: nested too deeply' });
    return { unit, facts, exits: [] };
  }
}

function walkFile(
  unit: SourceUnit,
  facts: ModuleFacts,
  program: ProgramFacts,
  rules: readonly EnabledRule[],
  catalogue: Catalogue,
  candidates: Candidate[],
  errors: FileError[],
  fileNames: ReadonlyMap<ts.SourceFile, string>,
): FileRun {
  let holders: StateHolder[] | undefined;
  const stateHolders = (): StateHolder[] => (holders ??= collectStateHolders(facts, program.instances));
  // Per node kind, the rules' visitors in rule order; the shared fact collector runs first.
  const visitorsByKind: RuleVisitor[][] = [];
  const exits: FileRun['exits'] = [];
  for (const { rule, severity } of rules) {
    const context = createContext(rule, severity, unit, facts, program, catalogue, stateHolders, candidates, fileNames);
    let visitors: RuleVisitors = {};
    guard(rule.id, unit, errors, () => {
      visitors = rule.create(context);
    });
    for (const name in visitors) {
      const visitor = visitors[name as keyof RuleVisitors]!;
      if (name === 'Program:exit') {
        exits.push({ ruleId: rule.id, exit: visitor as () => void });
        continue;
      }
      const kind = syntaxKindOf(rule.id, name);
      (visitorsByKind[kind] ??= []).push({ ruleId: rule.id, visit: visitor as NodeHandler });
    }
  }

  // Depth first, parents before children, with a stack of its own: a recursive walk overflows the
  // call stack on what the parser accepts (a 2,000-term `"a" + "b" + …`, long `a.b.c` chains).
  const pending: ts.Node[] = [unit.sourceFile];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): void => {
    children.push(child);
  };
  while (pending.length > 0) {
    const node = pending.pop()!;
    const kind = node.kind;
    if (RECORDS_USES[kind]) facts.recordUse(node);
    const list = visitorsByKind[kind];
    if (list) {
      for (const visitor of list) {
        // guard() inlined: this loop runs for every node of the scan.
        try {
          visitor.visit(node);
        } catch (error) {
          reportRuleCrash(visitor.ruleId, unit, errors, error, node);
        }
      }
    }
    ts.forEachChild(node, collect);
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
    children.length = 0;
  }
  return { unit, facts, exits };
}

function createContext(
  rule: Rule,
  severity: Severity,
  unit: SourceUnit,
  facts: ModuleFacts,
  program: ProgramFacts,
  catalogue: Catalogue,
  stateHolders: () => StateHolder[],
  candidates: Candidate[],
  fileNames: ReadonlyMap<ts.SourceFile, string>,
): RuleContext {
  const { sourceFile, file } = unit;
  // Evidence may point into another file (a write in the module that imports the holder).
  const placeOf = (node: ts.Node): { file: string; line: number } => {
    const owner = node.getSourceFile();
    return { file: fileNames.get(owner) ?? file, line: owner.getLineAndCharacterOfPosition(node.getStart(owner)).line + 1 };
  };
  return {
    file,
    sourceFile,
    facts,
    program,
    catalogue,
    stateHolders,
    report(descriptor: ReportDescriptor<string>) {
      const template = rule.messages[descriptor.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id}: unknown message id '${descriptor.messageId}'`);
      const { node } = descriptor;
      const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
      const instanceLocal = descriptor.instanceLocal ?? true;
      const evidence: Evidence[] = (descriptor.evidence ?? []).map((item) => ({ ...placeOf(item.node), message: item.message }));
      candidates.push({
        finding: {
          ruleId: rule.id,
          kind: rule.kind,
          severity: instanceLocal ? severity : 'info',
          file,
          line: start.line + 1,
          column: start.character + 1,
          endLine: end.line + 1,
          endColumn: end.character + 1,
          symbol: descriptor.symbol,
          message: interpolate(rule.id, template, descriptor.data ?? {}),
          instanceLocal,
          confidence: descriptor.confidence ?? 'high',
          impact: descriptor.impact ?? (instanceLocal ? rule.impact : SHARED_IMPACT),
          move: descriptor.move ?? rule.move,
          evidence,
          ...(descriptor.properties ? { properties: descriptor.properties } : {}),
        },
        declarationText: node.getText(sourceFile),
        scope: enclosingScope(node, sourceFile),
        precedence: rule.precedence,
        holderKey: `${file}\0${node.getStart(sourceFile)}`,
        ...(descriptor.writers && descriptor.writers.length > 0 ? { writers: new Set(descriptor.writers) } : {}),
      });
    },
  };
}

/** Without a resolver from the caller (tests, snippets): relative imports between the given files. */
function relativeImportsOnly(units: readonly SourceUnit[]): ImportResolver {
  const known = new Set(units.map((unit) => unit.sourceFile.fileName));
  return (fromPath, specifier) => resolveRelativeImport(fromPath, specifier, (path) => known.has(path));
}

function interpolate(ruleId: string, template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    if (!(key in data)) throw new Error(`rule ${ruleId}: message placeholder '${key}' has no data`);
    return String(data[key]);
  });
}

/** Runs rule code; a crash becomes a reported error naming the rule and the place, not a failed scan. */
function guard(ruleId: string, unit: SourceUnit, errors: FileError[], run: () => void, node?: ts.Node): void {
  try {
    run();
  } catch (error) {
    reportRuleCrash(ruleId, unit, errors, error, node);
  }
}

function reportRuleCrash(ruleId: string, unit: SourceUnit, errors: FileError[], error: unknown, node?: ts.Node): void {
  const where = node ? `:${unit.sourceFile.getLineAndCharacterOfPosition(node.getStart(unit.sourceFile)).line + 1}` : '';
  const reason = error instanceof Error ? error.message : String(error);
  errors.push({ file: unit.file, message: `rule ${ruleId} failed at ${unit.file}${where}: ${reason}` });
}

/** The syntax kind a visitor name stands for, looked up once per name. */
function syntaxKindOf(ruleId: string, name: string): ts.SyntaxKind {
  let kind = syntaxKinds.get(name);
  if (kind === undefined) {
    const value: unknown = ts.SyntaxKind[name as keyof typeof ts.SyntaxKind];
    if (typeof value !== 'number') throw new Error(`rule ${ruleId}: unknown visitor '${name}'`);
    syntaxKinds.set(name, (kind = value));
  }
  return kind;
}

const syntaxKinds = new Map<string, ts.SyntaxKind>();
/** Indexed by syntax kind: whether `ModuleFacts.recordUse` wants nodes of that kind. */
const RECORDS_USES: boolean[] = [];
for (const kind of USE_NODE_KINDS) RECORDS_USES[kind] = true;

/** One line per holder (the most specific rule wins), fingerprinted, in a stable order. */
function settle(candidates: Candidate[]): Finding[] {
  const byHolder = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const current = byHolder.get(candidate.holderKey);
    if (!current || candidate.precedence > current.precedence) byHolder.set(candidate.holderKey, candidate);
  }
  const findings = onePerPlace([...byHolder.values()]).map(({ finding, declarationText, scope }) => ({
    ...finding,
    fingerprint: fingerprintOf(finding.ruleId, finding.file, finding.symbol, declarationText, scope),
  }));
  findings.sort(compareFindings);
  disambiguateFingerprints(findings);
  return findings;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.symbol, b.symbol)
  );
}


/** Identical declarations in one file get `:2`, `:3` in source order so every fingerprint is unique. */
function disambiguateFingerprints(findings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    if (count > 1) finding.fingerprint = `${finding.fingerprint}:${count}`;
  }
}

/** The summary's `loads`, left out when a file loads no folder (most files): records stay small. */
function loadsOf(folders: string[]): { loads?: string[] } {
  return folders.length > 0 ? { loads: folders } : {};
}

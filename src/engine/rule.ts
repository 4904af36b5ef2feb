import type { ts } from '../shared/typescript.cjs';
import type { FactoryIndex } from '../facts/factories.js';
import type { StateHolder } from '../facts/holders.js';
import type { ModuleScopeInstances } from '../facts/instances.js';
import type { LoadTimeFunctions } from '../facts/load-time.js';
import type { ModuleFacts } from '../facts/module-facts.js';
import type { Catalogue } from '../catalogue/types.js';
import type { Confidence, Severity } from '../report/finding.js';
import type { Kind } from '../report/kinds.js';

/** What `hidden-state explain` prints besides the metadata; the examples are run by the tests. */
export interface RuleDocs {
  /** Why what the rule flags is state. */
  rationale: string;
  /** When a look-alike is not state, and so is not flagged. */
  notState: string;
  /** A short module the rule flags. */
  flagged: string;
  /** A look-alike module the rule does not flag. */
  notFlagged: string;
}

/**
 * Every `ts.SyntaxKind` name a visitor can be keyed by: the range markers (`FirstStatement`,
 * `LastToken`, `Count`) are left out, as they alias real kinds or none.
 */
export type SyntaxKindName = Exclude<keyof typeof ts.SyntaxKind, `First${string}` | `Last${string}` | 'Count'>;

type GuardOf<Name extends string> = `is${Name}` extends keyof typeof ts ? (typeof ts)[`is${Name}`] : undefined;

/**
 * The node a visitor of a kind receives: what TypeScript's own guard for the kind narrows to
 * (`ts.isThrowStatement` gives `ts.ThrowStatement`), or `ts.Node` for kinds without a guard.
 */
export type NodeOfKind<Name extends SyntaxKindName> = GuardOf<Name> extends (node: ts.Node) => node is (infer Guarded extends ts.Node) ? Guarded : ts.Node;

/**
 * A rule's listeners, keyed by `ts.SyntaxKind` name (any kind): the engine's one walk per file
 * calls each with every node of that kind, parents before children.
 */
export type RuleVisitors = {
  [Name in SyntaxKindName]?: (node: NodeOfKind<Name>) => void;
} & {
  /** Runs after every file of the scan has been walked, so facts that cross files are complete. */
  'Program:exit'?: () => void;
};

/** Evidence as a rule gives it: a node of the current file and what happens there. */
export interface EvidenceInput {
  node: ts.Node;
  message: string;
}

export interface ReportDescriptor<MessageId extends string> {
  /** Where the state is held: the declaration of the holder, or the call that creates it. */
  node: ts.Node;
  messageId: MessageId;
  data?: Record<string, string | number>;
  /** The name that holds the state, or the call. */
  symbol: string;
  /** Default true. False when the state already lives in a shared store. */
  instanceLocal?: boolean;
  /** Default `high`. */
  confidence?: Confidence;
  /** Overrides the rule's impact text. */
  impact?: string;
  /** Overrides the rule's proposed move. */
  move?: string;
  evidence?: EvidenceInput[];
  /** Facts read from the code that reporters may use (a limiter's `limit`, `windowMs`). */
  properties?: Record<string, string | number | boolean>;
  /**
   * The functions whose runs change this state. Findings of one file that two or more common
   * functions write are one place (the maps of one registry, kept together by its add and
   * remove): one line names them all.
   */
  writers?: readonly ts.Node[];
}

/** Facts that span the files of the scan. */
export interface ProgramFacts {
  /** The service's own helpers that return what a library call creates. */
  factories: FactoryIndex;
  /** Classes and factory functions of the scan, with the module-scope values made from them. */
  instances: ModuleScopeInstances;
  /** Functions that only run while modules load; complete in `Program:exit`. */
  loadTime: LoadTimeFunctions;
}

export interface RuleContext<MessageId extends string = string> {
  /** The file, relative to the working directory with `/` separators. */
  readonly file: string;
  readonly sourceFile: ts.SourceFile;
  /** Imports, top-level bindings and holder uses of this file, shared by every rule. */
  readonly facts: ModuleFacts;
  readonly program: ProgramFacts;
  /** What the known libraries create and how they are externalized. */
  readonly catalogue: Catalogue;
  /** The process-lifetime holders of this file (module variables, static and singleton fields). */
  stateHolders(): readonly StateHolder[];
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface RuleDefinition<MessageId extends string> {
  /** Kebab-case noun phrase naming the state found; equals the file name. */
  id: string;
  kind: Kind;
  /** Noun phrase, shown by `hidden-state rules`. */
  title: string;
  /** "Flags …". */
  description: string;
  severity: Severity;
  /** Consequence first: "A user whose next request lands on another instance …". */
  impact: string;
  /** Imperative: "Store sessions in …". */
  move: string;
  /**
   * When two rules report the same holder, the higher precedence keeps it: the more specific
   * rule (idempotency-set's check-then-record, 50) over the more general (module-cache's written
   * collection, 10; mutable-global, 5, explains only what nothing else does). Every rule has its
   * own number; README.md lists them in order (`npm run docs`).
   */
  precedence: number;
  messages: Record<MessageId, string>;
  docs: RuleDocs;
  create(context: RuleContext<MessageId>): RuleVisitors;
}

export type Rule = RuleDefinition<string>;

/** Identity at run time; gives each rule module its types and one shape to read. */
export function defineRule<MessageId extends string>(rule: RuleDefinition<MessageId>): Rule {
  return rule as unknown as Rule;
}

/** A rule the configuration turns on, with the severity it gives it. */
export interface EnabledRule {
  rule: Rule;
  severity: Severity;
}

import { ts } from '../shared/typescript.cjs';
import { collectStateHolders, type StateHolder } from '../facts/holders.js';
import { USE_NODE_KINDS, type ModuleFacts } from '../facts/module-facts.js';
import { createContext, type ScanRun } from './rule-context.js';
import { guard, reportRuleCrash } from './rule-crash.js';
import type { RuleVisitors } from './rule.js';
import type { SourceUnit } from './source-unit.js';

/** A walked file, with the rules' `Program:exit` hooks still to run. */
export interface FileRun {
  unit: SourceUnit;
  facts: ModuleFacts;
  exits: { ruleId: string; exit: () => void }[];
}

interface Listener {
  ruleId: string;
  visit: (node: ts.Node) => void;
}

/**
 * walkFile, with a file whose nesting overflows a recursive helper of the analysis listed under
 * errors (the walk itself has its own stack): the other files go on, and the verdict is incomplete.
 */
export function walkSafely(unit: SourceUnit, facts: ModuleFacts, run: ScanRun): FileRun {
  try {
    return walkFile(unit, facts, run);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    run.errors.push({ file: unit.file, message: 'analysis stopped: nested too deeply' });
    return { unit, facts, exits: [] };
  }
}

/** One walk of the file: every node goes to the shared fact collector, then to the rules' listeners for its kind. */
function walkFile(unit: SourceUnit, facts: ModuleFacts, run: ScanRun): FileRun {
  const { listenersByKind, exits } = listenersOf(unit, facts, run);
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
    const listeners = listenersByKind[kind];
    if (listeners) {
      for (const listener of listeners) {
        // guard() inlined: this loop runs for every node of the scan.
        try {
          listener.visit(node);
        } catch (error) {
          reportRuleCrash(listener.ruleId, unit, run.errors, error, node);
        }
      }
    }
    ts.forEachChild(node, collect);
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
    children.length = 0;
  }
  return { unit, facts, exits };
}

/**
 * Each enabled rule's visitors for this file, made once before the walk: a table indexed by
 * syntax kind number, so that dispatching a node is one array read. Rules keep their order.
 */
function listenersOf(unit: SourceUnit, facts: ModuleFacts, run: ScanRun): { listenersByKind: Listener[][]; exits: FileRun['exits'] } {
  let holders: StateHolder[] | undefined;
  const stateHolders = (): StateHolder[] => (holders ??= collectStateHolders(facts, run.program.instances));
  const listenersByKind: Listener[][] = [];
  const exits: FileRun['exits'] = [];
  for (const { rule, severity } of run.rules) {
    const context = createContext(rule, severity, unit, facts, stateHolders, run);
    let visitors: RuleVisitors = {};
    guard(rule.id, unit, run.errors, () => {
      visitors = rule.create(context);
    });
    for (const name in visitors) {
      const visitor = visitors[name as keyof RuleVisitors]!;
      if (name === 'Program:exit') {
        exits.push({ ruleId: rule.id, exit: visitor as () => void });
        continue;
      }
      const kind = SYNTAX_KINDS.get(name);
      if (kind === undefined) throw new Error(`rule ${rule.id}: unknown visitor '${name}'`);
      (listenersByKind[kind] ??= []).push({ ruleId: rule.id, visit: visitor as Listener['visit'] });
    }
  }
  return { listenersByKind, exits };
}

/** Syntax kind numbers by name, without the range markers (`FirstStatement`, `Count`) that alias real kinds. */
const SYNTAX_KINDS: ReadonlyMap<string, ts.SyntaxKind> = new Map(
  Object.entries(ts.SyntaxKind).filter((entry): entry is [string, ts.SyntaxKind] => typeof entry[1] === 'number' && !/^(First|Last)[A-Z]|^Count$/.test(entry[0])),
);

/** Indexed by syntax kind: whether `ModuleFacts.recordUse` wants nodes of that kind. */
const RECORDS_USES: boolean[] = [];
for (const kind of USE_NODE_KINDS) RECORDS_USES[kind] = true;

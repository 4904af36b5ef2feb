import { ts } from '../../src/shared/typescript.cjs';
import type { RuleContext } from '../../src/engine/rule.js';
import { collectionKindOf } from '../../src/facts/collections.js';
import type { StateHolder } from '../../src/facts/holders.js';
import type { Use, UseSelector } from '../../src/facts/uses.js';
import { enclosingFunction, skipOuterExpressions } from '../../src/facts/syntax.js';

/** A long-lived array that run-time code fills and later drains: work waiting in memory to be handed on. */
export interface DrainedBuffer {
  holder: StateHolder;
  fills: Use[];
  drains: Use[];
}

const FILL_METHODS: ReadonlySet<string> = new Set(['push', 'unshift']);
const TAKE_METHODS: ReadonlySet<string> = new Set(['splice', 'shift']);
/** Methods that take entries out of a Map, Set or array (eviction, pruning). */
const REMOVAL_METHODS: ReadonlySet<string> = new Set(['clear', 'delete', 'pop', 'shift', 'splice']);
/** The uses that fill or drain a buffer (see `isDrain`). */
const BUFFER_USES: UseSelector = { kinds: ['call', 'member-assign', 'assign'], methods: new Set([...FILL_METHODS, ...TAKE_METHODS]) };
/** The uses that empty a holder (see `emptiesHolder`). */
export const EMPTYING_USES: UseSelector = { kinds: ['delete', 'call', 'member-assign', 'assign'], methods: REMOVAL_METHODS };

/** Arrays held for the life of the process that run-time code both fills and drains. */
export function drainedBuffers(context: RuleContext): DrainedBuffer[] {
  const buffers: DrainedBuffer[] = [];
  for (const holder of context.stateHolders()) {
    if (collectionKindOf(holder.initializer) !== 'array') continue;
    const uses = context.facts.usesOf(holder.key, BUFFER_USES).filter((use) => use.context.runtime);
    const fills = uses.filter((use) => use.kind === 'call' && FILL_METHODS.has(use.method!));
    const drains = uses.filter((use) => isDrain(use, holder));
    if (fills.length > 0 && drains.length > 0) buffers.push({ holder, fills, drains });
  }
  return buffers;
}

/**
 * True when a use takes the waiting items out to hand them on: `splice()` or `shift()` whose
 * result is used (`const batch = buffer.splice(0)`), or `length = 0` / `= []` in a function that
 * also reads the holder. A bare `shift()` that caps a list of recent entries is not a drain.
 */
export function isDrain(use: Use, holder: StateHolder): boolean {
  if (use.kind === 'call') return TAKE_METHODS.has(use.method!) && resultIsUsed(use.node);
  if (!ts.isBinaryExpression(use.node)) return false;
  const right = skipOuterExpressions(use.node.right);
  const empties =
    (use.kind === 'member-assign' && use.method === 'length' && ts.isNumericLiteral(right) && right.text === '0') ||
    (use.kind === 'assign' && ts.isArrayLiteralExpression(right) && right.elements.length === 0);
  return empties && readsHolderElsewhere(use.node, holder);
}

/** True when a use drains the holder or removes entries from it: a timer doing this maintains that state. */
export function emptiesHolder(use: Use, holder: StateHolder): boolean {
  if (use.kind === 'delete') return true;
  if (use.kind === 'call') return REMOVAL_METHODS.has(use.method!);
  return isDrain(use, holder);
}

function resultIsUsed(call: ts.Node): boolean {
  let parent = call.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return !ts.isExpressionStatement(parent) && !ts.isVoidExpression(parent);
}

/** The function resetting the holder names it again (`const batch = buffer; buffer = [];`). */
function readsHolderElsewhere(reset: ts.Node, holder: StateHolder): boolean {
  const fn = enclosingFunction(reset);
  if (!fn?.body) return false;
  const field = holder.key.split(/[#.]/).pop()!.replace(/\$/g, '\\$');
  const mentions = fn.body.getText().match(new RegExp(`(?<![\\w$])${field}(?![\\w$])`, 'g'));
  return (mentions?.length ?? 0) >= 2;
}

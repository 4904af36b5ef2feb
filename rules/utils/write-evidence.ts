import { ts } from '../../src/shared/typescript.cjs';
import type { EvidenceInput } from '../../src/engine/rule.js';
import type { StateHolder } from '../../src/facts/holders.js';
import type { Use } from '../../src/facts/uses.js';
import { skipOuterExpressions } from '../../src/facts/syntax.js';

/** `.set(), [key] =`: the distinct operations of some writes, sorted, for messages. */
export function describeWrites(writes: readonly Use[]): string {
  const operations = [...new Set(writes.map(operationOf))].sort();
  return operations.join(', ');
}

/** One write as a reader sees it: `.set()`, `[key] =`, `delete`. */
export function operationOf(use: Use): string {
  switch (use.kind) {
    case 'call':
      return `.${use.method}()`;
    case 'member-assign':
      return use.computedKey ? '[key] =' : `.${use.method ?? 'property'} =`;
    case 'delete':
      return 'delete';
    case 'update':
      return '++/--';
    default:
      return '=';
  }
}

/** Evidence lines: the holder's owner, then the first writes with the function they run in. */
export function writeEvidence(holder: StateHolder, writes: readonly Use[]): EvidenceInput[] {
  const evidence: EvidenceInput[] = [];
  if (holder.owner) evidence.push({ node: holder.owner.node, message: `held by \`${holder.owner.className}\`: ${holder.owner.reason}` });
  for (const write of writes.slice(0, 5)) {
    evidence.push({ node: write.node, message: `written by ${operationOf(write)} in ${write.context.where}` });
  }
  return evidence;
}

/** The value a write stores: `v` in `.set(k, v)`, `.push(v)`, `.add(v)`, `holder[k] = v`. */
export function writtenValue(use: Use): ts.Expression | undefined {
  const node = use.node;
  if (ts.isBinaryExpression(node)) return skipOuterExpressions(node.right);
  if (!ts.isCallExpression(node)) return undefined;
  const argument = use.method === 'set' ? node.arguments[1] : node.arguments[0];
  return argument && skipOuterExpressions(argument);
}

/** The functions that make the writes (for one line per place, see `ReportDescriptor.writers`). */
export function writersOf(writes: readonly Use[]): ts.Node[] {
  return [...new Set(writes.flatMap((write) => (write.context.function ? [write.context.function] : [])))];
}

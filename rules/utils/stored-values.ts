import { ts } from '../../src/shared/typescript.cjs';
import type { Use, UseSelector } from '../../src/facts/uses.js';

/** Methods that put a value into a Set, Map or array. */
const ADD_METHODS: ReadonlySet<string> = new Set(['add', 'set', 'push', 'unshift']);

/** The uses `storedValues` can find a value in. */
export const STORING_USES: UseSelector = { kinds: ['member-assign', 'call'], methods: new Set([...ADD_METHODS, 'get']) };

/** The values a write puts into the holder: `add(socket)`, `set(id, res)`, `[id] = ws`, and `rooms.get(room).add(socket)`. */
export function storedValues(use: Use): { values: readonly ts.Expression[]; operation: string } | undefined {
  if (use.kind === 'member-assign' && ts.isBinaryExpression(use.node)) return { values: [use.node.right], operation: '[key] =' };
  if (use.kind !== 'call') return undefined;
  const call = use.node as ts.CallExpression;
  if (ADD_METHODS.has(use.method!)) return { values: call.arguments, operation: `.${use.method}()` };
  if (use.method !== 'get') return undefined;
  let parent = call.parent;
  while (ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (!ts.isPropertyAccessExpression(parent) || !ADD_METHODS.has(parent.name.text) || !ts.isCallExpression(parent.parent)) return undefined;
  return { values: parent.parent.arguments, operation: `.get().${parent.name.text}()` };
}

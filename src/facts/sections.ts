import { ts } from '../shared/typescript.cjs';
import { enclosingFunction, skipOuterExpressions, staticName } from './syntax.js';

/** Promise methods whose callbacks finish the work of the function that chains them. */
const PROMISE_CONTINUATIONS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * The function a piece of code belongs to as a unit of work: its enclosing function, looking
 * through callbacks of `.then()`, `.catch()` and `.finally()`, which complete the same work.
 */
export function enclosingSection(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  let fn = enclosingFunction(node);
  while (fn && continuationMethod(fn) !== undefined) fn = enclosingFunction(fn);
  return fn;
}

/** True inside a `finally` block of its function, or in a `.finally()` callback: code that runs however the work ends. */
export function isInFinally(node: ts.Node): boolean {
  for (let current = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isTryStatement(parent) && parent.finallyBlock === current) return true;
    if (ts.isFunctionLike(current)) return continuationMethod(current) === 'finally';
  }
  return false;
}

/** `true` / `false` for a boolean literal, otherwise undefined. */
export function booleanLiteralOf(expression: ts.Expression | undefined): boolean | undefined {
  if (!expression) return undefined;
  const value = skipOuterExpressions(expression);
  if (value.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (value.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

function continuationMethod(fn: ts.Node): string | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined;
  const method = ts.isPropertyAccessExpression(call.expression) ? staticName(call.expression.name) : undefined;
  return method && PROMISE_CONTINUATIONS.has(method) ? method : undefined;
}

import { ts } from '../shared/typescript.cjs';
import { requireSpecifier, resolveImportedReference, type ImportedReference } from './imports.js';
import type { ModuleFacts } from './module-facts.js';
import { skipOuterExpressions } from './syntax.js';

const MAX_HOPS = 4;

/**
 * The package a value comes from, following module constants and the callees of `new` and
 * calls: `new RedisStore({ client })` where `const RedisStore = connectRedis(session)` comes
 * from connect-redis.
 */
export function originOf(expression: ts.Expression, facts: ModuleFacts, hops = 0): ImportedReference | undefined {
  if (hops > MAX_HOPS) return undefined;
  const value = skipOuterExpressions(expression);
  const inline = requireSpecifier(value);
  if (inline) return { module: inline, name: '*' };
  if (ts.isNewExpression(value) || ts.isCallExpression(value)) return originOf(value.expression, facts, hops + 1);
  if (ts.isIdentifier(value)) {
    const imported = facts.importOf(value);
    if (imported) return { module: imported.module, name: imported.imported };
    const initializer = facts.bindingOf(value)?.initializer;
    return initializer ? originOf(initializer, facts, hops + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(value)) {
    const root = rootIdentifier(value);
    if (root && facts.importOf(root)) return resolveImportedReference(value, facts.imports);
    return root && facts.bindingOf(root) ? originOf(value.expression, facts, hops + 1) : undefined;
  }
  return undefined;
}

/** The reference a callee names when its root is an unshadowed import (`ns.Cache`, `rateLimit`). */
export function calleeReference(callee: ts.Expression, facts: ModuleFacts): ImportedReference | undefined {
  // Every library rule asks about every call: answer each callee once. A node belongs to one
  // file, so the node alone is the key.
  if (calleeReferences.has(callee)) return calleeReferences.get(callee);
  const target = skipOuterExpressions(callee);
  const root = rootIdentifier(target);
  const reference = root && !facts.importOf(root) ? undefined : resolveImportedReference(target, facts.imports);
  calleeReferences.set(callee, reference);
  return reference;
}

const calleeReferences = new WeakMap<ts.Expression, ImportedReference | undefined>();

export function rootIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let current = skipOuterExpressions(expression);
  while (ts.isPropertyAccessExpression(current)) current = skipOuterExpressions(current.expression);
  return ts.isIdentifier(current) ? current : undefined;
}

/** The object literal an options argument is, directly or through a module constant. */
export function objectLiteralOf(expression: ts.Expression | undefined, facts: ModuleFacts): ts.ObjectLiteralExpression | undefined {
  if (!expression) return undefined;
  const value = skipOuterExpressions(expression);
  if (ts.isObjectLiteralExpression(value)) return value;
  if (ts.isIdentifier(value)) {
    const initializer = facts.bindingOf(value)?.initializer;
    const literal = initializer && skipOuterExpressions(initializer);
    return literal && ts.isObjectLiteralExpression(literal) ? literal : undefined;
  }
  return undefined;
}

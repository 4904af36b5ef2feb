import { ts } from '../shared/typescript.cjs';
import { skipOuterExpressions } from './syntax.js';

/** The in-memory containers a holder can start as. Weak collections hold nothing across requests. */
export type CollectionKind = 'map' | 'set' | 'array' | 'object';

/** Methods that change a Map, Set or array (and most cache-like APIs). */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([
  'add', 'clear', 'copyWithin', 'delete', 'fill', 'pop', 'push', 'reverse', 'set', 'shift', 'sort', 'splice', 'unshift',
]);

/** Which container an initializer creates: `new Map()`, `new Set(…)`, `[]`, `{}`, `Object.create(null)`. */
export function collectionKindOf(initializer: ts.Expression | undefined): CollectionKind | undefined {
  if (!initializer) return undefined;
  const value = skipOuterExpressions(initializer);
  if (ts.isArrayLiteralExpression(value)) return 'array';
  if (ts.isObjectLiteralExpression(value)) return isDataObject(value) ? 'object' : undefined;
  if (ts.isNewExpression(value) && ts.isIdentifier(value.expression)) {
    return CONSTRUCTED[value.expression.text];
  }
  if (ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression)) {
    const callee = value.expression.getText();
    if (callee === 'Object.create') return 'object';
    if (callee === 'Array.from' || callee === 'Array.of') return 'array';
  }
  return undefined;
}

const CONSTRUCTED: Record<string, CollectionKind | undefined> = { Map: 'map', Set: 'set', Array: 'array', Object: 'object' };

/** An object literal that holds data, not a module of functions. */
function isDataObject(literal: ts.ObjectLiteralExpression): boolean {
  return !literal.properties.some(
    (property) =>
      ts.isMethodDeclaration(property) ||
      (ts.isPropertyAssignment(property) &&
        (ts.isArrowFunction(property.initializer) || ts.isFunctionExpression(property.initializer))),
  );
}

export const COLLECTION_NOUNS: Record<CollectionKind, string> = {
  map: 'Map',
  set: 'Set',
  array: 'array',
  object: 'object',
};

/**
 * The container a holder starts as: from its initializer, or, for a field assigned later
 * (`private cache: Map<string, Price>;` set in `onModuleInit`), from its declared type.
 */
export function collectionKindOfHolder(holder: { initializer?: ts.Expression; declaration: ts.Node }): CollectionKind | undefined {
  const fromValue = collectionKindOf(holder.initializer);
  if (fromValue || holder.initializer) return fromValue;
  const type = ts.isPropertyDeclaration(holder.declaration) || ts.isVariableDeclaration(holder.declaration) ? holder.declaration.type : undefined;
  return type && collectionKindOfType(type);
}

function collectionKindOfType(type: ts.TypeNode): CollectionKind | undefined {
  if (ts.isArrayTypeNode(type)) return 'array';
  if (ts.isTypeLiteralNode(type)) return type.members.some(ts.isIndexSignatureDeclaration) ? 'object' : undefined;
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  return TYPE_NAMES[type.typeName.text];
}

const TYPE_NAMES: Record<string, CollectionKind | undefined> = { Map: 'map', Set: 'set', Array: 'array', Record: 'object' };

import { ts } from '../shared/typescript.cjs';

/** Strips parentheses, `as`, `satisfies`, `!` and `<T>x` so rules see the expression that matters. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The static name of a property, element access or declaration name, if it has one. */
export function staticName(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) return node.text;
  if (ts.isComputedPropertyName(node)) return staticName(skipOuterExpressions(node.expression));
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) return staticName(skipOuterExpressions(node.argumentExpression));
  return undefined;
}

/** The property `name` of an object literal, looking through shorthand properties. */
export function findProperty(
  literal: ts.ObjectLiteralExpression,
  name: string,
): ts.ObjectLiteralElementLike | undefined {
  return literal.properties.find((property) => !ts.isSpreadAssignment(property) && staticName(property.name) === name);
}

/** The value of property `name` of an object literal: the initializer, or the identifier of a shorthand. */
export function propertyValue(literal: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const property = findProperty(literal, name);
  if (!property) return undefined;
  if (ts.isPropertyAssignment(property)) return skipOuterExpressions(property.initializer);
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  return undefined;
}

/** True when the object literal has a spread whose contents cannot be read statically. */
export function hasSpread(literal: ts.ObjectLiteralExpression): boolean {
  return literal.properties.some(ts.isSpreadAssignment);
}

export function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
      return true;
    default:
      return false;
  }
}

/** The nearest enclosing function, or undefined at module level. */
export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current)) return current;
    if (ts.isClassStaticBlockDeclaration(current)) return undefined;
  }
  return undefined;
}

/** The class whose member (method, field initializer, constructor) contains the node, following arrows. */
export function enclosingClassOfThis(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
    if (ts.isClassDeclaration(current) || ts.isClassExpression(current)) return current;
  }
  return undefined;
}

/** True when the node sits in a `static` member or static block of its class. */
export function isInStaticMember(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassStaticBlockDeclaration(current)) return true;
    if (ts.isClassElement(current)) return hasModifier(current, ts.SyntaxKind.StaticKeyword);
    if (ts.isClassLike(current)) return false;
  }
  return false;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

/** The first argument of a call when it is a string literal (`app.get('/path', …)`). */
export function firstStringArgument(call: ts.CallExpression): string | undefined {
  const first = call.arguments[0];
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

/** The text of a node squeezed to one line and cut to `max` characters, for messages. */
export function shortText(node: ts.Node, sourceFile: ts.SourceFile, max = 60): string {
  const text = node.getText(sourceFile).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** True when `node` lies within `container` (or is it). */
export function isInside(node: ts.Node, container: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (current === container) return true;
  }
  return false;
}

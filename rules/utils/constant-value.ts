import { ts } from '../../src/shared/typescript.cjs';
import type { ModuleFacts } from '../../src/facts/module-facts.js';
import { skipOuterExpressions } from '../../src/facts/syntax.js';

const MAX_HOPS = 4;

type Operation = (left: number, right: number) => number;

const OPERATIONS: ReadonlyMap<ts.SyntaxKind, Operation> = new Map<ts.SyntaxKind, Operation>([
  [ts.SyntaxKind.PlusToken, (left, right) => left + right],
  [ts.SyntaxKind.MinusToken, (left, right) => left - right],
  [ts.SyntaxKind.AsteriskToken, (left, right) => left * right],
  [ts.SyntaxKind.SlashToken, (left, right) => left / right],
  [ts.SyntaxKind.PercentToken, (left, right) => left % right],
  [ts.SyntaxKind.AsteriskAsteriskToken, (left, right) => left ** right],
]);

/**
 * The number a constant expression stands for: numeric literals, `+ - * / % **`, parentheses,
 * unary signs and module `const`s holding such expressions (`15 * 60 * 1000`, `WINDOW_MS`).
 * Undefined for anything read at run time, and for results that are not finite.
 */
export function numericValue(expression: ts.Expression, facts: ModuleFacts, hops = 0): number | undefined {
  const value = evaluate(skipOuterExpressions(expression), facts, hops);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function evaluate(node: ts.Expression, facts: ModuleFacts, hops: number): number | undefined {
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node)) {
    const operand = numericValue(node.operand, facts, hops);
    if (operand === undefined) return undefined;
    if (node.operator === ts.SyntaxKind.MinusToken) return -operand;
    return node.operator === ts.SyntaxKind.PlusToken ? operand : undefined;
  }
  if (ts.isBinaryExpression(node)) {
    const operation = OPERATIONS.get(node.operatorToken.kind);
    const left = operation && numericValue(node.left, facts, hops);
    const right = left !== undefined && numericValue(node.right, facts, hops);
    return operation && left !== undefined && typeof right === 'number' ? operation(left, right) : undefined;
  }
  if (ts.isIdentifier(node) && hops < MAX_HOPS) {
    const binding = facts.bindingOf(node);
    // Only a `const` keeps the value it was declared with.
    if (binding?.declarationKind !== 'const' || !binding.initializer) return undefined;
    return numericValue(binding.initializer, facts, hops + 1);
  }
  return undefined;
}

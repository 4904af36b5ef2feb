// Compiled by test/visitor-types.test.ts: visitors are typed by the kind they are keyed by.
import type { ts } from '../../src/shared/typescript.cjs';
import type { NodeOfKind, RuleVisitors } from '../../src/engine/rule.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const throwStatement: Same<NodeOfKind<'ThrowStatement'>, ts.ThrowStatement> = true;
export const templateExpression: Same<NodeOfKind<'TemplateExpression'>, ts.TemplateExpression> = true;
export const callExpression: Same<NodeOfKind<'CallExpression'>, ts.CallExpression> = true;
export const identifier: Same<NodeOfKind<'Identifier'>, ts.Identifier> = true;
export const sourceFile: Same<NodeOfKind<'SourceFile'>, ts.SourceFile> = true;
// Kinds TypeScript has no guard for get the plain node.
export const unknownKind: Same<NodeOfKind<'Unknown'>, ts.Node> = true;

export const typed: RuleVisitors = {
  ThrowStatement(node) {
    void node.expression.kind;
  },
  'Program:exit'() {},
};
// @ts-expect-error a misspelt kind is refused
export const misspelt: RuleVisitors = { ThrowStatment() {} };
// @ts-expect-error range markers alias other kinds and are refused
export const marker: RuleVisitors = { FirstStatement() {} };

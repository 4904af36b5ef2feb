import { ts } from '../shared/typescript.cjs';
import type { StateHolder } from './holders.js';
import type { ModuleFacts } from './module-facts.js';
import { shortText, staticName } from './syntax.js';

/** Where a created value is kept, and why it lives as long as the process. */
export interface CreationSite {
  /** The declaration that holds the value, or the call itself when nothing names it. */
  node: ts.Node;
  /** The holder's name (`cache`, `CartService.cache`), or the call's text. */
  name: string;
  /** Why the value lives as long as the process; undefined when it may not (created per call). */
  lifetime?: string;
  /** The holder, when the value is kept in one. */
  holder?: StateHolder;
}

/** Finds what holds the value `call` creates: a module variable, a field of a long-lived class, or nothing. */
export function creationSiteOf(
  call: ts.Expression,
  facts: ModuleFacts,
  holders: readonly StateHolder[],
): CreationSite {
  const sourceFile = facts.sourceFile;
  let child: ts.Node = call;
  let parent = call.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isAwaitExpression(parent) || ts.isSatisfiesExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  const holder =
    holders.find((candidate) => candidate.declaration === parent || candidate.initializer === child) ??
    assignedHolder(child, parent, facts, holders);
  if (holder) return { node: holder.declaration, name: holder.name, lifetime: lifetimeOf(holder), holder };
  const context = facts.execution.of(call);
  const lifetime = context.runtime ? undefined : 'module scope';
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    return { node: parent, name: parent.name.text, lifetime };
  }
  if (ts.isPropertyAssignment(parent)) {
    return { node: call, name: staticName(parent.name) ?? shortText(call, sourceFile, 40), lifetime };
  }
  return { node: call, name: calleeText(call, sourceFile), lifetime };
}

/**
 * The holder a value is assigned to after its declaration: `client = new Client()`,
 * `client ??= new Client()`, `client = client ?? new Client()`, `this.client = …` in a singleton.
 * Wherever the assignment runs, the value then lives as long as the holder.
 */
function assignedHolder(child: ts.Node, parent: ts.Node, facts: ModuleFacts, holders: readonly StateHolder[]): StateHolder | undefined {
  let value = child;
  let assignment = parent;
  if (ts.isBinaryExpression(assignment) && assignment.right === value && FALLBACK_OPERATORS.has(assignment.operatorToken.kind)) {
    value = assignment;
    assignment = assignment.parent;
  }
  if (!ts.isBinaryExpression(assignment) || assignment.right !== value) return undefined;
  if (!ASSIGNMENT_OPERATORS.has(assignment.operatorToken.kind)) return undefined;
  const key = facts.holderOf(assignment.left);
  return key === undefined ? undefined : holders.find((candidate) => candidate.key === key);
}

const FALLBACK_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]);
const ASSIGNMENT_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
]);

function lifetimeOf(holder: StateHolder): string {
  if (!holder.owner) return 'module scope';
  return holder.declarationKind === 'static-field' ? `static field of ${holder.owner.className}` : `field of ${holder.owner.className}, ${holder.owner.reason}`;
}

function calleeText(call: ts.Expression, sourceFile: ts.SourceFile): string {
  const callee = ts.isCallExpression(call) || ts.isNewExpression(call) ? call.expression : call;
  return `${callee.getText(sourceFile).replace(/\s+/g, '')}()`;
}

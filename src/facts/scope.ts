import { ts } from '../shared/typescript.cjs';
import { isFunctionLike } from './syntax.js';

/**
 * Names declared directly by a scope node, memoized per run. Looking a name up walks the
 * parents of the reference instead of keeping a stack during the walk, so a rule can ask at
 * any time (also after the walk) whether an identifier means a module-level binding.
 */
export class ScopeNames {
  private readonly declared = new Map<ts.Node, ReadonlySet<string>>();

  /** True when an enclosing function, block or loop declares `identifier`'s name (it shadows module scope). */
  isShadowed(identifier: ts.Identifier): boolean {
    return this.scopeDeclaring(identifier) !== undefined;
  }

  /**
   * The `const x = <initializer>` that declares `identifier` in an enclosing block, if that is how
   * it is declared: lets callers follow aliases (`const store = sessions; store.set(…)`).
   */
  localConstInitializer(identifier: ts.Identifier): ts.Expression | undefined {
    const scope = this.scopeDeclaring(identifier);
    if (!scope || !(ts.isBlock(scope) || ts.isModuleBlock(scope))) return undefined;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === identifier.text) return declaration.initializer;
      }
    }
    return undefined;
  }

  /** The nearest enclosing scope node that declares `identifier`'s name; undefined at module scope. */
  scopeDeclaring(identifier: ts.Identifier): ts.Node | undefined {
    const name = identifier.text;
    for (let current = identifier.parent; current && !ts.isSourceFile(current); current = current.parent) {
      // Most ancestors (calls, expressions, statements) declare nothing: skip them without a lookup.
      if (SCOPE_KINDS.has(current.kind) && this.namesOf(current).has(name)) return current;
    }
    return undefined;
  }

  private namesOf(node: ts.Node): ReadonlySet<string> {
    let names = this.declared.get(node);
    if (!names) {
      names = declaredBy(node);
      this.declared.set(node, names);
    }
    return names;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** The node kinds `declaredBy` can find names in. */
const SCOPE_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ClassExpression,
]);

/** The names a scope node declares for the code inside it (parameters, block declarations, loop variables). */
export function declaredBy(node: ts.Node): ReadonlySet<string> {
  if (isFunctionLike(node)) {
    const names = new Set<string>();
    for (const parameter of node.parameters) addBindingNames(parameter.name, names);
    if (ts.isFunctionExpression(node) && node.name) names.add(node.name.text);
    return names;
  }
  if (ts.isBlock(node) || ts.isModuleBlock(node)) return declaredByStatements(node.statements);
  if (ts.isCaseBlock(node)) return declaredByStatements(node.clauses.flatMap((clause) => [...clause.statements]));
  if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
    const initializer = node.initializer;
    if (!initializer || !ts.isVariableDeclarationList(initializer)) return EMPTY;
    const names = new Set<string>();
    for (const declaration of initializer.declarations) addBindingNames(declaration.name, names);
    return names;
  }
  if (ts.isCatchClause(node) && node.variableDeclaration) {
    const names = new Set<string>();
    addBindingNames(node.variableDeclaration.name, names);
    return names;
  }
  if (ts.isClassExpression(node) && node.name) return new Set([node.name.text]);
  return EMPTY;
}

/** Names that a list of statements declares in its own scope. */
export function declaredByStatements(statements: readonly ts.Statement[]): Set<string> {
  const names = new Set<string>();
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBindingNames(declaration.name, names);
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

export function addBindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) {
    into.add(name.text);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) addBindingNames(element.name, into);
  }
}

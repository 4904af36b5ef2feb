import { ts } from '../shared/typescript.cjs';
import { skipOuterExpressions, staticName } from './syntax.js';

/**
 * Where a local name comes from. `imported` is `default`, `*` (a namespace import or a whole
 * `require()`, which for CommonJS packages is also the default export) or the export's name.
 */
export interface ImportBinding {
  module: string;
  imported: string;
  /** The declaration that brings the name in, for evidence. */
  node: ts.Node;
}

/** What an expression refers to in a package: `rateLimit` -> express-rate-limit's default export. */
export interface ImportedReference {
  module: string;
  /** `default`, `*`, or an export name. */
  name: string;
}

export type ImportTable = ReadonlyMap<string, ImportBinding>;

/** Node's file-system modules and their drop-in replacements. */
export const FS_MODULES: ReadonlySet<string> = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'fs-extra', 'graceful-fs']);

/**
 * Collects the names a file imports, from its top-level statements only (imports and the usual
 * `const x = require('m')` forms), so it costs nothing like a tree walk.
 */
export function collectImports(sourceFile: ts.SourceFile): ImportTable {
  const table = new Map<string, ImportBinding>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) addImportDeclaration(statement, table);
    else if (ts.isImportEqualsDeclaration(statement)) addImportEquals(statement, table);
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addRequire(declaration, table);
    }
  }
  return table;
}

function addImportDeclaration(statement: ts.ImportDeclaration, table: Map<string, ImportBinding>): void {
  const clause = statement.importClause;
  if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) return;
  const module = statement.moduleSpecifier.text;
  if (clause.name) table.set(clause.name.text, { module, imported: 'default', node: clause });
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) {
    table.set(bindings.name.text, { module, imported: '*', node: bindings });
    return;
  }
  for (const element of bindings.elements) {
    const imported = staticName(element.propertyName) ?? element.name.text;
    table.set(element.name.text, { module, imported, node: element });
  }
}

function addImportEquals(statement: ts.ImportEqualsDeclaration, table: Map<string, ImportBinding>): void {
  const reference = statement.moduleReference;
  if (!ts.isExternalModuleReference(reference) || !ts.isStringLiteral(reference.expression)) return;
  table.set(statement.name.text, { module: reference.expression.text, imported: '*', node: statement });
}

function addRequire(declaration: ts.VariableDeclaration, table: Map<string, ImportBinding>): void {
  if (!declaration.initializer) return;
  const required = requiredMember(skipOuterExpressions(declaration.initializer));
  if (!required) return;
  const { module, member } = required;
  if (ts.isIdentifier(declaration.name)) {
    table.set(declaration.name.text, { module, imported: member ?? '*', node: declaration });
    return;
  }
  if (ts.isObjectBindingPattern(declaration.name) && member === undefined) {
    for (const element of declaration.name.elements) {
      if (!ts.isIdentifier(element.name)) continue;
      const imported = staticName(element.propertyName) ?? element.name.text;
      table.set(element.name.text, { module, imported, node: element });
    }
  }
}

/**
 * `require('m')`, `require('m').x`, `require('m').default`, `await import('m')`, and
 * `require('m')(arg)` (the `connect-redis` v3 style), whose result is the member `()`.
 */
function requiredMember(expression: ts.Expression): { module: string; member?: string } | undefined {
  if (ts.isAwaitExpression(expression)) return requiredMember(skipOuterExpressions(expression.expression));
  const module = requireSpecifier(expression);
  if (module) return { module };
  if (ts.isCallExpression(expression)) {
    const called = requireSpecifier(skipOuterExpressions(expression.expression));
    if (called) return { module: called, member: '()' };
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const inner = requireSpecifier(skipOuterExpressions(expression.expression));
    if (inner) return { module: inner, member: expression.name.text };
  }
  return undefined;
}

/** The specifier of `require('m')` or `import('m')`. */
export function requireSpecifier(expression: ts.Expression): string | undefined {
  if (!ts.isCallExpression(expression) || expression.arguments.length !== 1) return undefined;
  const argument = expression.arguments[0]!;
  if (!ts.isStringLiteralLike(argument)) return undefined;
  const callee = expression.expression;
  const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
  const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
  return isRequire || isDynamicImport ? argument.text : undefined;
}

/**
 * What a callee or value refers to in an imported package: an imported name, a member of a
 * namespace or default import (`ns.RateLimiterMemory`, `multer.diskStorage`), or an inline
 * `require('m')` / `require('m').x`. Local names shadowing an import are the caller's concern.
 */
export function resolveImportedReference(
  expression: ts.Expression,
  imports: ImportTable,
): ImportedReference | undefined {
  const target = skipOuterExpressions(expression);
  if (ts.isIdentifier(target)) {
    const binding = imports.get(target.text);
    return binding ? { module: binding.module, name: binding.imported } : undefined;
  }
  const inline = requireSpecifier(target);
  if (inline) return { module: inline, name: '*' };
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  const owner = resolveImportedReference(target.expression, imports);
  if (!owner) return undefined;
  const member = target.name.text;
  // `ns.default` and `require('m').default` are the default export.
  if (member === 'default' && (owner.name === '*' || owner.name === 'default')) return { module: owner.module, name: 'default' };
  if (owner.name === '*' || owner.name === 'default') return { module: owner.module, name: member };
  return { module: owner.module, name: `${owner.name}.${member}` };
}

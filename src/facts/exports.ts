import { ts } from '../shared/typescript.cjs';
import { addBindingNames } from './scope.js';
import { hasModifier, skipOuterExpressions, staticName } from './syntax.js';

/** What an exported name is: a local binding, or a name re-exported from another module. */
export type ExportTarget = { local: string } | { module: string; name: string };

export interface ModuleExports {
  named: ReadonlyMap<string, ExportTarget>;
  /** `export * from './x'`: modules whose names this one passes on. */
  star: readonly string[];
}

/**
 * A module's export table as the cache keeps it: enough to resolve a name through the module
 * without parsing it. `declared` lists the exported locals that are top-level bindings.
 */
export interface StoredExports {
  named: [name: string, target: string | [module: string, name: string]][];
  star: string[];
  declared: string[];
}

/** A module's exports, with the exported locals that are its own top-level bindings (what resolving a name needs). */
export type ExportTable = ModuleExports & { declared: ReadonlySet<string> };

/** The export table of a module whose top-level bindings `isBinding` answers for. */
export function exportTableOf(sourceFile: ts.SourceFile, isBinding: (name: string) => boolean): ExportTable {
  const exports = collectExports(sourceFile);
  const declared = new Set([...exports.named.values()].flatMap((target) => ('local' in target && isBinding(target.local) ? [target.local] : [])));
  return { ...exports, declared };
}

export function storeExports(table: ExportTable): StoredExports {
  const named: StoredExports['named'] = [...table.named].map(([name, target]) => [name, 'local' in target ? target.local : [target.module, target.name]]);
  return { named, star: [...table.star], declared: [...table.declared] };
}

export function restoreExports(stored: StoredExports): ExportTable {
  const named = new Map<string, ExportTarget>(stored.named.map(([name, target]) => [name, typeof target === 'string' ? { local: target } : { module: target[0], name: target[1] }]));
  return { named, star: stored.star, declared: new Set(stored.declared) };
}

/** The exports of a module from its top-level statements: ES exports and CommonJS `module.exports`. */
export function collectExports(sourceFile: ts.SourceFile): ModuleExports {
  const named = new Map<string, ExportTarget>();
  const star: string[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      for (const declaration of statement.declarationList.declarations) {
        // `export const { allow, can } = cancan` exports `allow` and `can`.
        const names = new Set<string>();
        addBindingNames(declaration.name, names);
        for (const name of names) named.set(name, { local: name });
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      const exported = hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? 'default' : statement.name.text;
      named.set(exported, { local: statement.name.text });
    } else if (ts.isExportDeclaration(statement)) {
      addExportDeclaration(statement, named, star);
    } else if (ts.isExportAssignment(statement) && ts.isIdentifier(skipOuterExpressions(statement.expression))) {
      named.set('default', { local: (skipOuterExpressions(statement.expression) as ts.Identifier).text });
    } else if (ts.isExpressionStatement(statement)) {
      addCommonJsExport(statement.expression, named);
    }
  }
  return { named, star };
}

function addExportDeclaration(statement: ts.ExportDeclaration, named: Map<string, ExportTarget>, star: string[]): void {
  const module = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
  const clause = statement.exportClause;
  if (!clause) {
    if (module) star.push(module);
    return;
  }
  if (!ts.isNamedExports(clause)) return;
  for (const element of clause.elements) {
    const original = staticName(element.propertyName) ?? element.name.text;
    named.set(element.name.text, module ? { module, name: original } : { local: original });
  }
}

/** `module.exports = { a, b: c }`, `module.exports.a = a`, `exports.a = a`. */
function addCommonJsExport(expression: ts.Expression, named: Map<string, ExportTarget>): void {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const left = expression.left.getText();
  const right = skipOuterExpressions(expression.right);
  if (left === 'module.exports' && ts.isObjectLiteralExpression(right)) {
    for (const property of right.properties) {
      if (ts.isShorthandPropertyAssignment(property)) named.set(property.name.text, { local: property.name.text });
      else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer)) {
        const name = staticName(property.name);
        if (name) named.set(name, { local: property.initializer.text });
      }
    }
    return;
  }
  const member = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left);
  if (member && ts.isIdentifier(right)) named.set(member[1]!, { local: right.text });
}

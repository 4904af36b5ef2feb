import { ts } from '#ts';
import type { ModuleLinker } from './cross-file.js';
import type { ModuleFacts } from './module-facts.js';
import { skipOuterExpressions } from './syntax.js';

/** A class or function of the service, and the module-scope values made from it (`new Store()`, `createStore()`). */
export type ModuleScopeInstances = ReadonlyMap<ts.ClassDeclaration | ts.FunctionLikeDeclaration, readonly string[]>;

/**
 * Finds, across every module, the values created at module scope by `new X()` or `x()` where X
 * is a class or function of the scan (declared locally or imported from another module).
 * Created exactly once, such a value lives as long as the process: so does what it holds.
 */
export function findModuleScopeInstances(linker: ModuleLinker): ModuleScopeInstances {
  const instances = new Map<ts.ClassDeclaration | ts.FunctionLikeDeclaration, string[]>();
  for (const facts of linker.modules) {
    for (const { value, name } of moduleScopeValues(facts)) {
      const created = skipOuterExpressions(value);
      if (!ts.isNewExpression(created) && !ts.isCallExpression(created)) continue;
      const declaration = declarationOfCallee(created.expression, facts, linker);
      if (!declaration) continue;
      if (ts.isNewExpression(created) !== ts.isClassDeclaration(declaration)) continue;
      const names = instances.get(declaration) ?? [];
      names.push(name);
      instances.set(declaration, names);
    }
  }
  return instances;
}

/** Top-level `const x = …`, `export default …` and `module.exports = …` values. */
function moduleScopeValues(facts: ModuleFacts): { value: ts.Expression; name: string }[] {
  const values: { value: ts.Expression; name: string }[] = [];
  for (const statement of facts.sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (declaration.initializer && ts.isIdentifier(declaration.name)) values.push({ value: declaration.initializer, name: declaration.name.text });
      }
    } else if (ts.isExportAssignment(statement)) {
      values.push({ value: statement.expression, name: 'default export' });
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      if (statement.expression.left.getText(facts.sourceFile) === 'module.exports') values.push({ value: statement.expression.right, name: 'module.exports' });
    }
  }
  return values;
}

function declarationOfCallee(callee: ts.Expression, facts: ModuleFacts, linker: ModuleLinker): ts.ClassDeclaration | ts.FunctionLikeDeclaration | undefined {
  const target = skipOuterExpressions(callee);
  if (!ts.isIdentifier(target)) return undefined;
  const local = facts.bindings.get(target.text);
  if (local) return declarationOfBinding(local.declaration, local.initializer);
  const imported = facts.importOf(target);
  if (!imported || imported.imported === '*') return undefined;
  const found = linker.importedDeclaration(facts, imported.module, imported.imported);
  const binding = found && found.facts.bindings.get(found.binding);
  return binding && declarationOfBinding(binding.declaration, binding.initializer);
}

function declarationOfBinding(declaration: ts.Node, initializer: ts.Expression | undefined): ts.ClassDeclaration | ts.FunctionLikeDeclaration | undefined {
  if (ts.isClassDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) return declaration;
  const value = initializer && skipOuterExpressions(initializer);
  return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value : undefined;
}

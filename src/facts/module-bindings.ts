import { ts } from '../shared/typescript.cjs';
import type { ImportTable } from './imports.js';
import { addBindingNames } from './scope.js';
import { hasModifier } from './syntax.js';

/** A name declared at the top level of a module. */
export interface ModuleBinding {
  name: string;
  declaration: ts.VariableDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration;
  /** The value it starts with, for variables. */
  initializer?: ts.Expression;
  declarationKind: 'const' | 'let' | 'var' | 'function' | 'class';
}

/** The top-level names a module declares (imports excepted). */
export function collectModuleBindings(sourceFile: ts.SourceFile, imports: ImportTable): Map<string, ModuleBinding> {
  const bindings = new Map<string, ModuleBinding>();
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      const flags = statement.declarationList.flags;
      const declarationKind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
      for (const declaration of statement.declarationList.declarations) {
        const names = new Set<string>();
        addBindingNames(declaration.name, names);
        for (const name of names) {
          if (imports.get(name)?.node === declaration) continue;
          const initializer = ts.isIdentifier(declaration.name) ? declaration.initializer : undefined;
          bindings.set(name, { name, declaration, initializer, declarationKind });
        }
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      bindings.set(statement.name.text, { name: statement.name.text, declaration: statement, declarationKind: 'function' });
    } else if (ts.isClassDeclaration(statement) && statement.name && !hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) {
      bindings.set(statement.name.text, { name: statement.name.text, declaration: statement, declarationKind: 'class' });
    }
  }
  return bindings;
}

/** The module a statement loads at run time; type-only imports and exports load nothing. */
export function runtimeImportSpecifier(statement: ts.Statement): string | undefined {
  if (ts.isImportEqualsDeclaration(statement)) {
    const reference = statement.moduleReference;
    return !statement.isTypeOnly && ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression) ? reference.expression.text : undefined;
  }
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause?.isTypeOnly) return undefined;
    const bindings = clause?.namedBindings;
    const onlyTypes = clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
    return !onlyTypes && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
  }
  if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
    return statement.moduleSpecifier.text;
  }
  return undefined;
}

/** The directive prologue: `'use client'`, `'use server'`. */
export function collectDirectives(sourceFile: ts.SourceFile): Set<string> {
  const directives = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    directives.add(statement.expression.text);
  }
  return directives;
}

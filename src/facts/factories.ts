import { ts } from '../shared/typescript.cjs';
import type { ModuleLinker } from './cross-file.js';
import type { ModuleFacts } from './module-facts.js';
import { RecordedMemo } from './reads.js';
import { skipOuterExpressions } from './syntax.js';

/** A helper of the service that returns what a call inside it creates: `createCache() { return new LRUCache() }`. */
export interface Factory {
  /** The helper's name. */
  name: string;
  /** Its declaration, for evidence. */
  node: ts.Node;
  /** The call or `new` whose result it returns. */
  created: ts.CallExpression | ts.NewExpression;
  /** The module that declares it (options inside it are read there). */
  facts: ModuleFacts;
}

/** Top-level helpers that return a created object, found once per module, looked up by callee. */
export class FactoryIndex {
  private readonly byModule = new Map<ModuleFacts, ReadonlyMap<string, Factory>>();
  private readonly byCallee: RecordedMemo<ts.Expression, Factory | undefined>;

  constructor(private readonly linker: ModuleLinker) {
    this.byCallee = new RecordedMemo(linker.recorder);
  }

  /** The helper a callee names, in this module or imported from another module of the scan. */
  factoryFor(callee: ts.Expression, facts: ModuleFacts): Factory | undefined {
    // Every library rule asks about every call: look each callee up once.
    return this.byCallee.get(callee, () => this.lookUp(callee, facts));
  }

  private lookUp(callee: ts.Expression, facts: ModuleFacts): Factory | undefined {
    const target = skipOuterExpressions(callee);
    if (ts.isIdentifier(target)) {
      if (facts.bindings.has(target.text)) return facts.bindingOf(target) ? this.factoriesOf(facts).get(target.text) : undefined;
      // The import table decides most callees; the scope walk (is the import shadowed?) only the rest.
      if (!facts.imports.has(target.text)) return undefined;
      const imported = facts.importOf(target);
      if (!imported || imported.imported === '*') return undefined;
      const declaration = this.linker.importedDeclaration(facts, imported.module, imported.imported);
      return declaration && this.factoriesOf(declaration.facts).get(declaration.binding);
    }
    if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression)) {
      const namespace = facts.importOf(target.expression);
      if (namespace?.imported !== '*') return undefined;
      const declaration = this.linker.importedDeclaration(facts, namespace.module, target.name.text);
      return declaration && this.factoriesOf(declaration.facts).get(declaration.binding);
    }
    return undefined;
  }

  /** True when `node` is what a helper returns: it is reported where the helper is called. */
  isReturnedByFactory(node: ts.Node, facts: ModuleFacts): boolean {
    for (const factory of this.factoriesOf(facts).values()) if (factory.created === node) return true;
    return false;
  }

  private factoriesOf(facts: ModuleFacts): ReadonlyMap<string, Factory> {
    this.linker.recorder.path(facts.sourceFile.fileName);
    let factories = this.byModule.get(facts);
    if (!factories) {
      factories = collectFactories(facts);
      this.byModule.set(facts, factories);
    }
    return factories;
  }
}

function collectFactories(facts: ModuleFacts): Map<string, Factory> {
  const factories = new Map<string, Factory>();
  for (const binding of facts.bindings.values()) {
    const fn = ts.isFunctionDeclaration(binding.declaration)
      ? binding.declaration
      : binding.initializer && functionExpressionOf(binding.initializer);
    const created = fn && returnedCreation(fn);
    if (created) factories.set(binding.name, { name: binding.name, node: binding.declaration, created, facts });
  }
  return factories;
}

function functionExpressionOf(expression: ts.Expression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const value = skipOuterExpressions(expression);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? value : undefined;
}

/** `=> new X()`, `return new X()`, or `const x = new X(); …; return x;` among the body's own statements. */
function returnedCreation(fn: ts.FunctionLikeDeclaration): ts.CallExpression | ts.NewExpression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return creationOf(body);
  const locals = new Map<string, ts.Expression>();
  for (const statement of body.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) locals.set(declaration.name.text, declaration.initializer);
      }
    }
    if (!ts.isReturnStatement(statement) || !statement.expression) continue;
    const returned = skipOuterExpressions(statement.expression);
    return creationOf(ts.isIdentifier(returned) ? locals.get(returned.text) : returned);
  }
  return undefined;
}

function creationOf(expression: ts.Expression | undefined): ts.CallExpression | ts.NewExpression | undefined {
  const value = expression && skipOuterExpressions(expression);
  if (!value) return undefined;
  if (ts.isAwaitExpression(value)) return creationOf(value.expression);
  return ts.isCallExpression(value) || ts.isNewExpression(value) ? value : undefined;
}

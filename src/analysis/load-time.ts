import { ts } from 'ts-morph';
import type { ModuleLinker } from './cross-file.js';
import type { ExecutionContext } from './execution.js';
import type { ModuleFacts } from './module-facts.js';
import { enclosingClassOfThis, hasModifier, isInStaticMember, skipOuterExpressions, staticName } from './syntax.js';

const MAX_DEPTH = 3;

/** A function or static method of the scan, and how to recognise a call of it. */
interface Callee {
  name: string;
  facts: ModuleFacts;
  /** True when `expression`, written in `where`, names this function. */
  isNamedBy(expression: ts.Expression, where: ModuleFacts): boolean;
}

/**
 * Functions that only ever run while modules load: a registry's `PluginManager.add(…)` called
 * at module scope of each plugin file, an `init()` called by the entry, the constructor of a
 * class only built at module scope. A function with no call seen, or passed somewhere as a
 * callback, is not one: something else may call it per request. Ask once every file is walked.
 */
export class LoadTimeFunctions {
  private index?: { calls: ReturnType<typeof indexCalls>; passed: ReturnType<typeof indexPassed> };
  private readonly verdicts = new Map<ts.Node, boolean>();

  constructor(private readonly linker: ModuleLinker) {}

  /** The context of the code at `node`, load-time when its function only runs while modules load. */
  contextOf(node: ts.Node, facts: ModuleFacts): ExecutionContext {
    const context = facts.execution.of(node);
    return context.runtime && context.function && this.runsOnlyAtLoad(context.function, 0) ? loadTime(context) : context;
  }

  /** Rewrites the recorded uses of every module whose function only runs while modules load. */
  markUses(): void {
    for (const facts of this.linker.modules) {
      for (const use of facts.allUses()) {
        const fn = use.context.runtime ? use.context.function : undefined;
        if (fn && this.runsOnlyAtLoad(fn, 0)) use.context = loadTime(use.context);
      }
    }
  }

  private runsOnlyAtLoad(fn: ts.FunctionLikeDeclaration, depth: number): boolean {
    const known = this.verdicts.get(fn);
    if (known !== undefined) return known;
    this.verdicts.set(fn, false); // a recursive call proves nothing
    this.index ??= { calls: indexCalls(this.linker.modules), passed: indexPassed(this.linker.modules) };
    const { calls, passed } = this.index;
    const callee = describeCallee(fn, this.linker);
    let verdict = false;
    if (callee && depth < MAX_DEPTH && !(passed.get(callee.name) ?? []).some(({ node, facts }) => callee.isNamedBy(node, facts))) {
      const sites = (calls.get(callee.name) ?? []).filter(({ node, facts }) => callee.isNamedBy(node, facts));
      verdict = sites.length > 0 && sites.every(({ call, facts }) => {
        const context = facts.execution.of(call);
        return !context.runtime || (context.function !== undefined && this.runsOnlyAtLoad(context.function, depth + 1));
      });
    }
    this.verdicts.set(fn, verdict);
    return verdict;
  }
}

function indexCalls(modules: readonly ModuleFacts[]) {
  return indexByName(modules, (facts) => [
    ...facts.namedCalls().map((call) => ({ node: call.expression, call: call as ts.CallExpression | ts.NewExpression })),
    ...facts.namedConstructions().map((call) => ({ node: call.expression, call: call as ts.CallExpression | ts.NewExpression })),
  ]);
}

function indexPassed(modules: readonly ModuleFacts[]) {
  return indexByName(modules, (facts) => facts.passedFunctions().map((node) => ({ node })));
}

function loadTime(context: ExecutionContext): ExecutionContext {
  return { runtime: false, where: `${context.where} (only called while modules load)`, requestPath: false };
}

function indexByName<T extends { node: ts.Expression }>(
  modules: readonly ModuleFacts[],
  entries: (facts: ModuleFacts) => T[],
): Map<string, (T & { facts: ModuleFacts })[]> {
  const index = new Map<string, (T & { facts: ModuleFacts })[]>();
  for (const facts of modules) {
    for (const entry of entries(facts)) {
      const name = staticName(skipOuterExpressions(entry.node));
      if (!name) continue;
      const list = index.get(name) ?? [];
      list.push({ ...entry, facts });
      index.set(name, list);
    }
  }
  return index;
}

/**
 * A top-level function (or `const f = () => …`), a static method of a top-level class, or the
 * constructor of a top-level class (called by `new C()`).
 */
function describeCallee(fn: ts.FunctionLikeDeclaration, linker: ModuleLinker): Callee | undefined {
  const facts = linker.factsOf(fn.getSourceFile());
  if (!facts) return undefined;
  if (ts.isConstructorDeclaration(fn) && ts.isClassDeclaration(fn.parent) && fn.parent.name) {
    const className = fn.parent.name.text;
    if (facts.bindings.get(className)?.declaration !== fn.parent) return undefined;
    return {
      name: className,
      facts,
      isNamedBy: (expression, where) => {
        const target = skipOuterExpressions(expression);
        return ts.isIdentifier(target) && isConstructed(target) && refersTo(target, where, facts, className, linker);
      },
    };
  }
  if (ts.isMethodDeclaration(fn) && hasModifier(fn, ts.SyntaxKind.StaticKeyword) && ts.isClassDeclaration(fn.parent) && fn.parent.name) {
    const className = fn.parent.name.text;
    const name = staticName(fn.name);
    if (!name || facts.bindings.get(className)?.declaration !== fn.parent) return undefined;
    const classNode = fn.parent;
    return {
      name,
      facts,
      isNamedBy(expression, where) {
        const target = skipOuterExpressions(expression);
        if (!ts.isPropertyAccessExpression(target) || target.name.text !== name) return false;
        const owner = skipOuterExpressions(target.expression);
        if (owner.kind === ts.SyntaxKind.ThisKeyword) return enclosingClassOfThis(target) === classNode && isInStaticMember(target);
        return ts.isIdentifier(owner) && refersTo(owner, where, facts, className, linker);
      },
    };
  }
  const name = topLevelName(fn, facts);
  if (!name) return undefined;
  return {
    name,
    facts,
    isNamedBy(expression, where) {
      const target = skipOuterExpressions(expression);
      if (ts.isIdentifier(target)) return refersTo(target, where, facts, name, linker);
      if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.expression) || target.name.text !== name) return false;
      const namespace = where.importOf(target.expression);
      return namespace?.imported === '*' && linker.resolveModule(where, namespace.module) === facts;
    },
  };
}

/** True when `identifier`, written in `where`, means the top-level binding `name` of `owner`. */
function refersTo(identifier: ts.Identifier, where: ModuleFacts, owner: ModuleFacts, name: string, linker: ModuleLinker): boolean {
  if (where === owner && identifier.text === name) return where.bindingOf(identifier) !== undefined;
  const imported = where.importOf(identifier);
  if (!imported || imported.imported === '*') return false;
  const declaration = linker.importedDeclaration(where, imported.module, imported.imported);
  return declaration?.facts === owner && declaration.binding === name;
}

/** True for the class of a `new` expression (`Store` in `new Store()`), not a call of it. */
function isConstructed(identifier: ts.Identifier): boolean {
  let child: ts.Node = identifier;
  while (ts.isParenthesizedExpression(child.parent)) child = child.parent;
  return ts.isNewExpression(child.parent) && child.parent.expression === child;
}

function topLevelName(fn: ts.FunctionLikeDeclaration, facts: ModuleFacts): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name && facts.bindings.get(fn.name.text)?.declaration === fn ? fn.name.text : undefined;
  const declaration = fn.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  return facts.bindings.get(declaration.name.text)?.declaration === declaration ? declaration.name.text : undefined;
}

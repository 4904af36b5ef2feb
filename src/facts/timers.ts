import { ts } from '../shared/typescript.cjs';
import { enclosingConnectionSocket, isPerEventListener } from './connections.js';
import type { ModuleFacts } from './module-facts.js';
import { enclosingClassOfThis, enclosingFunction, isFunctionLike, isInside, skipOuterExpressions, staticName } from './syntax.js';

export type TimerFunction = 'setInterval' | 'setTimeout' | 'clearInterval' | 'clearTimeout';

const TIMER_FUNCTIONS: ReadonlySet<string> = new Set(['setInterval', 'setTimeout', 'clearInterval', 'clearTimeout']);
const TIMER_MODULES: ReadonlySet<string> = new Set(['timers', 'node:timers']);
const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['globalThis', 'global']);
/** `flush().catch(log)` runs `flush()`. */
const PROMISE_METHODS: ReadonlySet<string> = new Set(['catch', 'then', 'finally']);

/** The global timer function a call uses, unless the name is the module's own or imported from elsewhere. */
export function globalTimerOf(call: ts.CallExpression, facts: ModuleFacts): TimerFunction | undefined {
  const callee = skipOuterExpressions(call.expression);
  let name: string | undefined;
  if (ts.isIdentifier(callee)) {
    name = callee.text;
    const imported = facts.imports.get(name);
    if (facts.bindings.has(name) || (imported && !TIMER_MODULES.has(imported.module))) return undefined;
  } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && GLOBAL_OBJECTS.has(callee.expression.text)) {
    name = callee.name.text;
  }
  return name !== undefined && TIMER_FUNCTIONS.has(name) ? (name as TimerFunction) : undefined;
}

/** The name a timer's handle is kept under: `poller` in `const poller = setInterval(…)` or `this.poller = …`. */
export function timerHandleName(call: ts.CallExpression): string | undefined {
  let parent = call.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) parent = parent.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return staticName(skipOuterExpressions(parent.left));
  return undefined;
}

/**
 * The functions a timer runs: its callback, and the module functions or methods of the same
 * class that the callback calls directly (`setInterval(() => this.flush(), 5000)`).
 */
export function timerCallbacks(call: ts.CallExpression, facts: ModuleFacts): ts.Node[] {
  const callback = call.arguments[0];
  if (!callback) return [];
  const target = skipOuterExpressions(callback);
  if (ts.isArrowFunction(target) || ts.isFunctionExpression(target)) {
    const called = directCalls(target).map((inner) => functionCalled(inner.expression, facts));
    return [target, ...called.filter((fn): fn is ts.FunctionLikeDeclaration => fn !== undefined)];
  }
  const named = functionCalled(unbound(target), facts);
  return named ? [named] : [];
}

/**
 * The functions a scheduled job runs: function arguments of the scheduling call (inline, or
 * named module functions and methods), or the method a scheduling decorator (`@Interval`) sits on.
 */
export function jobFunctions(call: ts.CallExpression | ts.NewExpression, facts: ModuleFacts): ts.Node[] {
  if (ts.isDecorator(call.parent) && ts.isMethodDeclaration(call.parent.parent)) return [call.parent.parent];
  const functions: ts.Node[] = [];
  for (const argument of call.arguments ?? []) {
    const value = skipOuterExpressions(argument);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) functions.push(value);
    else if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) {
      const named = functionCalled(value, facts);
      if (named) functions.push(named);
    }
  }
  return functions;
}

/** The calls a function makes as its own statements (or as its concise body). */
export function directCalls(fn: ts.FunctionLikeDeclaration): ts.CallExpression[] {
  const body = fn.body;
  if (!body) return [];
  const expressions = ts.isBlock(body)
    ? body.statements.filter(ts.isExpressionStatement).map((statement) => statement.expression)
    : [body];
  return expressions.map(innerCall).filter((call): call is ts.CallExpression => call !== undefined);
}

function innerCall(expression: ts.Expression): ts.CallExpression | undefined {
  let value = skipOuterExpressions(expression);
  while (ts.isVoidExpression(value) || ts.isAwaitExpression(value)) value = skipOuterExpressions(value.expression);
  if (!ts.isCallExpression(value)) return undefined;
  const callee = skipOuterExpressions(value.expression);
  if (ts.isPropertyAccessExpression(callee) && PROMISE_METHODS.has(callee.name.text)) {
    return innerCall(callee.expression) ?? value;
  }
  return value;
}

/** `flush.bind(this)` is `flush`. */
function unbound(expression: ts.Expression): ts.Expression {
  const value = skipOuterExpressions(expression);
  if (ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'bind') {
    return skipOuterExpressions(value.expression.expression);
  }
  return value;
}

/** The declaration of the function an expression names: a module function, or `this.method` of the enclosing class. */
export function functionCalled(expression: ts.Expression, facts: ModuleFacts): ts.FunctionLikeDeclaration | undefined {
  const target = skipOuterExpressions(expression);
  if (ts.isIdentifier(target)) {
    const declaration = facts.bindingOf(target)?.declaration;
    if (declaration && ts.isFunctionDeclaration(declaration)) return declaration;
    const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    const value = initializer && skipOuterExpressions(initializer);
    return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value : undefined;
  }
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  const owner = skipOuterExpressions(target.expression);
  const classNode = owner.kind === ts.SyntaxKind.ThisKeyword ? enclosingClassOfThis(target) : ts.isIdentifier(owner) ? classInstantiatedAs(owner, facts) : undefined;
  const method = classNode?.members.find((member) => ts.isMethodDeclaration(member) && staticName(member.name) === target.name.text);
  return method as ts.MethodDeclaration | undefined;
}

/** The class of this file that a module constant is an instance of: `auditLog` in `const auditLog = new AuditLog()`. */
function classInstantiatedAs(identifier: ts.Identifier, facts: ModuleFacts): ts.ClassDeclaration | undefined {
  const initializer = facts.bindingOf(identifier)?.initializer;
  const value = initializer && skipOuterExpressions(initializer);
  if (!value || !ts.isNewExpression(value) || !ts.isIdentifier(value.expression)) return undefined;
  const declaration = facts.bindingOf(value.expression)?.declaration;
  return declaration && ts.isClassDeclaration(declaration) ? declaration : undefined;
}

/** The name a function is called by: its own name, its variable's, or its method's. */
export function functionNameOf(fn: ts.Node): string | undefined {
  if (!isFunctionLike(fn)) return undefined;
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  if (ts.isMethodDeclaration(fn)) return staticName(fn.name);
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) return staticName(parent.name);
  return undefined;
}

/** Timers inside a per-connection or per-message listener belong to that client (heartbeats). */
export function runsPerClient(timer: ts.Node): boolean {
  if (enclosingConnectionSocket(timer)) return true;
  for (let fn = enclosingFunction(timer); fn; fn = enclosingFunction(fn)) if (isPerEventListener(fn)) return true;
  return false;
}

/** A poll that clears its own handle, in the function that started it or in its own callback, is bounded. */
export function isBounded(timer: ts.CallExpression, clears: readonly ts.CallExpression[]): boolean {
  const handle = timerHandleName(timer);
  if (!handle) return false;
  const scope = enclosingFunction(timer) ?? timer;
  return clears.some((clear) => clear.arguments[0] && staticName(clear.arguments[0]) === handle && isInside(clear, scope));
}

/** The enclosing function a `setTimeout` starts again without arguments: `setTimeout(poll, 5000)` inside `poll`. */
export function reArmedFunctionOf(timer: ts.CallExpression): string | undefined {
  const callback = timer.arguments[0];
  if (!callback) return undefined;
  let target: ts.Expression | undefined = callback;
  if (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) {
    const calls = directCalls(callback);
    target = calls.length === 1 && calls[0]!.arguments.length === 0 ? calls[0]!.expression : undefined;
  }
  const name = target && staticName(target);
  if (!name) return undefined;
  for (let fn = enclosingFunction(timer); fn; fn = enclosingFunction(fn)) if (functionNameOf(fn) === name) return name;
  return undefined;
}

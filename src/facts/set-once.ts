import { ts } from '../shared/typescript.cjs';
import type { ExecutionContext } from './execution.js';
import type { ModuleFacts } from './module-facts.js';
import { enclosingSection } from './sections.js';
import { enclosingFunction, firstStringArgument, isFunctionLike, skipOuterExpressions, staticName } from './syntax.js';

/** Functions that by their name run once while the service starts. */
const START_UP_NAMES: ReadonlySet<string> = new Set([
  'boot', 'bootstrap', 'configure', 'init', 'initialize', 'main', 'onApplicationBootstrap', 'onModuleInit', 'setUp', 'setup', 'start', 'startApp', 'startServer',
]);
const START_UP_PREFIX = /^(bootstrap|configure|init|initialize|setUp|setup)[A-Z_]/;
/** Functions that by their name take this instance's connections or the process down. */
const SHUT_DOWN_NAMES: ReadonlySet<string> = new Set([
  'beforeApplicationShutdown', 'close', 'destroy', 'disconnect', 'dispose', 'onApplicationShutdown', 'onModuleDestroy', 'shutdown', 'stop', 'teardown',
]);
/** Events about this process or one of its connections, not about a user. */
const LIFECYCLE_EVENTS: ReadonlySet<string> = new Set([
  'SIGHUP', 'SIGINT', 'SIGTERM', 'beforeExit', 'close', 'connect', 'connected', 'disconnect', 'disconnected', 'end', 'error', 'exit', 'listening', 'ready', 'reconnecting',
]);
const LISTENER_METHODS: ReadonlySet<string> = new Set(['addListener', 'on', 'once', 'prependListener', 'prependOnceListener']);

/** `globalThis` or `global`, the names of the global object in Node. */
export function isGlobalObject(expression: ts.Expression): boolean {
  return ts.isIdentifier(expression) && (expression.text === 'globalThis' || expression.text === 'global');
}

/** The module function a call runs while the module loads (`main()`, `void bootstrap()`, `init().catch(…)`). */
export function startUpCallee(call: ts.CallExpression, facts: ModuleFacts): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isIdentifier(callee) || facts.execution.of(call).runtime) return undefined;
  return facts.bindingOf(callee) ? callee.text : undefined;
}

/**
 * True when a run-time write happens at most once or only tears down: the lazy-init pattern
 * (`x ??= v`, `if (!x) x = v`, `if (x) return x; x = v`), a reset to `undefined`/`null`, or a
 * write outside request handlers in a start-up function or a lifecycle listener.
 */
export function isSetOnceWrite(node: ts.Node, context: ExecutionContext, calledAtLoad: ReadonlySet<string>, facts: ModuleFacts): boolean {
  if (ts.isBinaryExpression(node) && (isLazyInit(node) || isReset(node))) return true;
  return !context.requestPath && runsAtStartUp(node, calledAtLoad, facts);
}

function isLazyInit(write: ts.BinaryExpression): boolean {
  const operator = write.operatorToken.kind;
  if (operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken) return true;
  if (operator !== ts.SyntaxKind.EqualsToken) return false;
  const target = textOf(write.left);
  const right = skipOuterExpressions(write.right);
  if (ts.isBinaryExpression(right) && FALLBACKS.has(right.operatorToken.kind) && textOf(right.left) === target) return true;
  return isFallbackOf(write, target) || isGuardedByMissingTest(write, target);
}

/** `x ?? (x = v)`, `x || (x = v)`: the assignment only runs when `x` is empty. */
function isFallbackOf(write: ts.BinaryExpression, target: string): boolean {
  let child: ts.Node = write;
  while (ts.isParenthesizedExpression(child.parent)) child = child.parent;
  const parent = child.parent;
  return ts.isBinaryExpression(parent) && parent.right === child && FALLBACKS.has(parent.operatorToken.kind) && textOf(parent.left) === target;
}

const FALLBACKS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]);

function isReset(write: ts.BinaryExpression): boolean {
  if (write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const right = skipOuterExpressions(write.right);
  return right.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(right) || (ts.isIdentifier(right) && right.text === 'undefined');
}

/** Inside `if (!x) { … }`, or after `if (x) return …;` in the same function. */
function isGuardedByMissingTest(write: ts.Node, target: string): boolean {
  for (let current: ts.Node = write; current.parent && !isFunctionLike(current); current = current.parent) {
    const parent = current.parent;
    if (ts.isIfStatement(parent) && parent.thenStatement === current && conjuncts(parent.expression).some((test) => testsMissing(test, target))) return true;
    if ((ts.isBlock(parent) || ts.isSourceFile(parent)) && returnsEarlyWhenPresent(parent.statements, current, target)) return true;
  }
  return false;
}

function returnsEarlyWhenPresent(statements: readonly ts.Statement[], current: ts.Node, target: string): boolean {
  const index = statements.indexOf(current as ts.Statement);
  return statements.slice(0, Math.max(index, 0)).some((statement) => returnsWhenPresent(statement, target));
}

/** `if (x) return x;`, also nested in an outer `if` (`if (production) { if (x) return x; }`). */
function returnsWhenPresent(statement: ts.Statement, target: string): boolean {
  if (!ts.isIfStatement(statement)) return false;
  if (testsPresent(statement.expression, target) && exits(statement.thenStatement)) return true;
  const inner = ts.isBlock(statement.thenStatement) ? statement.thenStatement.statements : [statement.thenStatement];
  return inner.some((nested) => returnsWhenPresent(nested, target));
}

function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.some((inner) => ts.isReturnStatement(inner) || ts.isThrowStatement(inner));
}

function conjuncts(expression: ts.Expression): ts.Expression[] {
  const value = skipOuterExpressions(expression);
  if (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return [...conjuncts(value.left), ...conjuncts(value.right)];
  }
  return [value];
}

/** `!x`, `x === undefined`, `x == null`, `typeof x === 'undefined'`. */
function testsMissing(test: ts.Expression, target: string): boolean {
  if (ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) return textOf(test.operand) === target;
  return comparesWithNothing(test, target, [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]);
}

/** `x`, `x !== undefined`, `x != null`. */
function testsPresent(test: ts.Expression, target: string): boolean {
  if (textOf(test) === target) return true;
  return comparesWithNothing(skipOuterExpressions(test), target, [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
}

function comparesWithNothing(test: ts.Expression, target: string, operators: readonly ts.SyntaxKind[]): boolean {
  if (!ts.isBinaryExpression(test) || !operators.includes(test.operatorToken.kind)) return false;
  const [left, right] = [skipOuterExpressions(test.left), skipOuterExpressions(test.right)];
  const isNothing = (side: ts.Expression): boolean =>
    side.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(side) && side.text === 'undefined') || (ts.isStringLiteral(side) && side.text === 'undefined');
  const names = (side: ts.Expression): boolean => textOf(ts.isTypeOfExpression(side) ? side.expression : side) === target;
  return (names(left) && isNothing(right)) || (names(right) && isNothing(left));
}

function runsAtStartUp(node: ts.Node, calledAtLoad: ReadonlySet<string>, facts: ModuleFacts): boolean {
  const innermost = enclosingFunction(node);
  if (innermost && isLifecycleCallback(innermost)) return true;
  const section = enclosingSection(node);
  // A `.then()` callback chained at module scope (`main().then(() => …)`) runs once.
  if (!section) return true;
  const name = functionName(section);
  if (name === undefined) return false;
  return START_UP_NAMES.has(name) || START_UP_PREFIX.test(name) || (calledAtLoad.has(name) && facts.bindings.has(name));
}

/** True for a function that starts or stops this instance (`bootstrap`, `initDatabase`, `shutdown`, `onModuleDestroy`). */
export function isLifecycleFunction(fn: ts.FunctionLikeDeclaration): boolean {
  const name = functionName(fn);
  return name !== undefined && (START_UP_NAMES.has(name) || START_UP_PREFIX.test(name) || SHUT_DOWN_NAMES.has(name));
}

/** `process.on('SIGTERM', …)`, `redis.on('ready', …)`, `server.listen(port, …)`. */
function isLifecycleCallback(fn: ts.FunctionLikeDeclaration): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  if (method === 'listen') return true;
  const event = firstStringArgument(call);
  return LISTENER_METHODS.has(method) && event !== undefined && LIFECYCLE_EVENTS.has(event);
}

function functionName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (fn.name) return staticName(fn.name);
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return staticName(parent.name);
  return undefined;
}

function textOf(expression: ts.Expression): string {
  return skipOuterExpressions(expression).getText().replace(/\s+/g, '');
}

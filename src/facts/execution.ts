import { ts } from '../shared/typescript.cjs';
import { firstStringArgument, isFunctionLike, skipOuterExpressions, staticName } from './syntax.js';

/** When and where a piece of code runs, as far as syntax tells. */
export interface ExecutionContext {
  /** False for module-level code and code that only runs while the module loads. */
  runtime: boolean;
  /** Human description of the enclosing function: `addItem`, `POST /cart handler`. */
  where: string;
  /** True inside a route handler, middleware or controller action: code run per request. */
  requestPath: boolean;
  /** The function whose calls run this code (looking through IIFEs and synchronous callbacks). */
  function?: ts.FunctionLikeDeclaration;
  /**
   * What runs this code while the service serves its clients (see request-reach.ts): set once
   * every file is walked, on run-time code that a handler, a listener or a timer reaches.
   */
  servedBy?: ServedBy;
  /** True for run-time code that only start-up, shutdown and load-time code reaches (see request-reach.ts). */
  startUpOnly?: boolean;
}

/** The handler whose runs reach a piece of code. */
export interface ServedBy {
  /** A request (route handler, controller action, new connection), a message or event listener, or a timer. */
  trigger: 'request' | 'event' | 'timer';
  /** The handler, as evidence names it: `POST /cart handler`, `'message' listener`. */
  handler: string;
}

const MODULE_LOAD: ExecutionContext = { runtime: false, where: 'module scope', requestPath: false };

/** Methods that register a route handler or middleware: `app.get('/path', handler)`. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options', 'route']);
const SYNC_ITERATION_METHODS = new Set(['forEach', 'map', 'filter', 'reduce', 'some', 'every', 'find', 'findIndex', 'flatMap']);
const ONCE_DEFERRALS = new Set(['process.nextTick', 'setImmediate', 'queueMicrotask']);
const REQUEST_PARAMETERS = new Set(['req', 'request', 'res', 'response', 'reply', 'ctx']);
const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Query', 'Mutation', 'SubscribeMessage', 'MessagePattern', 'EventPattern']);

/** Memoizes the execution context of each function for one run. */
export class ExecutionContexts {
  private readonly contexts = new Map<ts.Node, ExecutionContext>();

  constructor(private readonly sourceFile: ts.SourceFile) {}

  /** The context of the code at `node`. */
  of(node: ts.Node): ExecutionContext {
    const fn = enclosingFunctionOrStaticBlock(node);
    if (!fn) return MODULE_LOAD;
    let context = this.contexts.get(fn);
    if (!context) {
      context = this.compute(fn);
      this.contexts.set(fn, context);
    }
    return context;
  }

  private compute(fn: ts.Node): ExecutionContext {
    if (ts.isClassStaticBlockDeclaration(fn)) return this.of(fn.parent);
    const call = callRunningImmediately(fn as ts.FunctionLikeDeclaration);
    // An IIFE or a synchronous callback of an iteration runs when its caller runs.
    if (call) return this.of(call);
    const outer = this.of(fn);
    const where = describeFunction(fn as ts.FunctionLikeDeclaration, this.sourceFile);
    return {
      runtime: true,
      where,
      requestPath: outer.requestPath || handlesRequests(fn as ts.FunctionLikeDeclaration),
      function: fn as ts.FunctionLikeDeclaration,
    };
  }
}

function enclosingFunctionOrStaticBlock(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current) || ts.isClassStaticBlockDeclaration(current)) return current;
  }
  return undefined;
}

/** The call that runs `fn` right away: `(() => …)()` or `list.forEach(fn)`. */
function callRunningImmediately(fn: ts.FunctionLikeDeclaration): ts.CallExpression | undefined {
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
  let child: ts.Node = fn;
  let parent = fn.parent;
  while (ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (!ts.isCallExpression(parent)) return undefined;
  if (parent.expression === child) return parent;
  const callee = parent.expression;
  // Deferred once to the next turn: runs once per run of its caller, like an IIFE.
  if (ONCE_DEFERRALS.has(callee.getText().replace(/\s+/g, ''))) return parent;
  if (ts.isPropertyAccessExpression(callee) && SYNC_ITERATION_METHODS.has(callee.name.text)) return parent;
  return undefined;
}

/** A short human name for a function, for evidence lines. */
export function describeFunction(fn: ts.FunctionLikeDeclaration, sourceFile: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(fn)) return `${className(fn.parent)} constructor`;
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
    const owner = ts.isClassLike(fn.parent) ? `${className(fn.parent)}.` : '';
    return `${owner}${staticName(fn.name) ?? 'method'}`;
  }
  if (ts.isFunctionDeclaration(fn) || (ts.isFunctionExpression(fn) && fn.name)) return fn.name?.text ?? 'default function';
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return staticName(parent.name) ?? 'a function';
  if (ts.isCallExpression(parent)) return describeCallback(parent, sourceFile);
  return 'a function';
}

function describeCallback(call: ts.CallExpression, sourceFile: ts.SourceFile): string {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    const path = firstStringArgument(call);
    if (method === 'use') return path ? `middleware at ${path}` : 'middleware';
    if (ROUTE_METHODS.has(method)) return path ? `${method.toUpperCase()} ${path} handler` : `${method} handler`;
    if ((method === 'on' || method === 'once' || method === 'addListener') && path) return `'${path}' listener`;
    return `callback of \`${callee.getText(sourceFile).replace(/\s+/g, '')}\``;
  }
  if (ts.isIdentifier(callee)) return `callback of \`${callee.text}\``;
  return 'a callback';
}

function handlesRequests(fn: ts.FunctionLikeDeclaration): boolean {
  const parent = fn.parent;
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression)) {
    if (ROUTE_METHODS.has(parent.expression.name.text)) return true;
  }
  if (ts.isMethodDeclaration(fn) && hasDecoratorNamed(fn, HTTP_DECORATORS)) return true;
  return fn.parameters.some((parameter) => ts.isIdentifier(parameter.name) && REQUEST_PARAMETERS.has(parameter.name.text));
}

export function hasDecoratorNamed(node: ts.Node, names: ReadonlySet<string>): boolean {
  return decoratorNames(node).some((name) => names.has(name));
}

/** Names of a node's decorators: `@Injectable()` and `@nest.Injectable()` give `Injectable`. */
export function decoratorNames(node: ts.Node): string[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).map((decorator) => {
    const expression = skipOuterExpressions(decorator.expression);
    const callee = ts.isCallExpression(expression) ? expression.expression : expression;
    return staticName(callee) ?? '';
  });
}

function className(node: ts.Node): string {
  return (ts.isClassLike(node) && node.name?.text) || 'class';
}

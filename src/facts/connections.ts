import { ts } from '../shared/typescript.cjs';
import { decoratorNames } from './execution.js';
import { rootIdentifier } from './origins.js';
import { enclosingFunction, firstStringArgument, skipOuterExpressions, staticName } from './syntax.js';

/** Events whose listener runs once per client connection; its first parameter is the client's socket. */
const CONNECTION_EVENTS: ReadonlySet<string> = new Set(['connection', 'connect']);
/** Events a service waits for once while starting: work started there runs for the life of the process. */
const START_UP_EVENTS: ReadonlySet<string> = new Set(['listening', 'ready', 'open', 'start', 'started']);
const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener']);
const HEADER_METHODS: ReadonlySet<string> = new Set(['writeHead', 'setHeader', 'set', 'header', 'type', 'setHeaders']);
const EVENT_STREAM = 'text/event-stream';
const ITERATION_METHODS: ReadonlySet<string> = new Set(['forEach', 'values', 'entries', 'keys']);
/** `io.to(room).emit`, `socket.broadcast.emit`: emits to other clients, which reach this instance's only. */
const ROOM_METHODS: ReadonlySet<string> = new Set(['to', 'in', 'except', 'broadcast']);
/** Names of collections that hold connections, and of values that are connections. */
const REGISTRY_NAME = /client|socket|connection|subscriber|listener|stream|peer|sse/i;
const SOCKET_LIKE = /^(ws|socket|sock|conn|connection|client|res|response|stream)$/i;

/** What a collection keeps when a write stores a connection, and how sure that is. */
export interface StoredConnection {
  what: 'sockets' | 'event-stream responses';
  strong: boolean;
}

/** The event a function listens to, when it is the callback of `x.on('event', fn)`. */
export function listenedEvent(fn: ts.Node): string | undefined {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined;
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !LISTENER_METHODS.has(callee.name.text)) return undefined;
  return firstStringArgument(call);
}

/** True for a listener that runs per event (per message, per connection), not once at start-up. */
export function isPerEventListener(fn: ts.Node): boolean {
  const event = listenedEvent(fn);
  return event !== undefined && !START_UP_EVENTS.has(event);
}

/**
 * The name of the client socket when `fn` handles one connection: the first parameter of a
 * `'connection'` listener or of a NestJS `handleConnection`, or a `@ConnectedSocket()` parameter.
 */
export function connectionSocketOf(fn: ts.Node): string | undefined {
  if (!ts.isFunctionLike(fn)) return undefined;
  const parameters = (fn as ts.SignatureDeclaration).parameters;
  const connected = parameters.find((parameter) => decoratorNames(parameter).includes('ConnectedSocket'));
  if (connected) return staticName(connected.name);
  const event = listenedEvent(fn);
  const handlesConnection = (event !== undefined && CONNECTION_EVENTS.has(event)) || (ts.isMethodDeclaration(fn) && staticName(fn.name) === 'handleConnection');
  return handlesConnection && parameters[0] ? staticName(parameters[0].name) : undefined;
}

/** The socket of the connection the code at `node` runs for, looking through enclosing functions. */
export function enclosingConnectionSocket(node: ts.Node): string | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const socket = connectionSocketOf(fn);
    if (socket) return socket;
  }
  return undefined;
}

/**
 * The object a call turns into a server-sent event stream: `res` in
 * `res.writeHead(200, { 'Content-Type': 'text/event-stream' })` or `reply.raw.setHeader(…)`.
 */
export function eventStreamResponseOf(call: ts.CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !HEADER_METHODS.has(callee.name.text)) return undefined;
  if (!call.arguments.some(namesEventStream)) return undefined;
  return rootIdentifier(callee.expression)?.text;
}

function namesEventStream(argument: ts.Expression): boolean {
  const value = skipOuterExpressions(argument);
  if (ts.isStringLiteralLike(value)) return value.text.toLowerCase().startsWith(EVENT_STREAM);
  if (!ts.isObjectLiteralExpression(value)) return false;
  return value.properties.some((property) => ts.isPropertyAssignment(property) && namesEventStream(property.initializer));
}

/** `io` and whether the emit goes to others for `io.to(room)`, `this.server.to(room)`, `socket.broadcast`. */
export function emitTargetOf(expression: ts.Expression): { receiver: string; toOthers: boolean } {
  let current = skipOuterExpressions(expression);
  let receiver = '';
  let toOthers = false;
  for (;;) {
    if (ts.isCallExpression(current)) current = skipOuterExpressions(current.expression);
    else if (ts.isPropertyAccessExpression(current)) {
      receiver = current.name.text;
      toOthers ||= ROOM_METHODS.has(receiver);
      current = skipOuterExpressions(current.expression);
    } else break;
  }
  return { receiver: ts.isIdentifier(current) ? current.text : receiver, toOthers };
}

/** True when the whole collection is walked: `for (… of x)`, `[...x]`, `Array.from(x)`, `x.forEach(…)`. */
export function isIteratedWhole(node: ts.Expression): boolean {
  const parent = node.parent;
  if ((ts.isForOfStatement(parent) && parent.expression === node) || ts.isSpreadElement(parent)) return true;
  if (ts.isCallExpression(parent)) return staticName(parent.expression) === 'from' && parent.arguments[0] === node;
  return ts.isPropertyAccessExpression(parent) && ITERATION_METHODS.has(parent.name.text) && ts.isCallExpression(parent.parent);
}

/**
 * Whether a write stores a connection: the socket of the connection listener it runs in, the
 * event-stream `response` of its handler, or (less sure) a value named like a socket in a
 * collection named like a registry.
 */
export function connectionStored(node: ts.Node, values: readonly ts.Expression[], holderName: string, response?: string): StoredConnection | undefined {
  const socket = enclosingConnectionSocket(node);
  if (socket && mentions(values, socket)) return { what: 'sockets', strong: true };
  if (response && mentions(values, response)) return { what: 'event-stream responses', strong: true };
  if (!REGISTRY_NAME.test(holderName)) return undefined;
  const named = values.map(valueName).find((name) => name !== undefined && SOCKET_LIKE.test(name));
  if (!named) return undefined;
  return { what: /^res/i.test(named) ? 'event-stream responses' : 'sockets', strong: false };
}

function mentions(values: readonly ts.Expression[], name: string): boolean {
  const pattern = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  return values.some((value) => pattern.test(value.getText()));
}

/** `socket`, or the shorthand `{ socket }` in an object literal. */
function valueName(value: ts.Expression): string | undefined {
  const target = skipOuterExpressions(value);
  if (ts.isIdentifier(target)) return target.text;
  if (!ts.isObjectLiteralExpression(target)) return undefined;
  return target.properties.map((property) => (ts.isShorthandPropertyAssignment(property) ? property.name.text : undefined)).find((name) => name && SOCKET_LIKE.test(name));
}

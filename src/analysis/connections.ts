import { ts } from 'ts-morph';
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

import { ts } from '../shared/typescript.cjs';
import type { ModuleLinker } from './cross-file.js';
import { ROUTE_METHODS, type ExecutionContext, type ServedBy } from './execution.js';
import type { ModuleFacts } from './module-facts.js';
import type { Use } from './uses.js';
import { describeCallee } from './callees.js';
import { isLifecycleFunction } from './set-once.js';
import { callKey, passedKey, type Reads } from './reads.js';
import { skipOuterExpressions, staticName } from './syntax.js';

/** How many callers up a function is followed to a handler. */
const MAX_DEPTH = 6;

/** Calls that run their callback again and again on a clock. */
const TIMER_CALLEES = new Set(['setInterval', 'schedule', 'scheduleJob', 'CronJob', 'Cron', 'every']);
/** Listener registrations: `.on(event, callback)`. */
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'addEventListener', 'subscribe', 'process', 'consume']);
/** Events of a process's own life, not of its clients: their listeners run at start-up or shutdown. */
const LIFECYCLE_EVENTS = new Set([
  'listening', 'close', 'closed', 'error', 'exit', 'beforeExit', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2',
  'uncaughtException', 'unhandledRejection', 'warning', 'ready', 'open', 'online', 'start', 'started', 'shutdown', 'end', 'finish',
]);

export interface SiteIndex {
  calls: ReadonlyMap<string, readonly { node: ts.Expression; call: ts.CallExpression | ts.NewExpression; facts: ModuleFacts }[]>;
  passed: ReadonlyMap<string, readonly { node: ts.Expression; facts: ModuleFacts }[]>;
}

/**
 * What reaches a function while the service runs: a handler (`ServedBy`), `unknown` (some chain
 * of callers ends in a function nothing in the scan calls, or goes further than can be followed),
 * or nothing but start-up, shutdown and load-time code (`undefined`).
 */
export type Reach = ServedBy | 'unknown' | undefined;

/**
 * Which functions run while the service serves its clients: a route handler, a controller
 * action, a socket or queue message listener, a timer callback, and every function one of them
 * calls (across files, as far as calls can be told apart by name, `MAX_DEPTH` callers up); and
 * which run only while it starts or stops. Memoized by function and depth, like the load-time
 * verdicts, so that answers do not depend on the order of the questions; what a verdict read
 * is recorded for the cache.
 */
export class RequestReach {
  private readonly verdicts = new Map<ts.Node, Verdict[]>();
  /** How many times a verdict met the depth bound, for telling which verdicts depend on it. */
  private limitHits = 0;
  /** Functions that call `.listen()` themselves. */
  private listeners?: Set<ts.Node>;

  constructor(
    private readonly linker: ModuleLinker,
    private readonly sites: () => SiteIndex,
  ) {}

  /** What reaches the code of `fn`. */
  reachOf(fn: ts.FunctionLikeDeclaration, depth = 0): Reach {
    let byDepth = this.verdicts.get(fn);
    if (!byDepth) this.verdicts.set(fn, (byDepth = []));
    const known = byDepth[depth] ?? unlimitedBelow(byDepth, depth);
    if (known) {
      if (known.limited) this.limitHits += 1;
      this.linker.recorder.link(known.reads);
      return known.verdict;
    }
    // A cycle (a function reached through itself) adds nothing at this depth.
    byDepth[depth] = { verdict: undefined, reads: undefined, limited: true, pending: true };
    const hitsBefore = this.limitHits;
    const { value: verdict, reads } = this.linker.recorder.collect(() => this.decide(fn, depth), fn.getSourceFile().fileName);
    byDepth[depth] = { verdict, reads, limited: this.limitHits > hitsBefore, pending: false };
    return verdict;
  }

  /** True when `fn` itself starts listening (`app.listen(port)`): the server's main function, whatever its name. */
  private startsServer(fn: ts.FunctionLikeDeclaration): boolean {
    if (!this.listeners) {
      this.listeners = new Set();
      for (const facts of this.linker.modules) {
        for (const call of facts.namedCalls()) {
          const callee = skipOuterExpressions(call.expression);
          if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'listen') continue;
          const owner = facts.execution.of(call).function;
          if (owner) this.listeners.add(owner);
        }
      }
    }
    return this.listeners.has(fn);
  }

  /** The record of what the verdict on `fn` at depth 0 read (after `reachOf`). */
  readsOf(fn: ts.FunctionLikeDeclaration): Reads | undefined {
    return this.verdicts.get(fn)?.[0]?.reads;
  }

  private decide(fn: ts.FunctionLikeDeclaration, depth: number): Reach {
    const facts = this.linker.factsOf(fn.getSourceFile());
    if (!facts) return 'unknown';
    const own = ownContext(fn, facts);
    if (own?.requestPath) return { trigger: 'request', handler: own.where };
    // `bootstrap`, `initDatabase`, `onModuleInit`, `shutdown`: named for starting or stopping the instance.
    if (isLifecycleFunction(fn) || this.startsServer(fn)) return undefined;
    // A function written as a callback: what the call it is passed to makes of it.
    const parent = skipParentheses(fn);
    if ((ts.isCallExpression(parent.parent) || ts.isNewExpression(parent.parent)) && parent.parent.expression !== parent.node) {
      return this.reachAsCallback(parent.parent, parent.node as ts.Expression, facts, depth);
    }
    if (depth >= MAX_DEPTH) {
      this.limitHits += 1;
      return 'unknown';
    }
    const callee = describeCallee(fn, this.linker);
    // A function whose calls cannot be told apart (an object's method, `exports.f = function`).
    if (!callee) return 'unknown';
    this.linker.recorder.key(callKey(callee.name));
    this.linker.recorder.key(passedKey(callee.name));
    const { calls, passed } = this.sites();
    let seen = false;
    let unknown = false;
    const weigh = (reach: Reach): ServedBy | undefined => {
      if (reach === 'unknown') unknown = true;
      return reach === 'unknown' ? undefined : reach;
    };
    for (const site of calls.get(callee.name) ?? []) {
      if (!callee.isNamedBy(site.node, site.facts)) {
        if (callee.mayBeNamedBy?.(site.node, site.facts)) unknown = true;
        continue;
      }
      seen = true;
      const served = weigh(this.reachAt(site.call, site.facts, depth + 1));
      if (served) return served;
    }
    for (const site of passed.get(callee.name) ?? []) {
      if (!callee.isNamedBy(site.node, site.facts)) continue;
      const call = site.node.parent;
      seen = true;
      if (!call || !(ts.isCallExpression(call) || ts.isNewExpression(call))) {
        unknown = true;
        continue;
      }
      const served = weigh(this.reachAsCallback(call, site.node, site.facts, depth + 1));
      if (served) return served;
    }
    return !seen || unknown ? 'unknown' : undefined;
  }

  /** What reaches the code at `node`: module scope runs once, at load. */
  private reachAt(node: ts.Node, facts: ModuleFacts, depth: number): Reach {
    const context = facts.execution.of(node);
    if (context.requestPath) return { trigger: 'request', handler: context.where };
    if (!context.runtime) return undefined;
    return context.function ? this.reachOf(context.function, depth) : undefined;
  }

  /** A callback passed to `call`: a handler when `call` registers one, else reached as the code that makes the call. */
  private reachAsCallback(call: ts.CallExpression | ts.NewExpression, callback: ts.Expression, facts: ModuleFacts, depth: number): Reach {
    const registered = registrationOf(call, callback);
    if (registered === 'lifecycle') return undefined;
    if (registered) return registered;
    return this.reachAt(call, facts, depth);
  }
}

/**
 * Whether a run-time write (or any use) changes state for the service's clients: a handler,
 * listener or timer reaches it, or code the scan cannot follow may (a function nothing in the
 * scan calls, which code outside it may). Not when only start-up, shutdown and load-time code
 * reaches it: a registry filled by plugins while the server starts, a configuration set by
 * `bootstrap()`.
 */
export function isWrittenForClients(use: Pick<Use, 'context'>): boolean {
  return !use.context.startUpOnly;
}

/**
 * Whether a handler, listener or timer is known to reach a use (or it is inside a request
 * handler). A module value that only code the scan cannot follow changes is, on the corpus of
 * real services, more often configuration, a client handle or lifecycle state than something
 * users see differ between instances: a rule that reports plain values asks for this proof.
 */
export function isWrittenByServedCode(use: Pick<Use, 'context'>): boolean {
  return use.context.requestPath || use.context.servedBy !== undefined;
}

/** A memoized verdict: `limited` when the depth bound was met on the way (the answer may change with the depth). */
interface Verdict {
  verdict: Reach;
  reads: Reads | undefined;
  limited: boolean;
  pending: boolean;
}

/**
 * A verdict worked out deeper that never met the depth bound: asked higher up, with more room,
 * the same callers are followed to the same ends, so it is the answer (and the reads) here too.
 */
function unlimitedBelow(byDepth: readonly (Verdict | undefined)[], depth: number): Verdict | undefined {
  for (let deeper = depth + 1; deeper < byDepth.length; deeper++) {
    const known = byDepth[deeper];
    if (known && !known.pending && !known.limited) return known;
  }
  return undefined;
}

/** The context of the code in `fn`'s body. */
function ownContext(fn: ts.FunctionLikeDeclaration, facts: ModuleFacts): ExecutionContext | undefined {
  const inside = fn.body ?? fn.parameters[0];
  return inside ? facts.execution.of(inside) : undefined;
}

function skipParentheses(node: ts.Node): { node: ts.Node; parent: ts.Node } {
  let child = node;
  while (ts.isParenthesizedExpression(child.parent)) child = child.parent;
  return { node: child, parent: child.parent };
}

/**
 * What registering `callback` with `call` makes of it: a route handler, a timer, a message
 * listener, a lifecycle listener (start-up or shutdown: serves no one), or nothing (the callback
 * runs as part of the code that makes the call: `.then`, `new Promise`, a helper's callback).
 */
function registrationOf(call: ts.CallExpression | ts.NewExpression, callback: ts.Expression): ServedBy | 'lifecycle' | undefined {
  const callee = skipOuterExpressions(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? staticName(callee.name) : undefined;
  if (!name) return undefined;
  const args = call.arguments ?? [];
  const first = args[0] && skipOuterExpressions(args[0]);
  const event = first && ts.isStringLiteralLike(first) ? first.text : undefined;
  // server.listen(port, callback): runs once, when the server is up.
  if (name === 'listen') return 'lifecycle';
  if (TIMER_CALLEES.has(name)) return { trigger: 'timer', handler: `${name} callback` };
  // passport.use(new LocalStrategy(verify)): the verify callback runs on each login.
  if (ts.isNewExpression(call) && name.endsWith('Strategy')) return { trigger: 'request', handler: `${name} verify callback` };
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipOuterExpressions(callee.expression);
  if (LISTENER_METHODS.has(name) && args[0] !== callback) {
    if ((ts.isIdentifier(receiver) && receiver.text === 'process') || (event !== undefined && LIFECYCLE_EVENTS.has(event))) return 'lifecycle';
    return { trigger: event === 'connection' || event === 'connect' ? 'request' : 'event', handler: event ? `'${event}' listener` : `${name} listener` };
  }
  // app.get('/path', handler), router.use(middleware), fastify.route({ handler }) is a handler by its parameters.
  if (ROUTE_METHODS.has(name) && args[0] !== callback && (event !== undefined || name === 'use')) {
    return { trigger: 'request', handler: event ? `${name.toUpperCase()} ${event} handler` : 'middleware' };
  }
  return undefined;
}


import { ts } from '../src/shared/typescript.cjs';
import { originOf } from '../src/facts/origins.js';
import { hasModifier, shortText, skipOuterExpressions, staticName } from '../src/facts/syntax.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';

/** Calls that run a callback later, in this process. */
const DEFERRALS = new Set(['setImmediate', 'setTimeout', 'queueMicrotask', 'nextTick']);
const PROMISE_CHAIN = new Set(['then', 'catch', 'finally']);
/** Work that only reports about this process: losing it loses a log line, not a user's work. */
const REPORTING = /^(log|logger|logging|console|debug|info|warn|warning|error|trace|track\w*|capture\w*|report(Error|Exception)|metrics?|stats|statsd|analytics|telemetry|sentry|posthog|segment|mixpanel|span|tracer|app[Ii]nsights)$/;
/** Operations on the connection or response at hand: they finish with it, nothing is left to lose. */
const CONNECTION_METHODS = new Set(['join', 'leave', 'emit', 'write', 'end', 'close', 'destroy', 'disconnect', 'status', 'json', 'redirect', 'render', 'setHeader', 'pipe']);
/** Names of what answers the client: work that uses one finishes before the answer. */
const RESPONDERS = /^(res|response|reply|ctx|context|next|done|cb|callback|ack|resolve|stream|ws|socket|\w+Socket|\w+Stream)$/;
/** Receivers that already hand work to a broker or a durable queue, by name. */
const DURABLE = /queue|producer|broker|bull|kafka|temporal|workflow|outbox|pubsub|amqp|sqs|nats/i;
/** Packages whose clients take work durably: a call on one of their objects hands the work over. */
const DURABLE_PACKAGES = /^(bullmq|bull|bee-queue|pg-boss|agenda|graphile-worker|kafkajs|amqplib|amqp-connection-manager|nats|@temporalio\/client|@google-cloud\/pubsub|@aws-sdk\/client-sqs|@aws-sdk\/client-sns|@azure\/service-bus|inngest|@trigger\.dev\/sdk)(\/|$)/;

export default defineRule({
  id: 'unawaited-work',
  kind: 'queue',
  title: 'Work a request starts and does not wait for',
  description:
    'Flags work that code serving a request or a message starts and neither awaits nor hands to a durable queue: `void sendEmail()`, a promise chain left as a statement (`charge().then(...)`), an async callback deferred with `setImmediate`/`setTimeout`, a call of an `async` function of the module whose promise is dropped.',
  severity: 'warning',
  impact:
    'The work lives only in this process until it finishes: when the instance is stopped, scaled in or crashes, it is lost without a trace, and the client was already told it succeeded.',
  move: 'Hand it to a job queue (BullMQ, a database-backed queue, an outbox table) that retries it on any instance, or await it before answering.',
  precedence: 18,
  messages: {
    started: '`{{call}}` started in {{where}} and not awaited: lost if this instance stops first',
  },
  docs: {
    rationale:
      'A request that answers before its work is done leaves that work in the memory of one process. Nothing else knows it exists: no other instance can pick it up, and a deploy or a crash drops it.',
    notState:
      'Awaited or returned work, work at start-up, a timer job (local-scheduler reports those), a message handed to a queue or broker client, and calls that only log or report metrics are not flagged.',
    flagged: [
      "import express from 'express';",
      'const app = express();',
      'async function sendWelcomeEmail(to: string): Promise<void> {',
      '  await fetch(`https://mail.example.com/send?to=${to}`);',
      '}',
      "app.post('/signup', (req, res) => {",
      '  void sendWelcomeEmail(req.body.email);',
      '  res.status(201).end();',
      '});',
    ].join('\n'),
    notFlagged: [
      "import express from 'express';",
      'const app = express();',
      'async function sendWelcomeEmail(to: string): Promise<void> {',
      '  await fetch(`https://mail.example.com/send?to=${to}`);',
      '}',
      "app.post('/signup', async (req, res) => {",
      '  await sendWelcomeEmail(req.body.email);',
      '  res.status(201).end();',
      '});',
    ].join('\n'),
  },
  create(context) {
    return {
      CallExpression(node) {
        const started = startedWork(node, context);
        if (!started) return;
        const where = context.facts.execution.of(node);
        if (!where.runtime || !where.function) return;
        const reach = where.requestPath ? { trigger: 'request', handler: where.where } : context.program.loadTime.requests.reachOf(where.function);
        // Only work a client's request or message starts; timers are local-scheduler's.
        if (reach === undefined || reach === 'unknown' || reach.trigger === 'timer') return;
        context.report({
          node: started.statement,
          messageId: 'started',
          data: { call: started.call, where: reach.handler },
          symbol: started.call,
          confidence: 'medium',
          evidence: [{ node: started.statement, message: `started by ${reach.handler}${reach.handler === where.where ? '' : ` through ${where.where}`}, not awaited` }],
        });
      },
    };
  },
});

/** The statement that starts work and drops its promise, and the call it starts, or nothing. */
function startedWork(call: ts.CallExpression, context: RuleContext): { statement: ts.Expression; call: string } | undefined {
  const statement = droppedExpression(call);
  if (!statement) return undefined;
  const root = chainRoot(call);
  const name = calleeName(root);
  const isMethod = ts.isPropertyAccessExpression(skipOuterExpressions(root.expression));
  if (!name || REPORTING.test(name) || (isMethod && CONNECTION_METHODS.has(name)) || isReportingReceiver(root) || handsToBroker(root, context)) return undefined;
  // The answer is sent when the work is done (`.then((rows) => res.json(rows))`), or the work writes
  // to the client's own stream or socket: the client waits for it.
  if (answersWhenDone(call) || (isMethod && RESPONDERS.test(receiverName(root) ?? ''))) return undefined;
  const text = `${shortText(root.expression, context.sourceFile, 40)}()`;
  if (ts.isVoidExpression(statement)) return { statement, call: text };
  if (root !== call) return { statement, call: text };
  if (DEFERRALS.has(name)) {
    const callback = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
    return callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) && hasModifier(callback, ts.SyntaxKind.AsyncKeyword)
      ? { statement, call: `${name}(async …)` }
      : undefined;
  }
  return isAsyncFunctionOfModule(root, context) ? { statement, call: text } : undefined;
}

/**
 * The expression statement (or `void` expression in one) whose value is `call`'s, when nothing
 * awaits, returns or stores it; for a promise chain, only its last call counts.
 */
function droppedExpression(call: ts.CallExpression): ts.Expression | undefined {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  if (ts.isVoidExpression(node.parent) && ts.isExpressionStatement(node.parent.parent)) return node.parent;
  if (!ts.isExpressionStatement(node.parent)) return undefined;
  // A bare call that is the inner call of a chain is reported at the chain's end, not twice.
  return node as ts.Expression;
}

/** True when the call or its chain mentions what answers the client (`res`, `ctx`, `next`, a callback). */
function answersWhenDone(call: ts.CallExpression): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && RESPONDERS.test(node.text) && (!ts.isPropertyAccessExpression(node.parent) || node.parent.expression === node)) found = true;
    else ts.forEachChild(node, visit);
  };
  for (const argument of call.arguments) visit(argument);
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee) && PROMISE_CHAIN.has(callee.name.text)) {
    const inner = skipOuterExpressions(callee.expression);
    if (ts.isCallExpression(inner)) return found || answersWhenDone(inner);
  }
  return found;
}

/** `send(x).then(a).catch(b)` -> `send(x)`. */
function chainRoot(call: ts.CallExpression): ts.CallExpression {
  let current = call;
  for (;;) {
    const callee = skipOuterExpressions(current.expression);
    if (!ts.isPropertyAccessExpression(callee) || !PROMISE_CHAIN.has(callee.name.text)) return current;
    const inner = skipOuterExpressions(callee.expression);
    if (!ts.isCallExpression(inner)) return current;
    current = inner;
  }
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? staticName(callee.name) : undefined;
}

/** A call on a queue or broker client (`emails.add(…)` of a BullMQ `Queue`, `producer.send(…)`). */
function handsToBroker(call: ts.CallExpression, context: RuleContext): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (DURABLE.test(callee.getText(context.sourceFile))) return true;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const origin = originOf(callee.expression, context.facts);
  return origin !== undefined && DURABLE_PACKAGES.test(origin.module);
}

/** `logger.info(…)`, `console.log(…)`, `this.analytics.track(…)`. */
function isReportingReceiver(call: ts.CallExpression): boolean {
  const name = receiverName(call);
  return name !== undefined && REPORTING.test(name);
}

/** The last name of a method call's receiver: `logger` in `this.logger.info()`. */
function receiverName(call: ts.CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipOuterExpressions(callee.expression);
  return ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
}

/** `notify(x)` of an `async function notify` of this module, or `this.notify(x)` of an async method of the class. */
function isAsyncFunctionOfModule(call: ts.CallExpression, context: RuleContext): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) {
    const binding = context.facts.bindingOf(callee);
    const declaration = binding?.declaration;
    if (declaration && ts.isFunctionDeclaration(declaration)) return hasModifier(declaration, ts.SyntaxKind.AsyncKeyword);
    const value = binding?.initializer && skipOuterExpressions(binding.initializer);
    return value !== undefined && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) && hasModifier(value, ts.SyntaxKind.AsyncKeyword);
  }
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    let classNode: ts.Node | undefined = callee.parent;
    while (classNode && !ts.isClassLike(classNode)) classNode = classNode.parent;
    const method = classNode && (classNode as ts.ClassLikeDeclaration).members.find((member) => ts.isMethodDeclaration(member) && staticName(member.name) === callee.name.text);
    return method !== undefined && hasModifier(method, ts.SyntaxKind.AsyncKeyword);
  }
  return false;
}

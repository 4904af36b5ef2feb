import { ts } from '../src/shared/typescript.cjs';
import { emptiesHolder, EMPTYING_USES } from './utils/buffers.js';
import { singletonReason } from '../src/facts/holders.js';
import { listenedEvent } from '../src/facts/connections.js';
import { instanceMethodsOf, matchInstanceCall } from './utils/instance-calls.js';
import { matchSourceCall, placementOf, type SourceCall } from './utils/library-calls.js';
import { objectLiteralOf } from '../src/facts/origins.js';
import { describeSchedule, scheduleOf, type ScheduleProperties } from './utils/schedules.js';
import { enclosingClassOfThis, enclosingFunction, findProperty, isInside, isInStaticMember, shortText, staticName } from '../src/facts/syntax.js';
import { directCalls, functionCalled, functionNameOf, globalTimerOf, isBounded, jobFunctions, reArmedFunctionOf, runsPerClient, timerCallbacks } from '../src/facts/timers.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';

type MessageId = 'library' | 'libraryOnce' | 'libraryShared' | 'interval' | 'selfRescheduling';

const RULE_ID = 'local-scheduler';
/** Functions that run while the service starts: timers started there run for the life of the process. */
const START_UP_NAME = /^(start|init|boot|main|setup|run|listen|schedule|register|onModuleInit$|onApplicationBootstrap$)/i;

/** Words of a timer that watches its own instance (its gauges, memory, connections, health): once per instance is right. */
const INSTANCE_MONITORING = /gauge|memoryUsage|cpuUsage|eventLoopUtilization|heapUsed|getConnections|heartbeat|healthcheck|unhealthy|isHealthy/i;

export default defineRule({
  id: RULE_ID,
  kind: 'scheduler',
  title: 'Periodic job run by each instance',
  description:
    'Flags periodic work the service starts in its own process: setInterval and self-rescheduling setTimeout at module level or at start-up, node-cron, node-schedule, cron CronJob, croner, toad-scheduler jobs, Bree, and NestJS @Cron, @Interval and @Timeout. BullMQ repeatable jobs and Agenda `every()` are reported as Instance-local N.',
  severity: 'warning',
  impact:
    'The job runs once per instance: with N instances it runs N times per period (N reminder emails, N nightly invoices, N conflicting clean-ups), and it stops whenever the instance running it dies.',
  move: 'Run the job once across the fleet: a queue with repeatable jobs (BullMQ, Agenda), a platform scheduler (Kubernetes CronJob, Cloud Scheduler) calling one instance, or a lock or leader election around it.',
  precedence: 38,
  messages: {
    library: '{{label}}{{when}} runs in every instance',
    libraryOnce: '{{label}} runs once at start-up in every instance',
    libraryShared: '{{label}}{{when}} is kept in a shared store',
    interval: 'setInterval job{{when}} started in {{where}} runs in every instance',
    selfRescheduling: '`{{name}}` reschedules itself with setTimeout{{when}} in every instance',
  },
  docs: {
    rationale:
      'A timer or cron job started by the service is started again by every copy of the service. Nothing coordinates the copies, so periodic work multiplies with the instance count and moves nowhere when an instance goes away.',
    notState:
      'A setTimeout used once as a delay inside a request, a heartbeat per connection, a poll that clears its own interval, a timer reporting the instance\'s own gauges or health, and a timer or job that only flushes or prunes the instance\'s own buffer or cache (that buffer or cache is the finding) are not flagged. BullMQ repeatable jobs and Agenda `every()` get an Instance-local N line.',
    flagged: [
      "import cron from 'node-cron';",
      "cron.schedule('0 8 * * *', async () => {",
      '  await sendDailyDigest();',
      '});',
      'declare function sendDailyDigest(): Promise<void>;',
    ].join('\n'),
    notFlagged: [
      'export async function chargeWithRetry(charge: () => Promise<void>) {',
      '  try {',
      '    await charge();',
      '  } catch {',
      '    await new Promise((resolve) => setTimeout(resolve, 500));',
      '    await charge();',
      '  }',
      '}',
    ].join('\n'),
  },
  create(context) {
    const timers: ts.CallExpression[] = [];
    const clears: ts.CallExpression[] = [];
    const jobs: SourceCall[] = [];
    const instanceMethods = instanceMethodsOf(context.catalogue, RULE_ID);
    const checkLibrary = (node: ts.CallExpression | ts.NewExpression): void => {
      const method = ts.isCallExpression(node) ? staticName(node.expression) : undefined;
      const match =
        matchSourceCall(node, RULE_ID, context.facts, context.catalogue) ??
        (method && instanceMethods.has(method) ? matchInstanceCall(node as ts.CallExpression, RULE_ID, context) : undefined);
      if (match) jobs.push(match);
    };
    return {
      CallExpression(node) {
        const timer = globalTimerOf(node, context.facts);
        if (timer === 'setInterval' || timer === 'setTimeout') timers.push(node);
        else if (timer) clears.push(node);
        else checkLibrary(node);
      },
      NewExpression: checkLibrary,
      // Reported after the walk: whether a job only flushes a buffer depends on uses recorded later.
      'Program:exit'() {
        for (const job of jobs) reportLibraryJob(job, context);
        for (const timer of timers) reportTimer(timer, clears, context);
      },
    };
  },
});

function reportLibraryJob(match: SourceCall, context: RuleContext<MessageId>): void {
  const { source, call } = match;
  if (source.activeWhen && !hasOption(match, source.activeWhen, context)) return;
  if (maintainsOwnState(jobFunctions(call, context.facts), context)) return;
  const once = source.usage === 'runs-once';
  // A method on a created object (`queue.add(name, data, options)`) states its schedule in its options only.
  const scheduleArguments = source.export.includes('#') ? (match.options ? [match.options] : []) : (call.arguments ?? []);
  const properties = scheduleOf(scheduleArguments, context.facts, !once);
  const placement = placementOf(match, context.facts, context.catalogue);
  const messageId = !placement.instanceLocal ? 'libraryShared' : once ? 'libraryOnce' : 'library';
  const execution = context.facts.execution.of(call);
  context.report({
    node: call,
    messageId,
    data: { label: source.label, when: describeSchedule(properties) },
    symbol: `${shortText(call.expression, context.sourceFile, 40)}()`,
    instanceLocal: placement.instanceLocal,
    confidence: placement.confidence,
    move: placement.instanceLocal ? undefined : `Keep it shared: ${placement.reason}.`,
    evidence: [{ node: placement.node, message: `${placement.reason} (${ts.isDecorator(call.parent) ? 'runs' : 'scheduled in'} ${execution.where})` }],
    ...withProperties(properties),
  });
}

function hasOption(match: SourceCall, option: string, context: RuleContext<MessageId>): boolean {
  const literal = objectLiteralOf(match.options, context.facts);
  return literal !== undefined && findProperty(literal, option) !== undefined;
}

function reportTimer(timer: ts.CallExpression, clears: readonly ts.CallExpression[], context: RuleContext<MessageId>): void {
  const isInterval = globalTimerOf(timer, context.facts) === 'setInterval';
  const loop = isInterval ? undefined : reArmedFunctionOf(timer);
  if (!isInterval && !loop) return;
  const execution = context.facts.execution.of(timer);
  if (execution.requestPath || runsPerClient(timer) || isBounded(timer, clears) || isPerObjectTimer(timer, context)) return;
  const callbacks = timerCallbacks(timer, context.facts);
  if (maintainsOwnState(callbacks, context) || callbacks.some((fn) => INSTANCE_MONITORING.test(fn.getText()))) return;
  const delay = timer.arguments[1];
  const properties = delay ? scheduleOf([delay], context.facts, true) : {};
  const fn = enclosingFunction(timer);
  context.report({
    node: timer,
    messageId: isInterval ? 'interval' : 'selfRescheduling',
    data: { name: loop ?? '', when: describeSchedule(properties), where: execution.where },
    symbol: `${isInterval ? 'setInterval' : 'setTimeout'}(${loop ?? callbackName(timer, context)})`,
    confidence: loop || !fn || startsWithService(fn) ? 'high' : 'medium',
    evidence: [{ node: timer, message: `started in ${execution.where}: each instance runs its own copy` }],
    ...withProperties(properties),
  });
}

function withProperties(properties: ScheduleProperties): { properties?: Record<string, number | string> } {
  return Object.keys(properties).length > 0 ? { properties: { ...properties } } : {};
}

/** A job that drains or prunes a long-lived holder keeps that holder tidy: the holder is the finding. */
function maintainsOwnState(callbacks: readonly ts.Node[], context: RuleContext<MessageId>): boolean {
  if (callbacks.length === 0) return false;
  return context.stateHolders().some((holder) =>
    context.facts.usesOf(holder.key, EMPTYING_USES).some((use) => emptiesHolder(use, holder) && callbacks.some((fn) => isInside(use.node, fn))),
  );
}

/** Module-level code, constructors, start-up hooks and `listen` callbacks run once when the service starts. */
function startsWithService(fn: ts.Node): boolean {
  if (ts.isConstructorDeclaration(fn)) return true;
  const name = functionNameOf(fn);
  if (name && START_UP_NAME.test(name)) return true;
  const call = fn.parent;
  if (ts.isCallExpression(call) && staticName(call.expression) === 'listen') return true;
  return listenedEvent(fn) !== undefined;
}

/** What a timer runs, for its symbol: `sendDueReminders`, `this.poll`, or `callback`. */
function callbackName(timer: ts.CallExpression, context: RuleContext<MessageId>): string {
  const callback = timer.arguments[0];
  if (!callback) return '';
  const first = ts.isArrowFunction(callback) || ts.isFunctionExpression(callback) ? directCalls(callback)[0]?.expression : callback;
  if (!first) return 'callback';
  const named = functionCalled(first, context.facts);
  return (named && functionNameOf(named)) ?? shortText(first, context.sourceFile, 30);
}

/**
 * `this.poll = setInterval(…)` in a class that is not a process singleton: each object (one per
 * connection, per document) runs its own timer for its own life, not a job of the instance.
 */
function isPerObjectTimer(timer: ts.CallExpression, context: RuleContext<MessageId>): boolean {
  let child: ts.Node = timer;
  while (ts.isParenthesizedExpression(child.parent)) child = child.parent;
  const assignment = child.parent;
  if (!ts.isBinaryExpression(assignment) || assignment.right !== child || !ts.isPropertyAccessExpression(assignment.left)) return false;
  if (assignment.left.expression.kind !== ts.SyntaxKind.ThisKeyword || isInStaticMember(timer)) return false;
  const classNode = enclosingClassOfThis(timer);
  if (!classNode || !ts.isClassDeclaration(classNode)) return false;
  const instances = context.program.instances.get(classNode);
  return singletonReason(classNode, instances?.length === 1 ? instances[0] : undefined) === undefined;
}

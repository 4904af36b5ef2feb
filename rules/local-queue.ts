import { ts } from '../src/shared/typescript.cjs';
import { drainedBuffers, type DrainedBuffer } from './utils/buffers.js';
import { libraryStateAt, type LibraryState } from './utils/library-calls.js';
import type { UseSelector } from '../src/facts/uses.js';
import { describeWrites, writeEvidence } from './utils/write-evidence.js';
import { globalTimerOf, timerCallbacks } from '../src/facts/timers.js';
import { hasModifier, isInside } from '../src/facts/syntax.js';
import { defineRule, type EvidenceInput, type RuleContext } from '../src/engine/rule.js';

type MessageId = 'buffer' | 'library';

/** Methods that put a job into an in-memory queue (p-queue, fastq, async, better-queue). */
const FEED_METHODS: ReadonlySet<string> = new Set(['add', 'addAll', 'push', 'unshift']);
const FEEDING_USES: UseSelector = { kinds: ['call'], methods: FEED_METHODS };

export default defineRule({
  id: 'local-queue',
  kind: 'queue',
  title: 'Outgoing work queued in process memory',
  description:
    'Flags work held in process memory before it reaches a broker or a database: module-level or singleton arrays that handlers push to and that are drained later (batching buffers for analytics, audit logs, emails), and in-memory job queues (p-queue, fastq, async queue and cargo, better-queue) created for the life of the process.',
  severity: 'error',
  impact:
    'Pending work is lost when the instance crashes, is scaled in or is drained in a deploy: buffered events, audit entries or emails that were accepted never arrive, and nothing on the other instances knows they existed.',
  move: 'Hand the work to a durable queue (BullMQ, SQS, Kafka, RabbitMQ) when it is accepted, or write it through to the database; batch on the consumer side.',
  precedence: 34,
  messages: {
    buffer: 'array `{{name}}` holds outgoing work in process memory until it is drained (filled by {{fills}}, drained by {{drains}})',
    library: '{{label}} `{{name}}` holds pending jobs in process memory',
  },
  docs: {
    rationale:
      'Work accepted by a request but not yet handed on exists only in the memory of the process that accepted it. A batching buffer or an in-memory job queue turns every restart into data loss.',
    notState:
      'An array filled while the module loads and only read, a list of recent entries capped with a bare `shift()` (module-cache reports it), a batch built and sent inside one function, and a queue created per request are not flagged. A timer that flushes the buffer is part of this finding, not a scheduler.',
    flagged: [
      'const pendingEvents: object[] = [];',
      'export function track(event: object) {',
      '  pendingEvents.push(event);',
      '}',
      'setInterval(() => {',
      '  const batch = pendingEvents.splice(0);',
      '  void send(batch);',
      '}, 5_000);',
      'declare function send(batch: object[]): Promise<void>;',
    ].join('\n'),
    notFlagged: [
      "const CHANNELS: string[] = [];",
      "CHANNELS.push('email', 'sms');",
      'export async function notifyAll(message: string) {',
      '  const batch: string[] = [];',
      '  for (const channel of CHANNELS) batch.push(`${channel}:${message}`);',
      '  await send(batch.splice(0));',
      '}',
      'declare function send(batch: string[]): Promise<void>;',
    ].join('\n'),
  },
  create(context) {
    const timers: ts.CallExpression[] = [];
    const queues: LibraryState[] = [];
    const collect = (node: ts.CallExpression | ts.NewExpression): void => {
      const state = libraryStateAt(node, 'local-queue', context);
      if (state?.site.lifetime) queues.push(state);
    };
    return {
      CallExpression(node) {
        const timer = globalTimerOf(node, context.facts);
        if (timer === 'setInterval' || timer === 'setTimeout') timers.push(node);
        else collect(node);
      },
      NewExpression: collect,
      'Program:exit'() {
        for (const buffer of drainedBuffers(context)) reportBuffer(buffer, timers, context);
        for (const queue of queues) reportLibraryQueue(queue, context);
      },
    };
  },
});

function reportBuffer(buffer: DrainedBuffer, timers: readonly ts.CallExpression[], context: RuleContext<MessageId>): void {
  const { holder, fills, drains } = buffer;
  const flushTimers = timers.filter((timer) => timerCallbacks(timer, context.facts).some((fn) => drains.some((drain) => isInside(drain.node, fn))));
  const evidence: EvidenceInput[] = [
    ...writeEvidence(holder, fills.slice(0, 3)),
    ...drains.slice(0, 3).map((drain) => ({ node: drain.node, message: `drained in ${drain.context.where}` })),
    ...flushTimers.slice(0, 2).map((timer) => ({ node: timer, message: 'drained by a timer of this instance: what is still buffered dies with it' })),
  ];
  const confident = flushTimers.length > 0 || fills.some((fill) => fill.context.requestPath);
  context.report({
    node: holder.declaration,
    messageId: 'buffer',
    data: { name: holder.name, fills: describeWrites(fills), drains: describeDrains(buffer) },
    symbol: holder.name,
    confidence: confident ? 'high' : 'medium',
    evidence,
  });
}

function describeDrains({ drains }: DrainedBuffer): string {
  const operations = drains.map((drain) => (drain.kind === 'call' ? `.${drain.method}()` : drain.kind === 'assign' ? '= []' : '.length = 0'));
  return [...new Set(operations)].sort().join(', ');
}

/** A library queue counts when run-time code feeds it here, or when other modules can (it is exported or a singleton's). */
function reportLibraryQueue(state: LibraryState, context: RuleContext<MessageId>): void {
  const { match, site } = state;
  const feeds = site.holder ? context.facts.usesOf(site.holder.key, FEEDING_USES).filter((use) => use.context.runtime) : [];
  if (feeds.length === 0 && !reachableFromOutside(site.node, site.holder !== undefined, site.holder?.owner !== undefined)) return;
  context.report({
    node: site.node,
    messageId: 'library',
    data: { label: match.source.label, name: site.name },
    symbol: site.name,
    confidence: feeds.length > 0 ? 'high' : 'medium',
    evidence: [
      { node: match.call, message: `created by ${match.source.label} (${site.lifetime})` },
      ...feeds.slice(0, 3).map((feed) => ({ node: feed.node, message: `fed by .${feed.method}() in ${feed.context.where}` })),
    ],
  });
}

function reachableFromOutside(node: ts.Node, held: boolean, singletonField: boolean): boolean {
  if (!held || singletonField) return true;
  const statement = ts.isVariableDeclaration(node) ? node.parent.parent : undefined;
  return statement !== undefined && ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword);
}

import { ts } from '../src/shared/typescript.cjs';
import type { StateHolder } from '../src/facts/holders.js';
import type { Use } from '../src/facts/uses.js';
import { booleanLiteralOf } from '../src/facts/sections.js';
import { isGlobalObject, isSetOnceWrite, startUpCallee } from '../src/facts/set-once.js';
import { staticName, skipOuterExpressions } from '../src/facts/syntax.js';
import { isWrittenByServedCode } from '../src/facts/request-reach.js';
import { describeWrites, writeEvidence, writersOf } from './utils/write-evidence.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';

type MessageId = 'variable' | 'staticField' | 'objectProperty' | 'globalProperty';

const REASSIGNMENTS: ReadonlySet<Use['kind']> = new Set(['assign', 'update']);
const MEMBER_WRITES: ReadonlySet<Use['kind']> = new Set(['member-assign', 'delete']);

export default defineRule({
  id: 'mutable-global',
  kind: 'mutable-global',
  title: 'Module-level value changed at run time',
  description:
    'Flags process-wide values that code changes while requests are served: module-level `let`/`var` reassigned or updated inside functions, static class fields written at run time, properties of module-level objects set at run time, and properties written on `globalThis`/`global`. The most specific rule wins: this one reports only what no other rule explains.',
  severity: 'warning',
  impact:
    'A user whose next request lands on another instance sees a different value: a counter, a mode switch or a "current" record changed here is unchanged elsewhere, and it resets to its start value whenever the instance restarts.',
  move: 'Keep the value in a shared store (Redis, the database, a feature-flag service) and read it per request, or make it a constant computed at start-up.',
  precedence: 5,
  messages: {
    variable: 'module variable `{{name}}` changed at run time ({{writes}})',
    staticField: 'static field `{{name}}` changed at run time ({{writes}})',
    objectProperty: 'module object `{{name}}` has properties changed at run time ({{writes}})',
    globalProperty: '`{{name}}` written on the global object at run time ({{writes}})',
  },
  docs: {
    rationale:
      'A module-level value is process-wide: every request on this instance shares it, no request on another instance sees it, and a restart loses it. When requests change it, the instances drift apart.',
    notState:
      'A lazily created client or memo (`if (!client) client = new Client()`, `config ??= loadConfig()`, an early `if (cached) return cached`) is written once. So is a value set while the module loads or in a start-up function (`main`, `bootstrap`, `init…`, `setup…`, `configure…`, `onModuleInit`, or a function this module calls at load), a reset to `undefined`/`null`, a one-way flag outside request handlers (`ready = true` in a `listen` callback, `shuttingDown = true` on SIGTERM) that describes this instance\'s own lifecycle, and a value only code that no route, listener or timer is known to reach changes.',
    flagged: [
      "import express from 'express';",
      'const app = express();',
      'let maintenanceMode = false;',
      "app.post('/admin/maintenance', (req, res) => { maintenanceMode = true; res.end(); });",
      "app.delete('/admin/maintenance', (req, res) => { maintenanceMode = false; res.end(); });",
    ].join('\n'),
    notFlagged: [
      "import Stripe from 'stripe';",
      'let stripe: Stripe | undefined;',
      'export function payments(): Stripe {',
      '  stripe ??= new Stripe(process.env.STRIPE_SECRET_KEY!);',
      '  return stripe;',
      '}',
    ].join('\n'),
  },
  create(context) {
    const calledAtLoad = new Set<string>();
    const globalWrites = new Map<string, ts.BinaryExpression[]>();
    return {
      CallExpression(node) {
        const callee = startUpCallee(node, context.facts);
        if (callee) calledAtLoad.add(callee);
      },
      BinaryExpression(node) {
        const property = globalPropertyWritten(node, context);
        if (property) globalWrites.set(property, [...(globalWrites.get(property) ?? []), node]);
      },
      'Program:exit'() {
        for (const holder of context.stateHolders()) reportHolder(holder, calledAtLoad, context);
        for (const [property, writes] of globalWrites) reportGlobal(property, writes, calledAtLoad, context);
      },
    };
  },
});

function reportHolder(holder: StateHolder, calledAtLoad: ReadonlySet<string>, context: RuleContext<MessageId>): void {
  const messageId = messageFor(holder);
  if (!messageId) return;
  const kinds = messageId === 'objectProperty' || messageId === 'globalProperty' ? MEMBER_WRITES : REASSIGNMENTS;
  const candidates = context.facts.runtimeWritesOf(holder.key).filter((write) => kinds.has(write.kind));
  // Only what serving clients changes: a value set by start-up code, shutdown hooks or code no
  // handler or timer is known to reach does not differ between instances by what users do.
  const writes = changingWrites(candidates, calledAtLoad, context).filter(isWrittenByServedCode);
  if (writes.length === 0) return;
  context.report({
    node: holder.declaration,
    messageId,
    data: { name: holder.name, writes: describeWrites(writes) },
    symbol: holder.name,
    confidence: writes.some((write) => write.context.servedBy?.trigger === 'request') ? 'high' : 'medium',
    evidence: writeEvidence(holder, writes),
    writers: writersOf(writes),
  });
}

/** Which holders this rule looks at: variables and static fields, objects written property by property, aliases of `globalThis`. */
function messageFor(holder: StateHolder): MessageId | undefined {
  const initializer = holder.initializer && skipOuterExpressions(holder.initializer);
  if (initializer && isGlobalObject(initializer)) return 'globalProperty';
  if (holder.declarationKind === 'let' || holder.declarationKind === 'var') return 'variable';
  if (holder.declarationKind === 'static-field') return 'staticField';
  if (holder.declarationKind === 'const' && initializer && ts.isObjectLiteralExpression(initializer)) return 'objectProperty';
  return undefined;
}

/** The writes that really change the value: not set-once writes, and not a one-way lifecycle flag. */
function changingWrites(writes: readonly Use[], calledAtLoad: ReadonlySet<string>, context: RuleContext<MessageId>): Use[] {
  const changing = writes.filter((write) => !isSetOnceWrite(write.node, write.context, calledAtLoad, context.facts));
  const values = new Set(changing.map((write) => (write.kind === 'assign' ? booleanLiteralOf((write.node as ts.BinaryExpression).right) : undefined)));
  const oneWayFlag = values.size === 1 && !values.has(undefined) && changing.every((write) => !write.context.requestPath);
  return oneWayFlag ? [] : changing;
}

function reportGlobal(property: string, nodes: readonly ts.BinaryExpression[], calledAtLoad: ReadonlySet<string>, context: RuleContext<MessageId>): void {
  const method = property.slice(property.indexOf('.') + 1);
  const writes: Use[] = nodes.map((node) => ({ holder: property, kind: 'member-assign', method, computedKey: false, node, context: servedContextOf(node, context) }));
  const changing = changingWrites(writes, calledAtLoad, context).filter(isWrittenByServedCode);
  const first = changing[0];
  if (!first) return;
  context.report({
    node: first.node,
    messageId: 'globalProperty',
    data: { name: property, writes: describeWrites(changing) },
    symbol: property,
    confidence: changing.some((write) => write.context.servedBy?.trigger === 'request') ? 'high' : 'medium',
    evidence: changing.slice(0, 5).map((write) => ({ node: write.node, message: `written in ${write.context.where}` })),
  });
}

/** The execution context of `node`, with the handler that reaches its function. */
function servedContextOf(node: ts.Node, context: RuleContext<MessageId>): Use['context'] {
  const own = context.facts.execution.of(node);
  const reach = own.function ? context.program.loadTime.requests.reachOf(own.function) : 'unknown';
  if (reach === undefined) return { ...own, startUpOnly: true };
  return reach === 'unknown' ? own : { ...own, servedBy: reach };
}

/** `globalThis.currentTenant = …` at run time: the property's display name. */
function globalPropertyWritten(node: ts.BinaryExpression, context: RuleContext<MessageId>): string | undefined {
  const operator = node.operatorToken.kind;
  if (operator < ts.SyntaxKind.FirstAssignment || operator > ts.SyntaxKind.LastAssignment) return undefined;
  const target = skipOuterExpressions(node.left);
  if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return undefined;
  const owner = skipOuterExpressions(target.expression);
  if (!isGlobalObject(owner) || context.facts.bindings.has(owner.getText()) || context.facts.imports.has(owner.getText())) return undefined;
  if (!context.facts.execution.of(node).runtime) return undefined;
  return `${owner.getText()}.${staticName(target) ?? '[key]'}`;
}

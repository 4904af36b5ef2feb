import { ts } from '../src/shared/typescript.cjs';
import { COLLECTION_NOUNS, collectionKindOf } from '../src/facts/collections.js';
import { connectionStored, emitTargetOf, enclosingConnectionSocket, eventStreamResponseOf, isIteratedWhole } from '../src/facts/connections.js';
import type { StateHolder } from '../src/facts/holders.js';
import { attachedStorePlacement } from './utils/instance-calls.js';
import { libraryStateAt, type LibraryState, type Placement } from './utils/library-calls.js';
import type { Use, UseSelector } from '../src/facts/uses.js';
import { storedValues, STORING_USES } from './utils/stored-values.js';
import { enclosingFunction, skipOuterExpressions, staticName } from '../src/facts/syntax.js';
import { defineRule, type EvidenceInput, type RuleContext } from '../src/engine/rule.js';

type MessageId = 'clients' | 'server' | 'serverShared' | 'fanOut' | 'fanOutShared' | 'eventBus' | 'registry';
type Context = RuleContext<MessageId>;

const RULE_ID = 'connection-registry';
const LISTEN_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'subscribe']);
/** What an event bus check looks at: listeners added, and emits. */
const EVENT_BUS_USES: UseSelector = { kinds: ['call'], methods: new Set([...LISTEN_METHODS, 'emit']) };

/** What the walk noticed that the `Program:exit` checks need. */
interface Seen {
  libraries: LibraryState[];
  /** Functions that answer with `text/event-stream`, and their response object's name. */
  streams: Map<ts.Node, string>;
  clientLoops: { receiver: string; node: ts.Node }[];
  adapters: { receiver: string; call: ts.CallExpression }[];
  emits: { receiver: string; toOthers: boolean; call: ts.CallExpression }[];
}

export default defineRule({
  id: RULE_ID,
  kind: 'connection-registry',
  title: 'Live connections known to one instance',
  description:
    'Flags connection state that only this instance knows: `ws` servers whose `clients` are iterated to broadcast, long-lived collections of sockets or server-sent-event responses, socket.io servers and NestJS gateways without a shared adapter, and in-memory pub/sub fanning events out to clients (graphql-subscriptions PubSub, an EventEmitter used as a bus). A Redis, Postgres or Mongo adapter, or RedisPubSub, gets an Instance-local N line.',
  severity: 'error',
  impact:
    'A message published on this instance reaches only the clients connected to it: users connected to other instances miss it, and a client that reconnects to another instance is unknown there.',
  move: 'Fan messages out through a pub/sub backplane (the socket.io Redis adapter, Redis or NATS pub/sub, graphql-redis-subscriptions); keep affinity only for the live socket and make clients reconnect gracefully.',
  precedence: 45,
  messages: {
    clients: '{{label}} `{{name}}` broadcasts to the clients connected to this instance',
    server: '{{label}} `{{name}}` has no shared adapter: emits and rooms reach this instance\'s clients only',
    serverShared: '{{label}} `{{name}}` broadcasts through a shared adapter',
    fanOut: '{{label}} `{{name}}` delivers events to this instance\'s subscribers only',
    fanOutShared: '{{label}} `{{name}}` delivers events through a shared broker',
    eventBus: '{{label}} `{{name}}` is an event bus: listeners added per client hear only this instance\'s events',
    registry: '{{collection}} `{{name}}` keeps {{what}} connected to this instance ({{writes}})',
  },
  docs: {
    rationale:
      'A connection lives in the process that accepted it. Any list of connections, and any broadcast or pub/sub that walks such a list, covers the clients of one instance; the others never hear about the event.',
    notState:
      'A `ws` server that only replies to the sender, an EventEmitter created inside a function or whose listeners are all registered at load, and a collection of plain values unrelated to connections are not flagged. A socket.io server with a Redis, Postgres or Mongo adapter and RedisPubSub are reported as Instance-local N.',
    flagged: [
      "import { WebSocketServer } from 'ws';",
      'const wss = new WebSocketServer({ port: 8080 });',
      'export function broadcast(score: string) {',
      '  wss.clients.forEach((client) => client.send(score));',
      '}',
    ].join('\n'),
    notFlagged: [
      "import { WebSocketServer } from 'ws';",
      'const wss = new WebSocketServer({ port: 8080 });',
      "wss.on('connection', (socket) => {",
      "  socket.on('message', (data) => socket.send(`echo: ${data}`));",
      '});',
    ].join('\n'),
  },
  create(context) {
    const seen: Seen = { libraries: [], streams: new Map(), clientLoops: [], adapters: [], emits: [] };
    const collect = (node: ts.CallExpression | ts.NewExpression): void => {
      const state = libraryStateAt(node, RULE_ID, context);
      if (state) seen.libraries.push(state);
    };
    return {
      CallExpression(node) {
        noteCall(node, seen);
        collect(node);
      },
      NewExpression: collect,
      PropertyAccessExpression(node) {
        if (node.name.text === 'clients' && isIteratedWhole(node)) seen.clientLoops.push({ receiver: staticName(node.expression) ?? '', node });
      },
      'Program:exit'() {
        for (const state of seen.libraries) reportLibrary(state, seen, context);
        for (const holder of context.stateHolders()) reportRegistry(holder, seen, context);
      },
    };
  },
});

function noteCall(call: ts.CallExpression, seen: Seen): void {
  const response = eventStreamResponseOf(call);
  const fn = response && enclosingFunction(call);
  if (fn) seen.streams.set(fn, response!);
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return;
  if (callee.name.text === 'adapter' && call.arguments.length === 1) seen.adapters.push({ receiver: staticName(callee.expression) ?? '', call });
  if (callee.name.text === 'emit') seen.emits.push({ ...emitTargetOf(callee.expression), call });
}

function reportLibrary(state: LibraryState, seen: Seen, context: Context): void {
  const { source } = state.match;
  if (source.usage === 'clients-iterated') reportBroadcastServer(state, seen, context);
  else if (source.usage === 'event-bus') reportEventBus(state, seen, context);
  else if (source.externalizedBy?.method) reportServer(state, seen, context);
  else if (state.site.lifetime) report(state, state.placement, context, 'fanOut');
}

function reportBroadcastServer(state: LibraryState, seen: Seen, context: Context): void {
  const loops = seen.clientLoops.filter((loop) => loop.receiver === lastSegment(state.site.name));
  if (loops.length === 0) return;
  const evidence = loops.slice(0, 3).map((loop) => ({ node: loop.node, message: '`clients` iterated: only the sockets connected to this instance' }));
  report(state, state.placement, context, 'clients', evidence);
}

function reportEventBus(state: LibraryState, seen: Seen, context: Context): void {
  const holder = state.site.holder;
  if (!holder) return;
  const uses = context.facts.usesOf(holder.key, EVENT_BUS_USES);
  const listeners = uses.filter((use) => LISTEN_METHODS.has(use.method!) && use.context.runtime && perClient(use, seen));
  const emits = uses.filter((use) => use.method === 'emit');
  if (listeners.length === 0 || emits.length === 0) return;
  const evidence = [
    ...listeners.slice(0, 2).map((use) => ({ node: use.node, message: `listener added per client in ${use.context.where}` })),
    ...emits.slice(0, 2).map((use) => ({ node: use.node, message: `emitted in ${use.context.where}: heard on this instance only` })),
  ];
  report(state, state.placement, context, 'eventBus', evidence);
}

/** socket.io servers and NestJS gateways: shared when an adapter from a shared store is attached. */
function reportServer(state: LibraryState, seen: Seen, context: Context): void {
  const gateway = state.match.source.usage === 'adapter-elsewhere';
  const name = gateway ? gatewayName(state.match.call) : lastSegment(state.site.name);
  const adapter = seen.adapters.find((candidate) => gateway || candidate.receiver === name);
  const placement = adapter ? attachedStorePlacement(adapter.call.arguments[0]!, state.match.source, context) : gateway ? gatewayPlacement(state) : state.placement;
  const emits = seen.emits.filter((emit) => emit.toOthers || emit.receiver === name || (gateway && emit.receiver === 'server'));
  const evidence = emits.slice(0, 3).map((emit) => ({ node: emit.call, message: 'emits to other clients: only those connected to this instance' }));
  // Without a broadcast in sight the server may only answer its own clients: less sure, never surer than the placement.
  const confidence = placement.instanceLocal && emits.length === 0 && placement.confidence === 'high' ? 'medium' : placement.confidence;
  report(state, { ...placement, confidence }, context, 'server', placement.instanceLocal ? evidence : [], name);
}

function gatewayPlacement(state: LibraryState): Placement {
  const reason = 'no shared adapter attached in this file: unless `app.useWebSocketAdapter()` installs a Redis adapter, emits stay on this instance';
  return { instanceLocal: true, confidence: 'medium', reason, node: state.match.call };
}

function gatewayName(call: ts.Node): string {
  const decorated = ts.isDecorator(call.parent) ? call.parent.parent : undefined;
  return (decorated && ts.isClassDeclaration(decorated) && decorated.name?.text) || 'gateway';
}

function report(state: LibraryState, placement: Placement, context: Context, local: MessageId, evidence: EvidenceInput[] = [], name = state.site.name): void {
  const shared: Partial<Record<MessageId, MessageId>> = { fanOut: 'fanOutShared', server: 'serverShared' };
  context.report({
    node: state.site.node,
    messageId: placement.instanceLocal ? local : (shared[local] ?? local),
    data: { label: state.match.source.label, name },
    symbol: name,
    instanceLocal: placement.instanceLocal,
    confidence: placement.confidence,
    move: placement.instanceLocal ? undefined : `Keep it shared: ${placement.reason}.`,
    evidence: [...evidence, { node: placement.node, message: placement.reason }],
  });
}

/** A listener added while serving one client: in a request, a connection or an event stream. */
function perClient(use: Use, seen: Seen): boolean {
  return use.context.requestPath || enclosingConnectionSocket(use.node) !== undefined || streamResponseAt(use.node, seen) !== undefined;
}

function streamResponseAt(node: ts.Node, seen: Seen): string | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const response = seen.streams.get(fn);
    if (response) return response;
  }
  return undefined;
}

/** Long-lived collections that run-time code fills with sockets, socket ids or event-stream responses. */
function reportRegistry(holder: StateHolder, seen: Seen, context: Context): void {
  const collection = collectionKindOf(holder.initializer);
  if (!collection) return;
  const held: { use: Use; operation: string; what: string; strong: boolean }[] = [];
  for (const use of context.facts.usesOf(holder.key, STORING_USES)) {
    const write = use.context.runtime ? storedValues(use) : undefined;
    const kind = write && connectionStored(use.node, write.values, holder.name, streamResponseAt(use.node, seen));
    if (kind) held.push({ use, operation: write.operation, ...kind });
  }
  if (held.length === 0) return;
  const first = held.find((entry) => entry.strong) ?? held[0]!;
  context.report({
    node: holder.declaration,
    messageId: 'registry',
    data: { collection: COLLECTION_NOUNS[collection], name: holder.name, what: first.what, writes: [...new Set(held.map((entry) => entry.operation))].sort().join(', ') },
    symbol: holder.name,
    confidence: first.strong ? 'high' : 'medium',
    evidence: held.slice(0, 4).map((entry) => ({ node: entry.use.node, message: `${entry.what} added by ${entry.operation} in ${entry.use.context.where}` })),
  });
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

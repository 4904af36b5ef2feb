import type { ts } from '../src/shared/typescript.cjs';
import { COLLECTION_NOUNS, collectionKindOf, type CollectionKind } from '../src/facts/collections.js';
import type { StateHolder } from '../src/facts/holders.js';
import type { Use } from '../src/facts/uses.js';
import { enclosingFunction, isFunctionLike, shortText } from '../src/facts/syntax.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';

/** The check and the record of the check-then-record pattern, per container. */
const CHECKS: Partial<Record<CollectionKind, ReadonlySet<string>>> = { set: new Set(['has']), map: new Set(['has', 'get']), array: new Set(['includes']) };
const RECORDS: Partial<Record<CollectionKind, ReadonlySet<string>>> = { set: new Set(['add']), map: new Set(['set']), array: new Set(['push']) };
/** Names that say a collection remembers what was already handled. */
const PROCESSED_NAME = /processed|seen|handled|dedup|idempot|delivered|consumed|completed|replay|duplicate/i;
/** Keys that are ids of a request, message or event, or idempotency keys. */
const ID_KEY = /idempot|nonce|dedup|(event|message|msg|delivery|request|webhook|notification)[\s._-]*id/i;
const ANY_ID = /(^|[^a-z])id$|Id$|key$/i;

interface CheckThenRecord {
  check: Use;
  record: Use;
  key: string;
  confidence: 'high' | 'medium';
}

export default defineRule({
  id: 'idempotency-set',
  kind: 'idempotency',
  title: 'In-process record of processed ids',
  description:
    'Flags a Set, Map or array held for the life of the process that remembers what was already processed: the check-then-record pattern (`if (seen.has(id)) return; seen.add(id)`) on request or message ids, idempotency keys and webhook event ids.',
  severity: 'error',
  impact:
    'A retry that lands on another instance is not recognised as a duplicate and is processed twice (a double charge, a second email), and every restart forgets what was processed.',
  move: 'Record processed keys in a shared store with an atomic set-if-absent and a TTL (`SET key NX EX ttl` in Redis), or in the database behind a unique constraint.',
  precedence: 50,
  messages: {
    record: '{{collection}} `{{name}}` remembers processed `{{key}}` in process memory (`.{{check}}()` then `.{{record}}()` in {{where}})',
  },
  docs: {
    rationale:
      'Deduplication is only as wide as the memory that holds it. A record of processed ids kept in one process protects that process alone: a client or broker retry routed elsewhere finds no record.',
    notState:
      'A set of allowed values filled at load and only read, a Map used as a cache whose name and keys say nothing about processed ids (module-cache reports it), and a Set created inside a function to dedupe one batch are not flagged.',
    flagged: [
      'const processedEvents = new Set<string>();',
      'export async function handleWebhook(event: { id: string; type: string }) {',
      '  if (processedEvents.has(event.id)) return;',
      '  processedEvents.add(event.id);',
      '  await fulfil(event);',
      '}',
      'declare function fulfil(event: unknown): Promise<void>;',
    ].join('\n'),
    notFlagged: [
      "const HANDLED_TYPES = new Set(['charge.succeeded', 'charge.refunded']);",
      'export function shouldHandle(event: { id: string; type: string }) {',
      '  return HANDLED_TYPES.has(event.type);',
      '}',
    ].join('\n'),
  },
  create(context) {
    return {
      'Program:exit'() {
        for (const holder of context.stateHolders()) reportProcessedRecord(holder, context);
      },
    };
  },
});

function reportProcessedRecord(holder: StateHolder, context: RuleContext<'record'>): void {
  const collection = collectionKindOf(holder.initializer);
  const checks = collection && CHECKS[collection];
  const records = collection && RECORDS[collection];
  if (!checks || !records) return;
  const uses = context.facts.usesOf(holder.key, { kinds: ['call'], methods: new Set([...checks, ...records]) }).filter((use) => use.context.runtime);
  const pattern = findCheckThenRecord(holder, uses.filter((use) => checks.has(use.method!)), uses.filter((use) => records.has(use.method!)));
  if (!pattern) return;
  const { check, record } = pattern;
  context.report({
    node: holder.declaration,
    messageId: 'record',
    data: { collection: COLLECTION_NOUNS[collection!], name: holder.name, key: pattern.key, check: check.method!, record: record.method!, where: check.context.where },
    symbol: holder.name,
    confidence: pattern.confidence,
    evidence: [
      ...(holder.owner ? [{ node: holder.owner.node, message: `held by \`${holder.owner.className}\`: ${holder.owner.reason}` }] : []),
      { node: check.node, message: `checked with .${check.method}() in ${check.context.where}` },
      { node: record.node, message: `recorded with .${record.method}() in ${record.context.where}` },
    ],
  });
}

/** A check and a record of the same key in one function (or a function nested in it), with a sign that the key is an id. */
function findCheckThenRecord(holder: StateHolder, checks: Use[], records: Use[]): CheckThenRecord | undefined {
  const named = PROCESSED_NAME.test(holder.name);
  const recordsIn = firstRecordByFunctionAndKey(records);
  for (const check of checks) {
    const fn = enclosingFunction(check.node);
    const key = keyText(check.node);
    if (!fn || key === undefined) continue;
    const record = recordsIn.get(fn)?.get(key);
    if (!record) continue;
    const strong = ID_KEY.test(key) || /idempot/i.test(fn.getText());
    if (!strong && !named) continue;
    return { check, record, key, confidence: strong || ANY_ID.test(key) ? 'high' : 'medium' };
  }
  return undefined;
}

/**
 * The first record of each key inside each function (nested functions included), indexed in one
 * pass: looking through every record for every check was quadratic in the writers of one
 * collection (8,000 files writing one Map took 31 s).
 */
function firstRecordByFunctionAndKey(records: readonly Use[]): Map<ts.Node, Map<string, Use>> {
  const index = new Map<ts.Node, Map<string, Use>>();
  for (const record of records) {
    const key = keyText(record.node);
    if (key === undefined) continue;
    for (let current = record.node.parent; current; current = current.parent) {
      if (!isFunctionLike(current)) continue;
      let byKey = index.get(current);
      if (!byKey) index.set(current, (byKey = new Map()));
      if (!byKey.has(key)) byKey.set(key, record);
    }
  }
  return index;
}

function keyText(node: ts.Node): string | undefined {
  const argument = (node as ts.CallExpression).arguments[0];
  return argument && shortText(argument, node.getSourceFile(), 40);
}

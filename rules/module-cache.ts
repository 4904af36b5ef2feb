import { ts } from '../src/shared/typescript.cjs';
import { COLLECTION_NOUNS, collectionKindOfHolder } from '../src/facts/collections.js';
import type { ModuleFacts } from '../src/facts/module-facts.js';
import type { Use } from '../src/facts/uses.js';
import { originOf } from '../src/facts/origins.js';
import { isWrittenForClients } from '../src/facts/request-reach.js';
import { describeWrites, writeEvidence, writersOf, writtenValue } from './utils/write-evidence.js';
import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  id: 'module-cache',
  kind: 'cache',
  title: 'Module-level collection written at run time',
  description:
    'Flags a Map, Set, array or object literal held for the life of the process (at module scope, in a static field or in a singleton) that request-time code writes into.',
  severity: 'error',
  impact:
    'A user whose next request lands on another instance does not see what this instance stored: a cache misses or serves stale data, an in-memory record is missing, and each instance holds its own diverging copy.',
  move: 'Keep the data in a shared store (Redis, the database) with a TTL, or make it a read-only table built at start-up.',
  precedence: 10,
  messages: {
    collection: '{{collection}} `{{name}}` written at run time ({{writes}})',
  },
  docs: {
    rationale:
      'A collection that lives as long as the process and is filled while requests are served holds data that only this instance has. Scaling out multiplies the copies; a restart loses them.',
    notState:
      'A collection filled once while the module loads (a lookup table, a registry of handlers) and only read afterwards holds no per-request state. Weak collections, function-local collections and request-scoped objects are not flagged.',
    flagged: [
      "const carts = new Map<string, string[]>();",
      "export function addToCart(userId: string, sku: string) {",
      "  const items = carts.get(userId) ?? [];",
      "  items.push(sku);",
      "  carts.set(userId, items);",
      "}",
    ].join('\n'),
    notFlagged: [
      "const CURRENCIES = new Map([['EUR', '€'], ['USD', '$']]);",
      "CURRENCIES.set('GBP', '£');",
      "export function symbolFor(code: string) {",
      "  return CURRENCIES.get(code);",
      "}",
    ].join('\n'),
  },
  create(context) {
    return {
      'Program:exit'() {
        for (const holder of context.stateHolders()) {
          const collection = collectionKindOfHolder(holder);
          if (!collection) continue;
          const writes = keyedWrites(context.facts.runtimeWritesOf(holder.key), collection).filter(isWrittenForClients);
          if (writes.length === 0 || writes.every((write) => storesPackageObject(write, context.facts))) continue;
          context.report({
            node: holder.declaration,
            messageId: 'collection',
            data: { collection: COLLECTION_NOUNS[collection], name: holder.name, writes: describeWrites(writes) },
            symbol: holder.name,
            confidence: writes.some((write) => write.context.servedBy?.trigger === 'request') ? 'high' : 'medium',
            evidence: writeEvidence(holder, writes),
            writers: writersOf(writes),
          });
        }
      },
    };
  },
});

/**
 * A write that stores an object a package constructs (`limiters.set(route, new RateLimiterRedis())`):
 * a registry of lazily created clients holds no user data.
 */
function storesPackageObject(write: Use, facts: ModuleFacts): boolean {
  const written = writtenValue(write);
  const value = written && ts.isIdentifier(written) ? facts.localConstValue(written) : written;
  if (!value || !ts.isNewExpression(value)) return false;
  const origin = originOf(value, facts);
  return origin !== undefined && !origin.module.startsWith('.');
}

/** Writes that store data in the collection; for an object, only computed keys make it a keyed store. */
function keyedWrites(writes: Use[], collection: string): Use[] {
  if (collection !== 'object') return writes.filter((write) => write.kind !== 'assign');
  return writes.filter((write) => (write.kind === 'member-assign' || write.kind === 'delete') && write.computedKey);
}

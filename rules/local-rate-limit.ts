import { ts } from '../src/shared/typescript.cjs';
import { numericValue } from './utils/constant-value.js';
import { libraryStateAt, reportLibraryState, type SourceCall } from './utils/library-calls.js';
import { keyedCollectionsNamed } from './utils/named-collections.js';
import type { ModuleFacts } from '../src/facts/module-facts.js';
import type { Use } from '../src/facts/uses.js';
import { objectLiteralOf } from '../src/facts/origins.js';
import { propertyValue, skipOuterExpressions } from '../src/facts/syntax.js';
import { describeWrites, writeEvidence } from './utils/write-evidence.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';

/** Names that say a collection counts requests per client. */
const COUNTER_NAME = /rate[-_]?limit|limiter|throttl|token[-_]?bucket|buckets|attempts|hits|quota|request[-_]?counts?|requests[-_]?per/i;

type MessageId = 'library' | 'libraryShared' | 'handRolled';

export default defineRule({
  id: 'local-rate-limit',
  kind: 'rate-limit',
  title: 'Rate limiter with per-instance counters',
  description:
    'Flags rate limiters whose counters live in process memory: express-rate-limit and express-slow-down without a store, RateLimiterMemory, @fastify/rate-limit without Redis, koa-ratelimit with the memory driver, Bottleneck without a Redis datastore, express-brute with its MemoryStore, limiter, NestJS throttler without storage, and hand-rolled counters in a module-level collection.',
  severity: 'error',
  impact:
    'Each instance counts only the requests it sees: with N instances a client gets N times the configured limit, and a client blocked here is served by the next instance.',
  move: 'Give the limiter a shared store (rate-limit-redis, RateLimiterRedis, the throttler Redis storage) or enforce the limit at the gateway.',
  precedence: 30,
  messages: {
    library: '{{label}} counts requests in process memory',
    libraryShared: '{{label}} counts requests in a shared store',
    handRolled: 'hand-rolled rate-limit counters in `{{name}}` ({{writes}})',
  },
  docs: {
    rationale:
      'A limiter remembers how many requests each client made in the current window. Kept per instance, the effective limit is the configured one times the number of instances, and it shifts as instances come and go.',
    notState:
      'A limiter with a shared store (Redis, Memcached, a database) is reported as Instance-local N. A Map that counts something other than requests, with a name that does not say so, is left to module-cache.',
    flagged: [
      "import rateLimit from 'express-rate-limit';",
      "import express from 'express';",
      'const app = express();',
      'app.use(rateLimit({ windowMs: 60_000, max: 100 }));',
    ].join('\n'),
    notFlagged: [
      "import { RateLimiterRedis } from 'rate-limiter-flexible';",
      "import Redis from 'ioredis';",
      'const redis = new Redis();',
      "export const loginLimiter = new RateLimiterRedis({ storeClient: redis, points: 5, duration: 60 });",
    ].join('\n'),
  },
  create(context) {
    const check = (node: ts.CallExpression | ts.NewExpression): void => reportLibraryLimiter(node, context);
    return {
      CallExpression: check,
      NewExpression: check,
      'Program:exit'() {
        reportHandRolledCounters(context);
      },
    };
  },
});

function reportLibraryLimiter(node: ts.CallExpression | ts.NewExpression, context: RuleContext<MessageId>): void {
  const state = libraryStateAt(node, 'local-rate-limit', context);
  if (state) reportLibraryState(context, state, { local: 'library', shared: 'libraryShared' }, [], configuredLimit(state.match, context.facts));
}

/** `limit` (requests per window) and `windowMs`, as far as the options literal gives them as constants. */
function configuredLimit(match: SourceCall, facts: ModuleFacts): { limit?: number; windowMs?: number } | undefined {
  const names = match.source.limits;
  const options = names && limitDefinition(match.options, names.list, facts);
  if (!names || !options) return undefined;
  const limit = firstNumber(options, names.limit, facts);
  const window = firstNumber(options, names.window, facts);
  const found = {
    ...(limit !== undefined && limit > 0 ? { limit } : {}),
    ...(window !== undefined && window > 0 ? { windowMs: names.windowUnit === 's' ? window * 1000 : window } : {}),
  };
  return Object.keys(found).length > 0 ? found : undefined;
}

/** The options literal, or the first definition of a list given directly or under `list` (`throttlers`). */
function limitDefinition(options: ts.Expression | undefined, list: string | undefined, facts: ModuleFacts): ts.ObjectLiteralExpression | undefined {
  const value = options && skipOuterExpressions(options);
  if (value && ts.isArrayLiteralExpression(value)) return objectLiteralOf(value.elements[0], facts);
  const literal = objectLiteralOf(value, facts);
  const listed = literal && list ? propertyValue(literal, list) : undefined;
  return listed && ts.isArrayLiteralExpression(listed) ? objectLiteralOf(listed.elements[0], facts) : literal;
}

function firstNumber(literal: ts.ObjectLiteralExpression, names: readonly string[], facts: ModuleFacts): number | undefined {
  for (const name of names) {
    const value = propertyValue(literal, name);
    if (value) return numericValue(value, facts);
  }
  return undefined;
}

function reportHandRolledCounters(context: RuleContext<MessageId>): void {
  for (const { holder, writes } of keyedCollectionsNamed(context, COUNTER_NAME)) {
    if (!writes.some(countsSomething)) continue;
    context.report({
      node: holder.declaration,
      messageId: 'handRolled',
      data: { name: holder.name, writes: describeWrites(writes) },
      symbol: holder.name,
      confidence: 'medium',
      evidence: writeEvidence(holder, writes),
    });
  }
}

/**
 * A write that counts: `hits[ip]++`, `hits[ip] += 1`, `buckets.set(ip, count + 1)`,
 * `attempts.set(ip, { count: 1, resetAt })`. A map of limiter objects (`limiters.set(path, new
 * RateLimiterRedis())`) counts nothing itself.
 */
function countsSomething(write: Use): boolean {
  if (write.kind === 'update') return true;
  const node = write.node;
  if (ts.isBinaryExpression(node)) return node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || isCount(node.right);
  if (write.kind === 'member-assign' && ts.isPostfixUnaryExpression(node)) return true;
  return ts.isCallExpression(node) && write.method === 'set' && node.arguments[1] !== undefined && isCount(node.arguments[1]);
}

function isCount(value: ts.Expression): boolean {
  const expression = skipOuterExpressions(value);
  if (ts.isNumericLiteral(expression)) return true;
  if (ts.isBinaryExpression(expression)) return expression.operatorToken.kind === ts.SyntaxKind.PlusToken || expression.operatorToken.kind === ts.SyntaxKind.MinusToken;
  if (ts.isArrayLiteralExpression(expression)) return true;
  return ts.isObjectLiteralExpression(expression) && expression.properties.some((property) => ts.isPropertyAssignment(property) && isCount(property.initializer));
}

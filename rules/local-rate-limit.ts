import type { ts } from 'ts-morph';
import { libraryStateAt, reportLibraryState } from '../src/analysis/library-calls.js';
import { keyedCollectionsNamed } from '../src/analysis/named-collections.js';
import { describeWrites, writeEvidence } from '../src/analysis/write-evidence.js';
import { defineRule, type RuleContext } from '../src/rule.js';

/** Names that say a collection counts requests per client. */
const COUNTER_NAME = /rate[-_]?limit|limiter|throttl|token[-_]?bucket|buckets|attempts|hits|quota|request[-_]?counts?|requests[-_]?per/i;

type MessageId = 'library' | 'libraryShared' | 'handRolled';

export default defineRule({
  id: 'local-rate-limit',
  kind: 'rate-limit',
  title: 'Rate limiter with per-instance counters',
  description:
    'Flags rate limiters whose counters live in process memory: express-rate-limit and express-slow-down without a store, RateLimiterMemory, @fastify/rate-limit without Redis, koa-ratelimit with the memory driver, Bottleneck without a Redis datastore, limiter, NestJS throttler without storage, and hand-rolled counters in a module-level collection.',
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
  if (state) reportLibraryState(context, state, { local: 'library', shared: 'libraryShared' });
}

function reportHandRolledCounters(context: RuleContext<MessageId>): void {
  for (const { holder, writes } of keyedCollectionsNamed(context, COUNTER_NAME)) {
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

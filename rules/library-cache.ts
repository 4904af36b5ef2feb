import { libraryStateAt, reportLibraryState } from '../src/analysis/library-calls.js';
import { defineRule, type RuleContext } from '../src/rule.js';
import type { ts } from 'ts-morph';

export default defineRule({
  id: 'library-cache',
  kind: 'cache',
  title: 'In-process cache or memoizer',
  description:
    'Flags caches and memoizers from libraries (lru-cache, quick-lru, node-cache, memory-cache, cache-manager, NestJS CacheModule, lodash memoize, memoizee, mem, p-memoize, moize, fast-memoize) created for the life of the process.',
  severity: 'warning',
  impact:
    'Each instance keeps its own copy: a user whose next request lands on another instance may get a stale or different answer, an invalidation reaches one instance only, and every new instance starts cold.',
  move: 'Move the cache to a shared store (Redis, Memcached) with TTLs and invalidate there; keep an in-process cache only for immutable data.',
  precedence: 20,
  messages: {
    local: '{{label}} cache `{{name}}` in process memory',
    shared: '{{label}} cache `{{name}}` in a shared store',
  },
  docs: {
    rationale:
      'A cache created at module scope or in a singleton lives as long as the process; what it holds, and when it was invalidated, differs from instance to instance.',
    notState:
      'A cache created inside a request handler is per-request scratch space; a cache-manager or CacheModule with a Redis store is reported as Instance-local N.',
    flagged: [
      "import { LRUCache } from 'lru-cache';",
      'export const prices = new LRUCache<string, number>({ max: 500 });',
    ].join('\n'),
    notFlagged: [
      "import { LRUCache } from 'lru-cache';",
      "import express from 'express';",
      'const app = express();',
      "app.get('/report', (req, res) => {",
      '  const scratch = new LRUCache<string, number>({ max: 10 });',
      '  res.json(scratch.size);',
      '});',
    ].join('\n'),
  },
  create(context) {
    const check = (node: ts.CallExpression | ts.NewExpression): void => reportCache(node, context);
    return { CallExpression: check, NewExpression: check };
  },
});

function reportCache(node: ts.CallExpression | ts.NewExpression, context: RuleContext<'local' | 'shared'>): void {
  const state = libraryStateAt(node, 'library-cache', context);
  if (!state?.site.lifetime) return;
  reportLibraryState(context, state, { local: 'local', shared: 'shared' }, [
    { node: state.match.call, message: `created by ${state.match.source.label} (${state.site.lifetime})` },
  ]);
}

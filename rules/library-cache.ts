import { ts } from '../src/shared/typescript.cjs';
import { MUTATING_METHODS } from '../src/facts/collections.js';
import { libraryStateAt, reportLibraryState } from './utils/library-calls.js';
import { calleeReference } from '../src/facts/origins.js';
import { skipOuterExpressions } from '../src/facts/syntax.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';

export default defineRule({
  id: 'library-cache',
  kind: 'cache',
  title: 'In-process cache or memoizer',
  description:
    'Flags caches and memoizers from libraries (lru-cache, quick-lru, node-cache, memory-cache, Keyv without a store, apicache, cache-manager, NestJS CacheModule, lodash memoize, memoizee, mem, p-memoize, moize, fast-memoize) created for the life of the process.',
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
    const reportedImports = new Set<ts.Node>();
    return {
      CallExpression(node) {
        reportCache(node, context);
        reportModuleInstanceWrite(node, context, reportedImports);
      },
      NewExpression: (node) => reportCache(node, context),
    };
  },
});

function reportCache(node: ts.CallExpression | ts.NewExpression, context: RuleContext<'local' | 'shared'>): void {
  const state = libraryStateAt(node, 'library-cache', context);
  if (!state?.site.lifetime) return;
  reportLibraryState(context, state, { local: 'local', shared: 'shared' }, [
    { node: state.match.call, message: `created by ${state.match.source.label} (${state.site.lifetime})` },
  ]);
}

/** Methods that store into a module-instance cache (`cache.put(key, value)`). */
const STORE_METHODS = new Set([...MUTATING_METHODS, 'put', 'del', 'mset', 'take']);

/**
 * `import cache from 'memory-cache'; cache.put(k, v)`: the package's export is one store shared by
 * every importer of the process. Reported once per file, at the import, when code run after
 * start-up writes it.
 */
function reportModuleInstanceWrite(call: ts.CallExpression, context: RuleContext<'local' | 'shared'>, reported: Set<ts.Node>): void {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !STORE_METHODS.has(callee.name.text)) return;
  const receiver = skipOuterExpressions(callee.expression);
  if (!ts.isIdentifier(receiver) || !context.facts.execution.of(call).runtime) return;
  const reference = calleeReference(receiver, context.facts);
  const source = reference && context.catalogue.sourcesFor(reference).find((candidate) => candidate.rule === 'library-cache' && candidate.usage === 'module-instance');
  const declaration = source && context.facts.importOf(receiver)?.node;
  if (!declaration || reported.has(declaration)) return;
  reported.add(declaration);
  const where = context.facts.execution.of(call).where;
  context.report({
    node: declaration,
    messageId: 'local',
    data: { label: source.label, name: receiver.text },
    symbol: receiver.text,
    confidence: 'high',
    evidence: [{ node: call, message: `written by .${callee.name.text}() in ${where}` }],
  });
}

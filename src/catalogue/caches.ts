/** In-process caches and memoizers, and the companion stores that keep a cache in Redis. */
import { sourceMaker, type LibraryFamily } from './family.js';

const cache = sourceMaker('library-cache', 'cache');

export const CACHES: LibraryFamily = {
  sources: [
    cache('@nestjs/cache-manager', 'CacheModule.register', 'NestJS CacheModule', { externalizedBy: { option: 'store', memoryValues: ['memory'] } }),
    cache('@nestjs/cache-manager', 'CacheModule.registerAsync', 'NestJS CacheModule', { externalizedBy: { option: 'store', memoryValues: ['memory'] } }),
    cache('@nestjs/common', 'CacheModule.register', 'NestJS CacheModule', { externalizedBy: { option: 'store', memoryValues: ['memory'] } }),
    cache('apicache', 'middleware', 'apicache'),
    cache('cache-manager', 'caching', 'cache-manager', { externalizedBy: { memoryValues: ['memory'] } }),
    cache('cache-manager', 'createCache', 'cache-manager', { externalizedBy: { option: 'stores' } }),
    cache('fast-memoize', 'default', 'fast-memoize'),
    cache('keyv', 'Keyv', 'Keyv', { externalizedBy: {}, sharedNote: 'a Keyv store given by URI or adapter: check that it is shared (Redis, a database)' }),
    cache('keyv', 'default', 'Keyv', { externalizedBy: {}, sharedNote: 'a Keyv store given by URI or adapter: check that it is shared (Redis, a database)' }),
    cache('lodash', 'memoize', 'lodash memoize'),
    cache('lodash-es', 'memoize', 'lodash memoize'),
    cache('lodash.memoize', 'default', 'lodash.memoize'),
    cache('lodash/memoize', 'default', 'lodash memoize'),
    cache('lru-cache', 'LRUCache', 'lru-cache'),
    cache('lru-cache', 'default', 'lru-cache'),
    cache('mem', 'default', 'mem'),
    cache('memoize', 'default', 'memoize'),
    cache('memoizee', 'default', 'memoizee'),
    cache('memory-cache', 'Cache', 'memory-cache'),
    cache('memory-cache', 'default', 'memory-cache', { usage: 'module-instance' }),
    cache('moize', 'default', 'moize'),
    cache('node-cache', 'default', 'node-cache'),
    cache('p-memoize', 'default', 'p-memoize'),
    cache('quick-lru', 'default', 'quick-lru'),
  ],
  stores: [
    { module: 'cache-manager-ioredis', export: '*', note: 'cache in Redis via cache-manager-ioredis' },
    { module: 'cache-manager-redis-store', export: '*', note: 'cache in Redis via cache-manager-redis-store: set TTLs' },
    { module: 'cache-manager-redis-yet', export: '*', note: 'cache in Redis via cache-manager-redis-yet: set TTLs' },
  ],
};

/**
 * Library knowledge: which package export creates which kind of state, and which option or
 * companion package moves that state to a shared store. Rules read this; they do not hard-code
 * package names. Keep each list sorted by module so diffs stay small.
 */
import type { LimitOptions, ModuleExport, SharedStore, StateSource } from '../src/catalogue-types.js';
import type { Kind } from '../src/kinds.js';

/** The rule that reports library-created state of each kind; user `sources` from the configuration go to it. */
export const LIBRARY_RULE_FOR_KIND: Partial<Record<Kind, string>> = {
  cache: 'library-cache',
  'local-disk': 'local-disk-write',
  'rate-limit': 'local-rate-limit',
  session: 'in-memory-session',
};

const SESSION_MEMORY_STORES: ModuleExport[] = [
  { module: 'connect-sqlite3', export: '*' },
  { module: 'express-session', export: 'MemoryStore' },
  { module: 'memorystore', export: '*' },
  { module: 'session-file-store', export: '*' },
];

const RATE_LIMIT_MEMORY_STORES: ModuleExport[] = [
  { module: 'express-rate-limit', export: 'MemoryStore' },
  { module: 'express-slow-down', export: 'MemoryStore' },
];

const EXPRESS_RATE_LIMITS: LimitOptions = { limit: ['limit', 'max'], window: ['windowMs'], windowUnit: 'ms' };
const FASTIFY_RATE_LIMITS: LimitOptions = { limit: ['max'], window: ['timeWindow'], windowUnit: 'ms' };
const FLEXIBLE_LIMITS: LimitOptions = { limit: ['points'], window: ['duration'], windowUnit: 's' };
// @nestjs/throttler 5 and later: `ttl` in milliseconds, one definition or a list of them.
const THROTTLER_LIMITS: LimitOptions = { limit: ['limit'], window: ['ttl'], windowUnit: 'ms', list: 'throttlers' };

function cache(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'library-cache', kind: 'cache', label, ...extra };
}

function limiter(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'local-rate-limit', kind: 'rate-limit', label, ...extra };
}

function session(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'in-memory-session', kind: 'session', label, ...extra };
}

function diskWrite(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'local-disk-write', kind: 'local-disk', label, ...extra };
}

const FS_WRITES = [
  'appendFile', 'appendFileSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'createWriteStream',
  'rename', 'renameSync', 'writeFile', 'writeFileSync',
];
const FS_EXTRA_WRITES = ['copy', 'copySync', 'move', 'moveSync', 'outputFile', 'outputFileSync', 'outputJson', 'outputJsonSync', 'writeJson', 'writeJsonSync'];

function fsWrites(): StateSource[] {
  const sources: StateSource[] = [];
  for (const module of ['fs', 'node:fs', 'graceful-fs']) {
    for (const name of FS_WRITES) sources.push(diskWrite(module, name, `fs.${name}`, { runtimeOnly: true }));
    for (const name of FS_WRITES) sources.push(diskWrite(module, `promises.${name}`, `fs.promises.${name}`, { runtimeOnly: true }));
  }
  for (const module of ['fs/promises', 'node:fs/promises']) {
    for (const name of FS_WRITES) sources.push(diskWrite(module, name, `fs/promises ${name}`, { runtimeOnly: true }));
  }
  for (const name of [...FS_WRITES, ...FS_EXTRA_WRITES]) sources.push(diskWrite('fs-extra', name, `fs-extra ${name}`, { runtimeOnly: true }));
  return sources;
}

export const STATE_SOURCES: readonly StateSource[] = [
  session('@fastify/secure-session', 'default', '@fastify/secure-session', { plugin: true, shared: true, sharedNote: 'sessions in a signed, encrypted cookie: keep them small; revoking one needs a deny-list' }),
  session('@fastify/session', 'default', '@fastify/session', { plugin: true, externalizedBy: { option: 'store', unlessValueFrom: SESSION_MEMORY_STORES } }),
  limiter('@fastify/rate-limit', 'default', '@fastify/rate-limit', { plugin: true, externalizedBy: { option: 'redis' }, limits: FASTIFY_RATE_LIMITS }),
  cache('@nestjs/cache-manager', 'CacheModule.register', 'NestJS CacheModule', { externalizedBy: { option: 'store', memoryValues: ['memory'] } }),
  cache('@nestjs/cache-manager', 'CacheModule.registerAsync', 'NestJS CacheModule', { externalizedBy: { option: 'store', memoryValues: ['memory'] } }),
  cache('@nestjs/common', 'CacheModule.register', 'NestJS CacheModule', { externalizedBy: { option: 'store', memoryValues: ['memory'] } }),
  limiter('@nestjs/throttler', 'ThrottlerModule.forRoot', 'NestJS ThrottlerModule', { externalizedBy: { option: 'storage' }, limits: THROTTLER_LIMITS }),
  limiter('@nestjs/throttler', 'ThrottlerModule.forRootAsync', 'NestJS ThrottlerModule', { externalizedBy: { option: 'storage' } }),
  limiter('bottleneck', 'default', 'Bottleneck', { externalizedBy: { option: 'datastore', values: ['redis', 'ioredis'] }, sharedNote: 'limiter state in Redis (Bottleneck clustering)' }),
  cache('cache-manager', 'caching', 'cache-manager', { externalizedBy: { memoryValues: ['memory'] } }),
  cache('cache-manager', 'createCache', 'cache-manager', { externalizedBy: { option: 'stores' } }),
  session('cookie-session', 'default', 'cookie-session', { shared: true, sharedNote: 'sessions in a signed cookie: keep them small; revoking one needs a deny-list' }),
  limiter('express-rate-limit', 'default', 'express-rate-limit', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES }, limits: EXPRESS_RATE_LIMITS }),
  limiter('express-rate-limit', 'rateLimit', 'express-rate-limit', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES }, limits: EXPRESS_RATE_LIMITS }),
  session('express-session', 'default', 'express-session', { externalizedBy: { option: 'store', unlessValueFrom: SESSION_MEMORY_STORES } }),
  limiter('express-slow-down', 'default', 'express-slow-down', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES } }),
  limiter('express-slow-down', 'slowDown', 'express-slow-down', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES } }),
  cache('fast-memoize', 'default', 'fast-memoize'),
  limiter('fastify-rate-limit', 'default', 'fastify-rate-limit', { plugin: true, externalizedBy: { option: 'redis' }, limits: FASTIFY_RATE_LIMITS }),
  session('fastify-session', 'default', 'fastify-session', { plugin: true, externalizedBy: { option: 'store', unlessValueFrom: SESSION_MEMORY_STORES } }),
  diskWrite('formidable', 'default', 'formidable', { activeWhen: 'uploadDir' }),
  diskWrite('formidable', 'IncomingForm', 'formidable', { activeWhen: 'uploadDir' }),
  diskWrite('formidable', 'formidable', 'formidable', { activeWhen: 'uploadDir' }),
  limiter('koa-ratelimit', 'default', 'koa-ratelimit', { externalizedBy: { option: 'driver', memoryValues: ['memory'], sharedByDefault: true }, sharedNote: 'counters in Redis (koa-ratelimit redis driver)', limits: { limit: ['max'], window: ['duration'], windowUnit: 'ms' } }),
  limiter('limiter', 'RateLimiter', 'limiter RateLimiter'),
  limiter('limiter', 'TokenBucket', 'limiter TokenBucket'),
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
  cache('moize', 'default', 'moize'),
  diskWrite('multer', 'default', 'multer', { activeWhen: 'dest', storageOption: 'storage' }),
  diskWrite('multer', 'diskStorage', 'multer diskStorage'),
  cache('node-cache', 'default', 'node-cache'),
  cache('p-memoize', 'default', 'p-memoize'),
  cache('quick-lru', 'default', 'quick-lru'),
  limiter('rate-limiter-flexible', 'RateLimiterCluster', 'rate-limiter-flexible RateLimiterCluster', { limits: FLEXIBLE_LIMITS }),
  limiter('rate-limiter-flexible', 'RateLimiterDynamo', 'rate-limiter-flexible RateLimiterDynamo', { shared: true, sharedNote: 'counters in DynamoDB' }),
  limiter('rate-limiter-flexible', 'RateLimiterMemcache', 'rate-limiter-flexible RateLimiterMemcache', { shared: true, sharedNote: 'counters in Memcached' }),
  limiter('rate-limiter-flexible', 'RateLimiterMemory', 'rate-limiter-flexible RateLimiterMemory', { limits: FLEXIBLE_LIMITS }),
  limiter('rate-limiter-flexible', 'RateLimiterMongo', 'rate-limiter-flexible RateLimiterMongo', { shared: true, sharedNote: 'counters in MongoDB' }),
  limiter('rate-limiter-flexible', 'RateLimiterMySQL', 'rate-limiter-flexible RateLimiterMySQL', { shared: true, sharedNote: 'counters in MySQL' }),
  limiter('rate-limiter-flexible', 'RateLimiterPostgres', 'rate-limiter-flexible RateLimiterPostgres', { shared: true, sharedNote: 'counters in PostgreSQL' }),
  limiter('rate-limiter-flexible', 'RateLimiterPrisma', 'rate-limiter-flexible RateLimiterPrisma', { shared: true, sharedNote: 'counters in the database via Prisma' }),
  limiter('rate-limiter-flexible', 'RateLimiterRedis', 'rate-limiter-flexible RateLimiterRedis', { shared: true, sharedNote: 'counters in Redis: make Redis highly available' }),
  limiter('rate-limiter-flexible', 'RateLimiterValkey', 'rate-limiter-flexible RateLimiterValkey', { shared: true, sharedNote: 'counters in Valkey' }),
  ...fsWrites(),
];

/** Companion packages that keep state in a shared store. */
export const SHARED_STORES: readonly SharedStore[] = [
  { module: '@nest-lab/throttler-storage-redis', export: '*', note: 'throttler counters in Redis via @nest-lab/throttler-storage-redis' },
  { module: '@quixo3/prisma-session-store', export: '*', note: 'sessions in the database via prisma-session-store: index the expiry column' },
  { module: 'cache-manager-ioredis', export: '*', note: 'cache in Redis via cache-manager-ioredis' },
  { module: 'cache-manager-redis-store', export: '*', note: 'cache in Redis via cache-manager-redis-store: set TTLs' },
  { module: 'cache-manager-redis-yet', export: '*', note: 'cache in Redis via cache-manager-redis-yet: set TTLs' },
  { module: 'connect-dynamodb', export: '*', note: 'sessions in DynamoDB via connect-dynamodb: enable TTL on the table' },
  { module: 'connect-memcached', export: '*', note: 'sessions in Memcached via connect-memcached: size it for peak load' },
  { module: 'connect-mongo', export: '*', note: 'sessions in MongoDB via connect-mongo: keep the TTL index' },
  { module: 'connect-mongodb-session', export: '*', note: 'sessions in MongoDB via connect-mongodb-session: keep the TTL index' },
  { module: 'connect-pg-simple', export: '*', note: 'sessions in PostgreSQL via connect-pg-simple: prune expired rows' },
  { module: 'connect-redis', export: '*', note: 'sessions in Redis via connect-redis: make Redis highly available and set a TTL' },
  { module: 'connect-session-sequelize', export: '*', note: 'sessions in the database via connect-session-sequelize: prune expired rows' },
  { module: 'connect-typeorm', export: '*', note: 'sessions in the database via connect-typeorm: prune expired rows' },
  { module: 'ioredis', export: '*', note: 'state in Redis (ioredis client): make Redis highly available' },
  { module: 'keyv', export: '*', note: 'cache in a Keyv store: check that its adapter is shared (Redis, a database)' },
  { module: 'multer-s3', export: '*', note: 'uploads go to S3 via multer-s3: no file stays on the instance' },
  { module: 'multer-storage-cloudinary', export: '*', note: 'uploads go to Cloudinary: no file stays on the instance' },
  { module: 'nestjs-throttler-storage-redis', export: '*', note: 'throttler counters in Redis via nestjs-throttler-storage-redis' },
  { module: 'rate-limit-memcached', export: '*', note: 'counters in Memcached via rate-limit-memcached' },
  { module: 'rate-limit-mongo', export: '*', note: 'counters in MongoDB via rate-limit-mongo' },
  { module: 'rate-limit-postgresql', export: '*', note: 'counters in PostgreSQL via rate-limit-postgresql' },
  { module: 'rate-limit-redis', export: '*', note: 'counters in Redis via rate-limit-redis: make Redis highly available' },
  { module: 'redis', export: '*', note: 'state in Redis (node-redis client): make Redis highly available' },
];

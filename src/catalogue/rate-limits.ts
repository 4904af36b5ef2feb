/** Rate limiters and brute-force guards, where their options give the limit and window, and the stores that share their counters. */
import { sourceMaker, type LibraryFamily } from './family.js';
import type { LimitOptions, ModuleExport } from './types.js';

const limiter = sourceMaker('local-rate-limit', 'rate-limit');

const RATE_LIMIT_MEMORY_STORES: ModuleExport[] = [
  { module: 'express-rate-limit', export: 'MemoryStore' },
  { module: 'express-slow-down', export: 'MemoryStore' },
];
const EXPRESS_RATE_LIMITS: LimitOptions = { limit: ['limit', 'max'], window: ['windowMs'], windowUnit: 'ms' };
const FASTIFY_RATE_LIMITS: LimitOptions = { limit: ['max'], window: ['timeWindow'], windowUnit: 'ms' };
const FLEXIBLE_LIMITS: LimitOptions = { limit: ['points'], window: ['duration'], windowUnit: 's' };
// @nestjs/throttler 5 and later: `ttl` in milliseconds, one definition or a list of them.
const THROTTLER_LIMITS: LimitOptions = { limit: ['limit'], window: ['ttl'], windowUnit: 'ms', list: 'throttlers' };

export const RATE_LIMITS: LibraryFamily = {
  sources: [
    limiter('@fastify/rate-limit', 'default', '@fastify/rate-limit', { plugin: true, externalizedBy: { option: 'redis' }, limits: FASTIFY_RATE_LIMITS }),
    limiter('@nestjs/throttler', 'ThrottlerModule.forRoot', 'NestJS ThrottlerModule', { externalizedBy: { option: 'storage' }, limits: THROTTLER_LIMITS }),
    limiter('@nestjs/throttler', 'ThrottlerModule.forRootAsync', 'NestJS ThrottlerModule', { externalizedBy: { option: 'storage' } }),
    limiter('bottleneck', 'default', 'Bottleneck', { externalizedBy: { option: 'datastore', values: ['redis', 'ioredis'] }, sharedNote: 'limiter state in Redis (Bottleneck clustering)' }),
    limiter('express-brute', 'default', 'express-brute', { externalizedBy: { unlessValueFrom: [{ module: 'express-brute', export: 'MemoryStore' }] } }),
    limiter('express-rate-limit', 'default', 'express-rate-limit', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES }, limits: EXPRESS_RATE_LIMITS }),
    limiter('express-rate-limit', 'rateLimit', 'express-rate-limit', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES }, limits: EXPRESS_RATE_LIMITS }),
    limiter('express-slow-down', 'default', 'express-slow-down', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES } }),
    limiter('express-slow-down', 'slowDown', 'express-slow-down', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES } }),
    limiter('fastify-rate-limit', 'default', 'fastify-rate-limit', { plugin: true, externalizedBy: { option: 'redis' }, limits: FASTIFY_RATE_LIMITS }),
    limiter('koa-ratelimit', 'default', 'koa-ratelimit', { externalizedBy: { option: 'driver', memoryValues: ['memory'], sharedByDefault: true }, sharedNote: 'counters in Redis (koa-ratelimit redis driver)', limits: { limit: ['max'], window: ['duration'], windowUnit: 'ms' } }),
    limiter('limiter', 'RateLimiter', 'limiter RateLimiter'),
    limiter('limiter', 'TokenBucket', 'limiter TokenBucket'),
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
  ],
  stores: [
    { module: '@nest-lab/throttler-storage-redis', export: '*', note: 'throttler counters in Redis via @nest-lab/throttler-storage-redis' },
    { module: 'express-brute-memcached', export: '*', note: 'brute-force counters in Memcached via express-brute-memcached' },
    { module: 'express-brute-redis', export: '*', note: 'brute-force counters in Redis via express-brute-redis' },
    { module: 'nestjs-throttler-storage-redis', export: '*', note: 'throttler counters in Redis via nestjs-throttler-storage-redis' },
    { module: 'rate-limit-memcached', export: '*', note: 'counters in Memcached via rate-limit-memcached' },
    { module: 'rate-limit-mongo', export: '*', note: 'counters in MongoDB via rate-limit-mongo' },
    { module: 'rate-limit-postgresql', export: '*', note: 'counters in PostgreSQL via rate-limit-postgresql' },
    { module: 'rate-limit-redis', export: '*', note: 'counters in Redis via rate-limit-redis: make Redis highly available' },
  ],
};

/**
 * Library knowledge: which package export creates which kind of state, and which option or
 * companion package moves that state to a shared store. Rules read this; they do not hard-code
 * package names. Keep each list sorted by module so diffs stay small.
 */
import type { LimitOptions, ModuleExport, SharedStore, StateSource } from './types.js';
import type { Kind } from '../report/kinds.js';

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

function lock(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'local-lock', kind: 'lock', label, ...extra };
}

function connection(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'single-db-connection', kind: 'connection', label, ...extra };
}

function affinity(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'sticky-sessions', kind: 'affinity', label, ...extra };
}

const REDLOCK_NOTE = 'the lock is held in Redis (Redlock): every instance contends for the same key; set a TTL shorter than the worst pause';
const REDIS_SEMAPHORE_NOTE = 'the lock is held in Redis (redis-semaphore): every instance contends for the same key';
/** CDK target groups: stickiness is on when `stickinessCookieDuration` is set (construct props are the third argument). */
const CDK_TARGET_GROUP: Partial<StateSource> = { optionsArgument: 2, activeWhen: 'stickinessCookieDuration' };
/** Terraform (CDKTF, Pulumi): a `stickiness` block is on unless it says `enabled: false` (the provider's default is true). */
const TERRAFORM_STICKINESS: Partial<StateSource> = { activeWhen: 'stickiness', switchedOffBy: 'enabled' };
/** A SQLite database is a file: `new Database('app.db')`, `open({ filename })`. */
const SQLITE_FILE_ARGUMENT: Partial<StateSource> = { databaseFile: { argument: 0 } };
/** NeDB keeps a datastore in the file its `filename` option names, in memory without one. */
const NEDB_FILE: Partial<StateSource> = { databaseFile: { option: 'filename', memoryWithout: true } };

function realtime(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'connection-registry', kind: 'connection-registry', label, ...extra };
}

function scheduler(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'local-scheduler', kind: 'scheduler', label, ...extra };
}

function jobQueue(module: string, exportName: string, label: string, extra: Partial<StateSource> = {}): StateSource {
  return { module, export: exportName, rule: 'local-queue', kind: 'queue', label, ...extra };
}

const BULLMQ_NOTE = 'repeatable job kept in Redis by BullMQ: one run per schedule across all instances';
const BULL_NOTE = 'repeatable job kept in Redis by Bull: one run per schedule across all instances';
const AGENDA_NOTE = 'recurring job kept in MongoDB by Agenda, locked while it runs: one run per schedule across all instances';
const YOGA_PUBSUB = { externalizedBy: { option: 'eventTarget' } };
/** The cluster adapter links the workers of one host (Node cluster, pm2), not the hosts. */
const SOCKET_IO_HOST_ADAPTERS: ModuleExport[] = [{ module: '@socket.io/cluster-adapter', export: '*' }];
const SOCKET_IO_SERVER: Partial<StateSource> = { optionsArgument: 1, externalizedBy: { option: 'adapter', method: 'adapter', unlessValueFrom: SOCKET_IO_HOST_ADAPTERS } };

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
  affinity('@aws-cdk', 'addTargets', 'CDK listener addTargets', { method: true, optionsArgument: 1, activeWhen: 'stickinessCookieDuration' }),
  affinity('@aws-cdk', 'enableCookieStickiness', 'CDK enableCookieStickiness', { method: true }),
  affinity('@aws-cdk', 'setAttribute', "CDK target group attribute 'stickiness.enabled'", { method: true, whenArguments: ['stickiness.enabled', 'true'] }),
  affinity('@aws-cdk/aws-elasticloadbalancingv2', 'ApplicationTargetGroup', 'CDK ApplicationTargetGroup', CDK_TARGET_GROUP),
  affinity('@cdktf/provider-aws', 'albTargetGroup.AlbTargetGroup', 'CDKTF AlbTargetGroup', { optionsArgument: 2, ...TERRAFORM_STICKINESS }),
  affinity('@cdktf/provider-aws', 'lbTargetGroup.LbTargetGroup', 'CDKTF LbTargetGroup', { optionsArgument: 2, ...TERRAFORM_STICKINESS }),
  affinity('@cdktf/provider-aws/lib/alb-target-group', 'AlbTargetGroup', 'CDKTF AlbTargetGroup', { optionsArgument: 2, ...TERRAFORM_STICKINESS }),
  affinity('@cdktf/provider-aws/lib/lb-target-group', 'LbTargetGroup', 'CDKTF LbTargetGroup', { optionsArgument: 2, ...TERRAFORM_STICKINESS }),
  session('@fastify/secure-session', 'default', '@fastify/secure-session', { plugin: true, shared: true, sharedNote: 'sessions in a signed, encrypted cookie: keep them small; revoking one needs a deny-list' }),
  session('@fastify/session', 'default', '@fastify/session', { plugin: true, externalizedBy: { option: 'store', unlessValueFrom: SESSION_MEMORY_STORES } }),
  limiter('@fastify/rate-limit', 'default', '@fastify/rate-limit', { plugin: true, externalizedBy: { option: 'redis' }, limits: FASTIFY_RATE_LIMITS }),
  realtime('@graphql-yoga/subscription', 'createPubSub', 'graphql-yoga createPubSub', YOGA_PUBSUB),
  scheduler('@hokify/agenda', 'Agenda#every', 'Agenda recurring job', { optionsArgument: 0, shared: true, sharedNote: AGENDA_NOTE }),
  connection('@neondatabase/serverless', 'Client', '@neondatabase/serverless Client'),
  cache('@nestjs/cache-manager', 'CacheModule.register', 'NestJS CacheModule', { externalizedBy: { option: 'store', memoryValues: ['memory'] } }),
  cache('@nestjs/cache-manager', 'CacheModule.registerAsync', 'NestJS CacheModule', { externalizedBy: { option: 'store', memoryValues: ['memory'] } }),
  cache('@nestjs/common', 'CacheModule.register', 'NestJS CacheModule', { externalizedBy: { option: 'store', memoryValues: ['memory'] } }),
  scheduler('@nestjs/schedule', 'Cron', 'NestJS @Cron job'),
  scheduler('@nestjs/schedule', 'Interval', 'NestJS @Interval job'),
  scheduler('@nestjs/schedule', 'Timeout', 'NestJS @Timeout job', { usage: 'runs-once' }),
  limiter('@nestjs/throttler', 'ThrottlerModule.forRoot', 'NestJS ThrottlerModule', { externalizedBy: { option: 'storage' }, limits: THROTTLER_LIMITS }),
  limiter('@nestjs/throttler', 'ThrottlerModule.forRootAsync', 'NestJS ThrottlerModule', { externalizedBy: { option: 'storage' } }),
  realtime('@nestjs/websockets', 'WebSocketGateway', 'NestJS @WebSocketGateway', { usage: 'adapter-elsewhere', externalizedBy: { method: 'adapter' } }),
  affinity('@pulumi/aws', 'alb.TargetGroup', 'Pulumi aws.alb.TargetGroup', { optionsArgument: 1, ...TERRAFORM_STICKINESS }),
  affinity('@pulumi/aws', 'lb.TargetGroup', 'Pulumi aws.lb.TargetGroup', { optionsArgument: 1, ...TERRAFORM_STICKINESS }),
  affinity('@pulumi/awsx', 'createTargetGroup', 'Pulumi awsx createTargetGroup', { method: true, optionsArgument: 1, ...TERRAFORM_STICKINESS }),
  diskWrite('@seald-io/nedb', 'default', 'NeDB datastore', NEDB_FILE),
  lock('@sesamecare-oss/redlock', 'Redlock', 'Redlock', { shared: true, sharedNote: REDLOCK_NOTE }),
  lock('@sesamecare-oss/redlock', 'default', 'Redlock', { shared: true, sharedNote: REDLOCK_NOTE }),
  affinity('@socket.io/sticky', 'setupMaster', '@socket.io/sticky setupMaster'),
  affinity('@socket.io/sticky', 'setupWorker', '@socket.io/sticky setupWorker'),
  scheduler('agenda', 'Agenda#every', 'Agenda recurring job', { optionsArgument: 0, shared: true, sharedNote: AGENDA_NOTE }),
  scheduler('agenda', 'default#every', 'Agenda recurring job', { optionsArgument: 0, shared: true, sharedNote: AGENDA_NOTE }),
  jobQueue('async', 'cargo', 'async cargo'),
  jobQueue('async', 'cargoQueue', 'async cargoQueue'),
  jobQueue('async', 'priorityQueue', 'async priorityQueue'),
  jobQueue('async', 'queue', 'async queue'),
  cache('apicache', 'middleware', 'apicache'),
  lock('async-lock', 'default', 'async-lock AsyncLock'),
  lock('async-mutex', 'Mutex', 'async-mutex Mutex'),
  lock('async-mutex', 'Semaphore', 'async-mutex Semaphore'),
  lock('async-mutex', 'withTimeout', 'async-mutex withTimeout'),
  lock('async-sema', 'Sema', 'async-sema Sema'),
  jobQueue('async/cargo', 'default', 'async cargo'),
  jobQueue('async/queue', 'default', 'async queue'),
  lock('await-semaphore', 'Mutex', 'await-semaphore Mutex'),
  lock('await-semaphore', 'Semaphore', 'await-semaphore Semaphore'),
  affinity('aws-cdk-lib', 'addTargets', 'CDK listener addTargets', { method: true, optionsArgument: 1, activeWhen: 'stickinessCookieDuration' }),
  affinity('aws-cdk-lib', 'aws_elasticloadbalancingv2.ApplicationTargetGroup', 'CDK ApplicationTargetGroup', CDK_TARGET_GROUP),
  affinity('aws-cdk-lib', 'enableCookieStickiness', 'CDK enableCookieStickiness', { method: true }),
  affinity('aws-cdk-lib', 'setAttribute', "CDK target group attribute 'stickiness.enabled'", { method: true, whenArguments: ['stickiness.enabled', 'true'] }),
  affinity('aws-cdk-lib/aws-elasticloadbalancingv2', 'ApplicationTargetGroup', 'CDK ApplicationTargetGroup', CDK_TARGET_GROUP),
  jobQueue('better-queue', 'default', 'better-queue'),
  diskWrite('better-sqlite3', 'default', 'better-sqlite3', SQLITE_FILE_ARGUMENT),
  realtime('better-sse', 'createChannel', 'better-sse channel'),
  limiter('bottleneck', 'default', 'Bottleneck', { externalizedBy: { option: 'datastore', values: ['redis', 'ioredis'] }, sharedNote: 'limiter state in Redis (Bottleneck clustering)' }),
  scheduler('bree', 'default', 'Bree job'),
  scheduler('bull', 'default#add', 'Bull repeatable job', { activeWhen: 'repeat', shared: true, sharedNote: BULL_NOTE }),
  scheduler('bullmq', 'Queue#add', 'BullMQ repeatable job', { activeWhen: 'repeat', shared: true, sharedNote: BULLMQ_NOTE }),
  scheduler('bullmq', 'Queue#upsertJobScheduler', 'BullMQ job scheduler', { optionsArgument: 1, shared: true, sharedNote: BULLMQ_NOTE }),
  cache('cache-manager', 'caching', 'cache-manager', { externalizedBy: { memoryValues: ['memory'] } }),
  cache('cache-manager', 'createCache', 'cache-manager', { externalizedBy: { option: 'stores' } }),
  session('cookie-session', 'default', 'cookie-session', { shared: true, sharedNote: 'sessions in a signed cookie: keep them small; revoking one needs a deny-list' }),
  scheduler('cron', 'CronJob', 'cron CronJob'),
  scheduler('cron', 'CronJob.from', 'cron CronJob'),
  scheduler('croner', 'Cron', 'croner job'),
  scheduler('croner', 'default', 'croner job'),
  realtime('eventemitter3', 'EventEmitter', 'EventEmitter', { usage: 'event-bus' }),
  realtime('eventemitter3', 'default', 'EventEmitter', { usage: 'event-bus' }),
  realtime('events', 'EventEmitter', 'EventEmitter', { usage: 'event-bus' }),
  realtime('events', 'default', 'EventEmitter', { usage: 'event-bus' }),
  limiter('express-rate-limit', 'default', 'express-rate-limit', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES }, limits: EXPRESS_RATE_LIMITS }),
  limiter('express-rate-limit', 'rateLimit', 'express-rate-limit', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES }, limits: EXPRESS_RATE_LIMITS }),
  session('express-session', 'default', 'express-session', { externalizedBy: { option: 'store', unlessValueFrom: SESSION_MEMORY_STORES } }),
  limiter('express-brute', 'default', 'express-brute', { externalizedBy: { unlessValueFrom: [{ module: 'express-brute', export: 'MemoryStore' }] } }),
  limiter('express-slow-down', 'default', 'express-slow-down', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES } }),
  limiter('express-slow-down', 'slowDown', 'express-slow-down', { externalizedBy: { option: 'store', unlessValueFrom: RATE_LIMIT_MEMORY_STORES } }),
  cache('fast-memoize', 'default', 'fast-memoize'),
  limiter('fastify-rate-limit', 'default', 'fastify-rate-limit', { plugin: true, externalizedBy: { option: 'redis' }, limits: FASTIFY_RATE_LIMITS }),
  session('fastify-session', 'default', 'fastify-session', { plugin: true, externalizedBy: { option: 'store', unlessValueFrom: SESSION_MEMORY_STORES } }),
  jobQueue('fastq', 'default', 'fastq queue'),
  jobQueue('fastq', 'promise', 'fastq queue'),
  diskWrite('formidable', 'default', 'formidable', { activeWhen: 'uploadDir' }),
  diskWrite('formidable', 'IncomingForm', 'formidable', { activeWhen: 'uploadDir' }),
  diskWrite('formidable', 'formidable', 'formidable', { activeWhen: 'uploadDir' }),
  realtime('graphql-redis-subscriptions', 'RedisPubSub', 'graphql-redis-subscriptions RedisPubSub', { shared: true, sharedNote: 'subscription events go through Redis pub/sub: every instance delivers them to its own subscribers' }),
  realtime('graphql-subscriptions', 'PubSub', 'graphql-subscriptions PubSub'),
  realtime('graphql-yoga', 'createPubSub', 'graphql-yoga createPubSub', YOGA_PUBSUB),
  limiter('koa-ratelimit', 'default', 'koa-ratelimit', { externalizedBy: { option: 'driver', memoryValues: ['memory'], sharedByDefault: true }, sharedNote: 'counters in Redis (koa-ratelimit redis driver)', limits: { limit: ['max'], window: ['duration'], windowUnit: 'ms' } }),
  cache('keyv', 'Keyv', 'Keyv', { externalizedBy: {}, sharedNote: 'a Keyv store given by URI or adapter: check that it is shared (Redis, a database)' }),
  cache('keyv', 'default', 'Keyv', { externalizedBy: {}, sharedNote: 'a Keyv store given by URI or adapter: check that it is shared (Redis, a database)' }),
  diskWrite('level', 'Level', 'LevelDB database', SQLITE_FILE_ARGUMENT),
  limiter('limiter', 'RateLimiter', 'limiter RateLimiter'),
  limiter('limiter', 'TokenBucket', 'limiter TokenBucket'),
  cache('lodash', 'memoize', 'lodash memoize'),
  cache('lodash-es', 'memoize', 'lodash memoize'),
  cache('lodash.memoize', 'default', 'lodash.memoize'),
  cache('lodash/memoize', 'default', 'lodash memoize'),
  diskWrite('lowdb/node', 'JSONFile', 'lowdb JSON file', SQLITE_FILE_ARGUMENT),
  diskWrite('lowdb/node', 'JSONFilePreset', 'lowdb JSON file', SQLITE_FILE_ARGUMENT),
  diskWrite('lowdb/node', 'DataFile', 'lowdb data file', SQLITE_FILE_ARGUMENT),
  diskWrite('lowdb/adapters/FileSync', 'default', 'lowdb FileSync', SQLITE_FILE_ARGUMENT),
  cache('lru-cache', 'LRUCache', 'lru-cache'),
  cache('lru-cache', 'default', 'lru-cache'),
  connection('mariadb', 'createConnection', 'mariadb createConnection'),
  cache('mem', 'default', 'mem'),
  cache('memoize', 'default', 'memoize'),
  cache('memoizee', 'default', 'memoizee'),
  cache('memory-cache', 'Cache', 'memory-cache'),
  cache('memory-cache', 'default', 'memory-cache', { usage: 'module-instance' }),
  realtime('mitt', 'default', 'mitt emitter', { usage: 'event-bus' }),
  cache('moize', 'default', 'moize'),
  diskWrite('multer', 'default', 'multer', { activeWhen: 'dest', storageOption: 'storage' }),
  diskWrite('multer', 'diskStorage', 'multer diskStorage'),
  connection('mysql', 'createConnection', 'mysql createConnection'),
  connection('mysql2', 'createConnection', 'mysql2 createConnection'),
  connection('mysql2/promise', 'createConnection', 'mysql2 createConnection'),
  diskWrite('nedb', 'default', 'NeDB datastore', NEDB_FILE),
  cache('node-cache', 'default', 'node-cache'),
  scheduler('node-cron', 'schedule', 'node-cron job'),
  scheduler('node-schedule', 'scheduleJob', 'node-schedule job'),
  realtime('node:events', 'EventEmitter', 'EventEmitter', { usage: 'event-bus' }),
  realtime('node:events', 'default', 'EventEmitter', { usage: 'event-bus' }),
  connection('oracledb', 'getConnection', 'oracledb getConnection'),
  lock('p-limit', 'default', 'p-limit with concurrency 1', { onlyWhenOne: 'concurrency' }),
  lock('p-limit', 'limitFunction', 'p-limit limitFunction with concurrency 1', { optionsArgument: 1, onlyWhenOne: 'concurrency' }),
  cache('p-memoize', 'default', 'p-memoize'),
  jobQueue('p-queue', 'default', 'p-queue'),
  connection('pg', 'Client', 'pg Client'),
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
  lock('redis-semaphore', 'MultiSemaphore', 'redis-semaphore MultiSemaphore', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
  lock('redis-semaphore', 'Mutex', 'redis-semaphore Mutex', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
  lock('redis-semaphore', 'RedlockMultiSemaphore', 'redis-semaphore RedlockMultiSemaphore', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
  lock('redis-semaphore', 'RedlockMutex', 'redis-semaphore RedlockMutex', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
  lock('redis-semaphore', 'RedlockSemaphore', 'redis-semaphore RedlockSemaphore', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
  lock('redis-semaphore', 'Semaphore', 'redis-semaphore Semaphore', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
  lock('redlock', 'default', 'Redlock', { shared: true, sharedNote: REDLOCK_NOTE }),
  realtime('socket.io', 'Server', 'socket.io server', SOCKET_IO_SERVER),
  realtime('socket.io', 'default', 'socket.io server', SOCKET_IO_SERVER),
  diskWrite('sqlite', 'open', 'sqlite open', { databaseFile: { option: 'filename' } }),
  diskWrite('sqlite3', 'Database', 'sqlite3 Database', SQLITE_FILE_ARGUMENT),
  affinity('sticky-session', 'listen', 'sticky-session'),
  connection('tedious', 'Connection', 'tedious Connection'),
  scheduler('toad-scheduler', 'CronJob', 'toad-scheduler CronJob'),
  scheduler('toad-scheduler', 'LongIntervalJob', 'toad-scheduler LongIntervalJob'),
  scheduler('toad-scheduler', 'SimpleIntervalJob', 'toad-scheduler SimpleIntervalJob'),
  diskWrite('write-file-atomic', 'default', 'write-file-atomic', { runtimeOnly: true }),
  diskWrite('write-file-atomic', 'sync', 'write-file-atomic sync', { runtimeOnly: true }),
  realtime('ws', 'Server', 'ws server', { usage: 'clients-iterated' }),
  realtime('ws', 'WebSocketServer', 'ws server', { usage: 'clients-iterated' }),
  ...fsWrites(),
];

/** Companion packages that keep state in a shared store. */
export const SHARED_STORES: readonly SharedStore[] = [
  { module: '@graphql-yoga/redis-event-target', export: '*', note: 'subscription events go through Redis pub/sub (@graphql-yoga/redis-event-target)' },
  { module: '@nest-lab/throttler-storage-redis', export: '*', note: 'throttler counters in Redis via @nest-lab/throttler-storage-redis' },
  { module: '@quixo3/prisma-session-store', export: '*', note: 'sessions in the database via prisma-session-store: index the expiry column' },
  { module: '@socket.io/mongo-adapter', export: '*', note: 'socket.io events go through MongoDB (@socket.io/mongo-adapter): every instance reaches its own clients; long-polling still needs sticky sessions' },
  { module: '@socket.io/postgres-adapter', export: '*', note: 'socket.io events go through PostgreSQL NOTIFY (@socket.io/postgres-adapter): every instance reaches its own clients; long-polling still needs sticky sessions' },
  { module: '@socket.io/redis-adapter', export: '*', note: 'socket.io events go through Redis pub/sub (@socket.io/redis-adapter): every instance reaches its own clients; long-polling still needs sticky sessions' },
  { module: '@socket.io/redis-streams-adapter', export: '*', note: 'socket.io events go through Redis streams (@socket.io/redis-streams-adapter): every instance reaches its own clients; long-polling still needs sticky sessions' },
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
  { module: 'express-brute-memcached', export: '*', note: 'brute-force counters in Memcached via express-brute-memcached' },
  { module: 'express-brute-redis', export: '*', note: 'brute-force counters in Redis via express-brute-redis' },
  { module: 'ioredis', export: '*', note: 'state in Redis (ioredis client): make Redis highly available' },
  { module: 'multer-s3', export: '*', note: 'uploads go to S3 via multer-s3: no file stays on the instance' },
  { module: 'multer-storage-cloudinary', export: '*', note: 'uploads go to Cloudinary: no file stays on the instance' },
  { module: 'nestjs-throttler-storage-redis', export: '*', note: 'throttler counters in Redis via nestjs-throttler-storage-redis' },
  { module: 'rate-limit-memcached', export: '*', note: 'counters in Memcached via rate-limit-memcached' },
  { module: 'rate-limit-mongo', export: '*', note: 'counters in MongoDB via rate-limit-mongo' },
  { module: 'rate-limit-postgresql', export: '*', note: 'counters in PostgreSQL via rate-limit-postgresql' },
  { module: 'rate-limit-redis', export: '*', note: 'counters in Redis via rate-limit-redis: make Redis highly available' },
  { module: 'redis', export: '*', note: 'state in Redis (node-redis client): make Redis highly available' },
  { module: 'socket.io-redis', export: '*', note: 'socket.io events go through Redis pub/sub (socket.io-redis): every instance reaches its own clients; long-polling still needs sticky sessions' },
];

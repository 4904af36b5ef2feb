/** Session middleware, and the session stores that keep sessions out of process memory. */
import { sourceMaker, type LibraryFamily } from './family.js';
import type { ModuleExport } from './types.js';

const session = sourceMaker('in-memory-session', 'session');

const SESSION_MEMORY_STORES: ModuleExport[] = [
  { module: 'connect-sqlite3', export: '*' },
  { module: 'express-session', export: 'MemoryStore' },
  { module: 'memorystore', export: '*' },
  { module: 'session-file-store', export: '*' },
];

export const SESSIONS: LibraryFamily = {
  sources: [
    session('@fastify/secure-session', 'default', '@fastify/secure-session', { plugin: true, shared: true, sharedNote: 'sessions in a signed, encrypted cookie: keep them small; revoking one needs a deny-list' }),
    session('@fastify/session', 'default', '@fastify/session', { plugin: true, externalizedBy: { option: 'store', unlessValueFrom: SESSION_MEMORY_STORES } }),
    session('cookie-session', 'default', 'cookie-session', { shared: true, sharedNote: 'sessions in a signed cookie: keep them small; revoking one needs a deny-list' }),
    session('express-session', 'default', 'express-session', { externalizedBy: { option: 'store', unlessValueFrom: SESSION_MEMORY_STORES } }),
    session('fastify-session', 'default', 'fastify-session', { plugin: true, externalizedBy: { option: 'store', unlessValueFrom: SESSION_MEMORY_STORES } }),
  ],
  stores: [
    { module: '@quixo3/prisma-session-store', export: '*', note: 'sessions in the database via prisma-session-store: index the expiry column' },
    { module: 'connect-dynamodb', export: '*', note: 'sessions in DynamoDB via connect-dynamodb: enable TTL on the table' },
    { module: 'connect-memcached', export: '*', note: 'sessions in Memcached via connect-memcached: size it for peak load' },
    { module: 'connect-mongo', export: '*', note: 'sessions in MongoDB via connect-mongo: keep the TTL index' },
    { module: 'connect-mongodb-session', export: '*', note: 'sessions in MongoDB via connect-mongodb-session: keep the TTL index' },
    { module: 'connect-pg-simple', export: '*', note: 'sessions in PostgreSQL via connect-pg-simple: prune expired rows' },
    { module: 'connect-redis', export: '*', note: 'sessions in Redis via connect-redis: make Redis highly available and set a TTL' },
    { module: 'connect-session-sequelize', export: '*', note: 'sessions in the database via connect-session-sequelize: prune expired rows' },
    { module: 'connect-typeorm', export: '*', note: 'sessions in the database via connect-typeorm: prune expired rows' },
  ],
};

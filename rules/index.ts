/** Every rule, sorted by id. The meta tests check that this list equals the files in rules/. */
import type { Rule } from '../src/engine/rule.js';
import connectionRegistry from './connection-registry.js';
import idempotencySet from './idempotency-set.js';
import inMemorySession from './in-memory-session.js';
import libraryCache from './library-cache.js';
import localDiskWrite from './local-disk-write.js';
import localLock from './local-lock.js';
import localQueue from './local-queue.js';
import localRateLimit from './local-rate-limit.js';
import localScheduler from './local-scheduler.js';
import moduleCache from './module-cache.js';
import mutableGlobal from './mutable-global.js';
import singleDbConnection from './single-db-connection.js';
import stickySessions from './sticky-sessions.js';
import unawaitedWork from './unawaited-work.js';

export const RULES: readonly Rule[] = [
  connectionRegistry,
  idempotencySet,
  inMemorySession,
  libraryCache,
  localDiskWrite,
  localLock,
  localQueue,
  localRateLimit,
  localScheduler,
  moduleCache,
  mutableGlobal,
  singleDbConnection,
  stickySessions,
  unawaitedWork,
];

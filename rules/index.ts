/** Every rule, sorted by id. The meta tests check that this list equals the files in rules/. */
import type { Rule } from '../src/rule.js';
import inMemorySession from './in-memory-session.js';
import libraryCache from './library-cache.js';
import localDiskWrite from './local-disk-write.js';
import localLock from './local-lock.js';
import localRateLimit from './local-rate-limit.js';
import moduleCache from './module-cache.js';
import mutableGlobal from './mutable-global.js';
import singleDbConnection from './single-db-connection.js';
import stickySessions from './sticky-sessions.js';

export const RULES: readonly Rule[] = [inMemorySession, libraryCache, localDiskWrite, localLock, localRateLimit, moduleCache, mutableGlobal, singleDbConnection, stickySessions];

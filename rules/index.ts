/** Every rule, sorted by id. The meta tests check that this list equals the files in rules/. */
import type { Rule } from '../src/rule.js';
import inMemorySession from './in-memory-session.js';
import libraryCache from './library-cache.js';
import localDiskWrite from './local-disk-write.js';
import localRateLimit from './local-rate-limit.js';
import moduleCache from './module-cache.js';

export const RULES: readonly Rule[] = [inMemorySession, libraryCache, localDiskWrite, localRateLimit, moduleCache];

/**
 * Library knowledge: which package export creates which kind of state, and which option or
 * companion package moves that state to a shared store. Rules read this; they do not hard-code
 * package names. Each family of libraries is one module beside this one; adding a library is an
 * entry there, kept sorted by module.
 */
import { compareText } from '../shared/compare-text.js';
import type { Kind } from '../report/kinds.js';
import { AFFINITY } from './affinity.js';
import { CACHES } from './caches.js';
import { DATABASES } from './databases.js';
import type { LibraryFamily } from './family.js';
import { LOCAL_FILES } from './local-files.js';
import { LOCKS } from './locks.js';
import { QUEUES } from './queues.js';
import { RATE_LIMITS } from './rate-limits.js';
import { REALTIME } from './realtime.js';
import { SCHEDULERS } from './schedulers.js';
import { SESSIONS } from './sessions.js';
import type { SharedStore, StateSource } from './types.js';

/** The rule that reports library-created state of each kind; user `sources` from the configuration go to it. */
export const LIBRARY_RULE_FOR_KIND: Partial<Record<Kind, string>> = {
  cache: 'library-cache',
  'local-disk': 'local-disk-write',
  'rate-limit': 'local-rate-limit',
  session: 'in-memory-session',
};

const FAMILIES: readonly LibraryFamily[] = [AFFINITY, CACHES, DATABASES, LOCAL_FILES, LOCKS, QUEUES, RATE_LIMITS, REALTIME, SCHEDULERS, SESSIONS];

/** Every family's sources, sorted by module (a module's entries keep their family's order). */
export const STATE_SOURCES: readonly StateSource[] = byModule(FAMILIES.flatMap((family) => family.sources));

/** Companion packages that keep state in a shared store, sorted by module. */
export const SHARED_STORES: readonly SharedStore[] = byModule(FAMILIES.flatMap((family) => family.stores));

/** Sorted by module, stably. */
function byModule<T extends { module: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => compareText(a.module, b.module));
}

/** Locks, mutexes and semaphores: in process memory, or held in Redis. */
import { sourceMaker, type LibraryFamily } from './family.js';

const lock = sourceMaker('local-lock', 'lock');

const REDLOCK_NOTE = 'the lock is held in Redis (Redlock): every instance contends for the same key; set a TTL shorter than the worst pause';
const REDIS_SEMAPHORE_NOTE = 'the lock is held in Redis (redis-semaphore): every instance contends for the same key';

export const LOCKS: LibraryFamily = {
  sources: [
    lock('@sesamecare-oss/redlock', 'Redlock', 'Redlock', { shared: true, sharedNote: REDLOCK_NOTE }),
    lock('@sesamecare-oss/redlock', 'default', 'Redlock', { shared: true, sharedNote: REDLOCK_NOTE }),
    lock('async-lock', 'default', 'async-lock AsyncLock'),
    lock('async-mutex', 'Mutex', 'async-mutex Mutex'),
    lock('async-mutex', 'Semaphore', 'async-mutex Semaphore'),
    lock('async-mutex', 'withTimeout', 'async-mutex withTimeout'),
    lock('async-sema', 'Sema', 'async-sema Sema'),
    lock('await-semaphore', 'Mutex', 'await-semaphore Mutex'),
    lock('await-semaphore', 'Semaphore', 'await-semaphore Semaphore'),
    lock('p-limit', 'default', 'p-limit with concurrency 1', { onlyWhenOne: 'concurrency' }),
    lock('p-limit', 'limitFunction', 'p-limit limitFunction with concurrency 1', { optionsArgument: 1, onlyWhenOne: 'concurrency' }),
    lock('redis-semaphore', 'MultiSemaphore', 'redis-semaphore MultiSemaphore', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
    lock('redis-semaphore', 'Mutex', 'redis-semaphore Mutex', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
    lock('redis-semaphore', 'RedlockMultiSemaphore', 'redis-semaphore RedlockMultiSemaphore', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
    lock('redis-semaphore', 'RedlockMutex', 'redis-semaphore RedlockMutex', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
    lock('redis-semaphore', 'RedlockSemaphore', 'redis-semaphore RedlockSemaphore', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
    lock('redis-semaphore', 'Semaphore', 'redis-semaphore Semaphore', { shared: true, sharedNote: REDIS_SEMAPHORE_NOTE }),
    lock('redlock', 'default', 'Redlock', { shared: true, sharedNote: REDLOCK_NOTE }),
  ],
  stores: [],
};

import type { Config } from '../config.js';
import { guardedStateStore, type StateStoreObserver } from './guarded-state-store.js';
import { MemoryStateStore } from './memory-state-store.js';
import { RedisStateStore } from './redis-state-store.js';
import type { StateStore } from './state-store.js';

/** Redis when REDIS_URL is set, else this process's memory; every call bounded and observed either way. */
export function createStateStore(settings: Config['state'], observe: StateStoreObserver, onRedisError: (error: Error) => void): StateStore {
  const store =
    settings.redisUrl === undefined ? new MemoryStateStore(settings.memoryMaxKeys) : new RedisStateStore(settings.redisUrl, onRedisError);
  return guardedStateStore(store, settings.timeoutMs, observe);
}

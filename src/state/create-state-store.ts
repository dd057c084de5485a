import type { Config } from '../config.js';
import type { AttemptBudgets } from './attempt-budgets.js';
import { guardedAttemptBudgets, guardedStateStore, type StateStoreObserver } from './guarded-state-store.js';
import { MemoryStateStore } from './memory-state-store.js';
import type { RedisStateStore } from './redis-state-store.js';
import type { StateStore } from './state-store.js';

/**
 * Redis when REDIS_URL is set, else this process's memory; every call bounded and observed either way. The Redis
 * client is loaded only when it is used: without REDIS_URL its ~480 modules would cost resident memory for nothing.
 */
export async function createStateStore(
  settings: Config['state'],
  observe: StateStoreObserver,
  onRedisError: (error: Error) => void,
): Promise<StateStore> {
  const store =
    settings.redisUrl === undefined
      ? new MemoryStateStore(settings.memoryMaxKeys)
      : new (await import('./redis-state-store.js')).RedisStateStore(settings.redisUrl, onRedisError);
  return guardedStateStore(store, settings.timeoutMs, observe);
}

/**
 * The attempt budgets every replica shares: on `store`'s Redis connection, each call bounded and
 * observed as the store's are; none when the store is this process's memory (the throttle then
 * counts in memory of its own). `store` may be the guarded one: it inherits from the store it guards.
 */
export async function sharedAttemptBudgets(
  store: StateStore,
  timeoutMs: number,
  observe: StateStoreObserver,
): Promise<AttemptBudgets | undefined> {
  if (store.kind !== 'redis') return undefined;
  const { RedisAttemptBudgets } = await import('./redis-attempt-budgets.js');
  return guardedAttemptBudgets(new RedisAttemptBudgets((store as RedisStateStore).client), timeoutMs, observe);
}

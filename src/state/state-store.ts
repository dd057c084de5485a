/**
 * Where the subgraph keeps what must outlive one request and be seen by every replica: idempotency
 * records (the login throttle's counts live apart, in `attempt-budgets.ts`). In memory by default
 * (one process), in Redis when REDIS_URL is set (every replica). Values are opaque strings; every
 * entry expires.
 */
export interface StateStore {
  /** `memory` or `redis`, for /ready and the logs. */
  readonly kind: 'memory' | 'redis';
  /** Sets `key` to `value` for `ttlMs` unless it holds a value; true when this call set it. Atomic across replicas. */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  /** Sets `key` to `value` for `ttlMs`, whatever it held. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Whether a call made now can be answered (Redis connected); the memory store always can. */
  isAvailable(): boolean;
  close(): Promise<void>;
}

/** A store call that did not answer (Redis down, slow or refusing): the caller decides to fail closed or open. */
export class StateStoreUnavailableError extends Error {
  override readonly name = 'StateStoreUnavailableError';
}

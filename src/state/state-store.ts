/**
 * Where the subgraph keeps what must outlive one request and be seen by every replica: idempotency
 * records, claimed, confirmed, read, put and released (the login throttle's counts live apart, in
 * `attempt-budgets.ts`). In memory by default (one process), in Redis when REDIS_URL is set (every
 * replica). Values are opaque strings; every entry expires.
 */
export interface StateStore {
  /** `memory` or `redis`, for /ready and the logs. */
  readonly kind: 'memory' | 'redis';
  /**
   * Takes `key` for `owner` unless anything holds it: `value` is kept for `leaseMs` as an unconfirmed claim,
   * which only `owner` can confirm. `taken` when this call took it, `held` when something holds it, `full`
   * when this store has no room for another key (it never drops a live one to make room). Atomic across replicas.
   */
  claim(key: string, owner: string, value: string, leaseMs: number): Promise<ClaimResult>;
  /**
   * Turns `owner`'s claim on `key` into a record holding `value` for `ttlMs`, only while the claim is still
   * `owner`'s and has more than `leaseLeftMs` of its lease left by the store's own clock, so a confirm that
   * lands late does nothing. True when it did. Atomic across replicas.
   */
  confirm(key: string, owner: string, value: string, ttlMs: number, leaseLeftMs: number): Promise<boolean>;
  /** The value at `key`, claim or record. */
  get(key: string): Promise<string | undefined>;
  /** Sets the record at `key` to `value` for `ttlMs`, whatever it held. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  /** Drops `key` if `owner` holds it (its claim or its record); one that lands late drops nothing of another owner's. */
  release(key: string, owner: string): Promise<void>;
  /** Whether a call made now can be answered (Redis connected); the memory store always can. */
  isAvailable(): boolean;
  close(): Promise<void>;
}

export type ClaimResult = 'taken' | 'held' | 'full';

/** A store call that did not answer (Redis down, slow or refusing): the caller decides to fail closed or open. */
export class StateStoreUnavailableError extends Error {
  override readonly name = 'StateStoreUnavailableError';
}

import { StateStoreUnavailableError, type StateStore } from '../../state/state-store.js';

/**
 * Slows password guessing without locking the member out: failures are counted per (caller
 * address, account id), so an attacker elsewhere exhausts only their own budget. The counts live in
 * the state store: with Redis, every replica shares them; in memory, each process counts its own.
 *
 * When the store cannot answer, the throttle fails OPEN: the attempt goes to Kognitiv as if no
 * failure were counted, with a warning and `login_throttle_store_failures_total`. Sign-in is how members
 * reach the app, a Redis outage must not lock every member out, and the router's rate limiting and
 * Kognitiv's own lockout still stand.
 */
export interface LoginThrottleOptions {
  /** Failures allowed in `windowMs` before further attempts are refused without calling the vendor. */
  maxFailures: number;
  /** Counted from the first failure: once `maxFailures` are reached, the caller waits until it ends. */
  windowMs: number;
  store: StateStore;
  /** Told when the store could not answer and the attempt was let through uncounted. */
  onStoreUnavailable: (error: StateStoreUnavailableError) => void;
}

/**
 * The account an id names, as far as the vendor may match it loosely: compatibility forms folded
 * (NFKC: full-width `Ｍ１００１` is `M1001`), invisible characters and surrounding spaces dropped, case
 * folded. Only the throttle's key: Kognitiv still receives the id as the caller sent it.
 */
export function throttledAccount(accountId: string): string {
  return accountId
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .trim()
    .toUpperCase();
}

export class LoginThrottle {
  constructor(private readonly options: LoginThrottleOptions) {}

  private key(caller: string, accountId: string): string {
    return `login-failures:${JSON.stringify([caller, throttledAccount(accountId)])}`;
  }

  /** Runs a store call; a store that cannot answer is reported and counts as `fallback`. */
  private async failingOpen<T>(call: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof StateStoreUnavailableError)) throw error;
      this.options.onStoreUnavailable(error);
      return fallback;
    }
  }

  /** Seconds until the caller may try again, or 0 when the attempt may go to the vendor. */
  retryAfterSeconds(caller: string, accountId: string): Promise<number> {
    return this.failingOpen(async () => {
      const { count, expiresInMs } = await this.options.store.counter(this.key(caller, accountId));
      return count < this.options.maxFailures ? 0 : Math.max(1, Math.ceil(expiresInMs / 1000));
    }, 0);
  }

  async recordFailure(caller: string, accountId: string): Promise<void> {
    await this.failingOpen(() => this.options.store.increment(this.key(caller, accountId), this.options.windowMs), 0);
  }

  async recordSuccess(caller: string, accountId: string): Promise<void> {
    await this.failingOpen(() => this.options.store.delete(this.key(caller, accountId)), undefined);
  }
}

/**
 * Slows password guessing without locking the member out: failures are counted per (caller
 * address, account id), so an attacker elsewhere exhausts only their own budget. State is in this
 * process's memory: per replica, by design; the router's rate limiting is the cluster-wide control.
 */
export interface LoginThrottleOptions {
  /** Failures allowed in `windowMs` before further attempts are refused without calling the vendor. */
  maxFailures: number;
  windowMs: number;
  /** Bound on remembered (caller, account) pairs, so a flood of ids cannot grow memory without end. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * The account an id names, as far as the vendor may match it loosely: compatibility forms folded
 * (NFKC: full-width `Ｍ１００１` is `M1001`), invisible characters and surrounding spaces dropped, case
 * folded. Only the throttle's key: Kognitiv still receives the id as the caller sent it.
 */
export function throttledAccount(accountId: string): string {
  return accountId.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '').trim().toUpperCase();
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: LoginThrottleOptions) {
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  private key(caller: string, accountId: string): string {
    return `${caller}\u0000${throttledAccount(accountId)}`;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Seconds until the caller may try again, or 0 when the attempt may go to the vendor. */
  retryAfterSeconds(caller: string, accountId: string): number {
    const recent = this.recent(this.key(caller, accountId));
    if (recent.length < this.options.maxFailures) return 0;
    const oldestCounted = recent[recent.length - this.options.maxFailures]!;
    return Math.max(1, Math.ceil((oldestCounted + this.options.windowMs - this.now()) / 1000));
  }

  recordFailure(caller: string, accountId: string): void {
    const key = this.key(caller, accountId);
    const recent = this.recent(key);
    this.failures.delete(key); // re-insert last: Map order is then least recently failed first
    this.failures.set(key, [...recent, this.now()]);
    if (this.failures.size > this.maxEntries) this.failures.delete(this.failures.keys().next().value!);
  }

  recordSuccess(caller: string, accountId: string): void {
    this.failures.delete(this.key(caller, accountId));
  }
}

import { isIPv6 } from 'node:net';
import type { Config } from '../../config.js';
import { wasRefused, type AttemptBudgets, type Budget, type Slot } from '../../state/attempt-budgets.js';
import { StateStoreUnavailableError } from '../../state/state-store.js';

/**
 * Slows password guessing without locking the member out. Every attempt takes a slot, before Kognitiv
 * is called, in two budgets: its (caller, account) pair's (`maxFailures`) and its caller's across all
 * accounts (`maxFailuresPerCaller`, against credential stuffing). Taking is one atomic step, so at most
 * `maxFailures` checks of one pair reach Kognitiv per window however the attempts arrive (one batch,
 * parallel requests, several replicas on one Redis). The slot is kept only when Kognitiv said the
 * credentials were wrong; any other outcome gives it back, and a success also ends the pair's window.
 *
 * The budgets live in Redis (`shared`) when REDIS_URL is set, so every replica draws on them. When
 * Redis cannot answer, the attempt draws on this replica's own memory budgets instead (`local`),
 * with a warning and `login_throttle_store_failures_total`: a Redis outage locks no member out, and
 * a caller still gets at most the limit per replica rather than an unlimited run.
 */
export interface LoginThrottleOptions extends Pick<Config['loginThrottle'], 'maxFailures' | 'maxFailuresPerCaller'> {
  /** Counted from a budget's first attempt: once it is used up, the caller waits until the window ends. */
  windowMs: number;
  /** Every replica's budgets (Redis); absent when the state is this process's. */
  shared?: AttemptBudgets;
  /** This process's budgets: the only ones without Redis, the fallback with it. */
  local: AttemptBudgets;
  /** Told when Redis could not answer and this replica's memory budgets stood in. */
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

/** The eight 16-bit groups of a valid IPv6 address (zone dropped, a trailing dotted IPv4 read as two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  if (tail === undefined) return groups(head);
  const [before, after] = [groups(head), groups(tail)];
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
}

/**
 * Whom a caller's budget belongs to. An IPv6 caller is its /64: one subscriber commonly holds a whole
 * /64 and can pick any address in it. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is its IPv4 address.
 */
export function throttledCaller(address: string): string {
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff)
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** An attempt that holds its slots. Kognitiv said the credentials were wrong: nothing to do, the slots stay taken. */
export interface LoginAttempt {
  /** Signed in: the caller's slot is given back and the pair's window ends. */
  succeeded(): Promise<void>;
  /** Any other outcome (vendor outage, invalid input, a bug): the slots are given back. */
  giveBack(): Promise<void>;
}

export class LoginThrottle {
  constructor(private readonly options: LoginThrottleOptions) {}

  private budgets(caller: string, accountId: string): [pair: Budget, caller: Budget] {
    const who = JSON.stringify(throttledCaller(caller));
    return [
      { key: `login:${who}:${JSON.stringify(throttledAccount(accountId))}`, limit: this.options.maxFailures },
      { key: `login:${who}`, limit: this.options.maxFailuresPerCaller },
    ];
  }

  /** Runs `call` on the shared budgets, or on the local ones when there are none or they cannot answer. */
  private async onBudgets<T>(call: (budgets: AttemptBudgets) => Promise<T>): Promise<{ result: T; budgets: AttemptBudgets }> {
    const { shared, local } = this.options;
    if (shared) {
      try {
        return { result: await call(shared), budgets: shared };
      } catch (error) {
        if (!(error instanceof StateStoreUnavailableError)) throw error;
        this.options.onStoreUnavailable(error);
      }
    }
    return { result: await call(local), budgets: local };
  }

  /** Settling a slot is best effort: one Redis could not take back costs the caller that slot until the window ends. */
  private async settle(budgets: AttemptBudgets, call: (budgets: AttemptBudgets) => Promise<void>): Promise<void> {
    try {
      await call(budgets);
    } catch (error) {
      if (!(error instanceof StateStoreUnavailableError)) throw error;
      this.options.onStoreUnavailable(error);
    }
  }

  /** Takes this attempt's slots, or says in how many seconds the caller may try again. */
  async reserve(caller: string, accountId: string): Promise<LoginAttempt | { retryAfterSeconds: number }> {
    const [pair, callerBudget] = this.budgets(caller, accountId);
    const { result, budgets } = await this.onBudgets((counts) => counts.take([pair, callerBudget], this.options.windowMs));
    if (wasRefused(result)) return { retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)) };
    const slots: Slot[] = result.slots;
    return {
      succeeded: () =>
        this.settle(budgets, async (counts) => {
          await counts.clear(pair.key);
          await counts.giveBack(slots.slice(1));
        }),
      giveBack: () => this.settle(budgets, (counts) => counts.giveBack(slots)),
    };
  }
}

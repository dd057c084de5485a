/**
 * Counted budgets of attempts, for the login throttle: an attempt takes a slot in each of its budgets
 * before the work it guards, atomically, and may give it back afterwards. Two implementations:
 * `memory-attempt-budgets.ts` (this process, bounded apart from the state store's entries) and
 * `redis-attempt-budgets.ts` (one Lua script per call, shared by every replica).
 */

/** One budget an attempt draws on: at most `limit` slots taken per window. */
export interface Budget {
  key: string;
  limit: number;
}

/** A slot taken in one budget's window; given back only to that window, never to a later one. */
export interface Slot {
  key: string;
  window: string;
}

/** Every budget had room: one slot taken in each, in the order asked. */
export interface Taken {
  slots: Slot[];
}

/** A budget was full: no slot was taken in any, and the fullest frees up in `retryAfterMs`. */
export interface Refused {
  retryAfterMs: number;
}

export interface AttemptBudgets {
  /**
   * Takes one slot in every budget, or in none when any is full: the check and the count are one
   * atomic step, so attempts arriving together cannot all pass a check made before any counted.
   * A budget's window starts with its first slot and lasts `windowMs`.
   */
  take(budgets: readonly Budget[], windowMs: number): Promise<Taken | Refused>;
  /** Gives the slots back; a slot whose window has since ended or been cleared is not given to the next. */
  giveBack(slots: readonly Slot[]): Promise<void>;
  /** Ends a budget's window: its next slot starts a new one. */
  clear(key: string): Promise<void>;
}

export function wasRefused(outcome: Taken | Refused): outcome is Refused {
  return 'retryAfterMs' in outcome;
}

import type { AttemptBudgets } from './attempt-budgets.js';
import { StateStoreUnavailableError, type StateStore } from './state-store.js';

/** Told of every store call: its name, how long it took, and whether it failed. */
export type StateStoreObserver = (operation: string, seconds: number, failed: boolean) => void;

const STATE_STORE_CALLS = ['claim', 'confirm', 'get', 'put', 'release'] as const;
const ATTEMPT_BUDGET_CALLS = ['take', 'giveBack', 'clear'] as const;

/**
 * `target` with each of `calls` bounded by `timeoutMs` and observed: a Redis that hangs costs a
 * request at most that, and any failure reaches the caller as StateStoreUnavailableError, the one
 * error it has to handle. Other properties are `target`'s own (the result inherits from it).
 */
function guarded<T extends object>(target: T, calls: readonly (keyof T & string)[], timeoutMs: number, observe: StateStoreObserver): T {
  const wrapped = Object.create(target) as T;
  for (const name of calls) {
    const call = (target[name] as (...args: unknown[]) => Promise<unknown>).bind(target);
    (wrapped as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new StateStoreUnavailableError(`state store ${name} took over ${timeoutMs} ms`)), timeoutMs);
        });
        const result = await Promise.race([call(...args), timeout]);
        observe(name, (performance.now() - started) / 1000, false);
        return result;
      } catch (error) {
        observe(name, (performance.now() - started) / 1000, true);
        throw error instanceof StateStoreUnavailableError
          ? error
          : new StateStoreUnavailableError(`state store ${name} failed: ${(error as Error).message}`, { cause: error });
      } finally {
        clearTimeout(timer);
      }
    };
  }
  return wrapped;
}

export function guardedStateStore(store: StateStore, timeoutMs: number, observe: StateStoreObserver): StateStore {
  return guarded(store, STATE_STORE_CALLS, timeoutMs, observe);
}

export function guardedAttemptBudgets(budgets: AttemptBudgets, timeoutMs: number, observe: StateStoreObserver): AttemptBudgets {
  return guarded(budgets, ATTEMPT_BUDGET_CALLS, timeoutMs, observe);
}

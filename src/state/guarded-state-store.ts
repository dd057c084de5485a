import { StateStoreUnavailableError, type StateStore } from './state-store.js';

/** Told of every store call: its name, how long it took, and whether it failed. */
export type StateStoreObserver = (operation: string, seconds: number, failed: boolean) => void;

type Call = 'claim' | 'confirm' | 'get' | 'put' | 'release' | 'delete' | 'increment' | 'counter';
const CALLS: readonly Call[] = ['claim', 'confirm', 'get', 'put', 'release', 'delete', 'increment', 'counter'];

/**
 * Every call bounded by `timeoutMs` and observed: a Redis that hangs costs a request at most that,
 * and any failure reaches the caller as StateStoreUnavailableError, the one error it has to handle.
 */
export function guardedStateStore(store: StateStore, timeoutMs: number, observe: StateStoreObserver): StateStore {
  const guarded = Object.create(store) as StateStore;
  for (const name of CALLS) {
    const call = store[name].bind(store) as (...args: unknown[]) => Promise<unknown>;
    (guarded as unknown as Record<Call, unknown>)[name] = async (...args: unknown[]) => {
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
  return guarded;
}

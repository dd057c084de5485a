import type { AttemptBudgets, Budget, Refused, Slot, Taken } from './attempt-budgets.js';

interface Window {
  taken: number;
  id: string;
  endsAt: number;
}

/**
 * Attempt budgets of this process, in a map of their own (never the state store's: a flood of login
 * attempts cannot evict an idempotency record). Bounded by `maxKeys`: past it the window started
 * longest ago is dropped first. Every window has the same length, so map order (creation order) is
 * also end order: ended windows are swept from the front.
 */
export class MemoryAttemptBudgets implements AttemptBudgets {
  private readonly windows = new Map<string, Window>();
  private nextId = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many budgets are held now (ended windows not yet swept included). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt > now) break;
      this.windows.delete(key);
    }
  }

  private live(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    return window && window.endsAt > now ? window : undefined;
  }

  async take(budgets: readonly Budget[], windowMs: number): Promise<Taken | Refused> {
    const now = this.now();
    this.sweep(now);
    const full = budgets.flatMap(({ key, limit }) => {
      const window = this.live(key, now);
      return window && window.taken >= limit ? [window] : [];
    });
    if (full.length > 0) return { retryAfterMs: Math.max(...full.map((window) => window.endsAt - now)) };
    const slots = budgets.map(({ key }) => {
      let window = this.live(key, now);
      if (!window) {
        this.windows.delete(key);
        if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
        window = { taken: 0, id: String((this.nextId += 1)), endsAt: now + windowMs };
        this.windows.set(key, window);
      }
      window.taken += 1;
      return { key, window: window.id };
    });
    return { slots };
  }

  async giveBack(slots: readonly Slot[]): Promise<void> {
    const now = this.now();
    for (const { key, window: id } of slots) {
      const window = this.live(key, now);
      if (window?.id === id && window.taken > 0) window.taken -= 1;
    }
  }

  async clear(key: string): Promise<void> {
    this.windows.delete(key);
  }
}

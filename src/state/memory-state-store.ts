import type { StateStore } from './state-store.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The state of one process, for `npm start` and single-replica deployments. Bounded: past `maxKeys`
 * the oldest entry (by when it was last written) is dropped first, so a flood of keys costs memory
 * up to the bound and then evicts; an evicted idempotency record means a late retry runs again.
 */
export class MemoryStateStore implements StateStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(
    private readonly maxKeys: number,
    now: () => number = Date.now,
  ) {
    this.now = now;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, entry: Entry): void {
    this.entries.delete(key); // re-inserted last: Map order is then oldest write first
    this.entries.set(key, entry);
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
  }

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.write(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    this.write(key, { value, expiresAt: this.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  isAvailable(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

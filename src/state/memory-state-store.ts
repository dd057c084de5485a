import type { ClaimResult, StateStore } from './state-store.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/** An idempotency claim (`leased`: not confirmed yet) or record, and who holds it. */
interface HeldRecord extends Entry {
  owner: string;
  leased: boolean;
}

/** How often a full record space is searched for expired records; between searches, new keys are refused. */
const SWEEP_INTERVAL_MS = 1_000;

/**
 * The state of one process, for `npm start` and single-replica deployments. Idempotency records and
 * counters are bounded apart, `maxKeys` each, so no flood of one can push out the other. Records are
 * never dropped before they expire: with `maxKeys` live records a new key is refused (`full`).
 * Counters past their bound drop the oldest written first: a dropped count only gives a caller back
 * some attempts.
 */
export class MemoryStateStore implements StateStore {
  readonly kind = 'memory';
  /** Counters. */
  private readonly entries = new Map<string, Entry>();
  private readonly records = new Map<string, HeldRecord>();
  private nextSweepAt = 0;
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

  private liveRecord(key: string): HeldRecord | undefined {
    const record = this.records.get(key);
    if (record && record.expiresAt <= this.now()) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }

  /** Whether another record fits, after dropping the expired ones (searched at most once a SWEEP_INTERVAL_MS). */
  private roomForRecord(): boolean {
    if (this.records.size < this.maxKeys) return true;
    const now = this.now();
    if (now < this.nextSweepAt) return false;
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const [key, record] of this.records) if (record.expiresAt <= now) this.records.delete(key);
    return this.records.size < this.maxKeys;
  }

  async claim(key: string, owner: string, value: string, leaseMs: number): Promise<ClaimResult> {
    if (this.liveRecord(key)) return 'held';
    if (!this.roomForRecord()) return 'full';
    this.records.set(key, { owner, value, leased: true, expiresAt: this.now() + leaseMs });
    return 'taken';
  }

  async confirm(key: string, owner: string, value: string, ttlMs: number, leaseLeftMs: number): Promise<boolean> {
    const record = this.liveRecord(key);
    if (!record || record.owner !== owner || !record.leased || record.expiresAt - this.now() <= leaseLeftMs) return false;
    this.records.set(key, { owner, value, leased: false, expiresAt: this.now() + ttlMs });
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.liveRecord(key)?.value;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    // Only ever a record read just before: replacing it takes no new room.
    const owner = this.liveRecord(key)?.owner ?? '';
    this.records.set(key, { owner, value, leased: false, expiresAt: this.now() + ttlMs });
  }

  async release(key: string, owner: string): Promise<void> {
    if (this.records.get(key)?.owner === owner) this.records.delete(key);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const entry = this.live(key);
    const count = Number(entry?.value ?? 0) + 1;
    this.write(key, { value: String(count), expiresAt: entry?.expiresAt ?? this.now() + ttlMs });
    return count;
  }

  async counter(key: string): Promise<{ count: number; expiresInMs: number }> {
    const entry = this.live(key);
    return entry ? { count: Number(entry.value), expiresInMs: entry.expiresAt - this.now() } : { count: 0, expiresInMs: 0 };
  }

  isAvailable(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.records.clear();
  }
}

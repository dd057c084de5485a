import type { ClaimResult, StateStore } from './state-store.js';

/** An idempotency claim (`leased`: not confirmed yet) or record, and who holds it. */
interface HeldRecord {
  value: string;
  expiresAt: number;
  owner: string;
  leased: boolean;
}

/** How often a full record space is searched for expired records; between searches, new keys are refused. */
const SWEEP_INTERVAL_MS = 1_000;

/**
 * The idempotency records of one process, for `npm start` and single-replica deployments, bounded
 * by `maxKeys` (the login throttle's budgets are bounded apart, in `memory-attempt-budgets.ts`, so a
 * flood of logins cannot push records out). Records are never dropped before they expire: with
 * `maxKeys` live records a new key is refused (`full`).
 */
export class MemoryStateStore implements StateStore {
  readonly kind = 'memory';
  private readonly records = new Map<string, HeldRecord>();
  private nextSweepAt = 0;
  private readonly now: () => number;

  constructor(
    private readonly maxKeys: number,
    now: () => number = Date.now,
  ) {
    this.now = now;
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

  isAvailable(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.records.clear();
  }
}

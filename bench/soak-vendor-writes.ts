import type { SandboxVendors } from '../src/sandbox/start-sandbox-vendors.js';
import type { ReceivedCall, ReceivedFields } from '../src/sandbox/shared/received-calls.js';
import type { SandboxControls } from '../src/sandbox/shared/sandbox-controls.js';

/** The writes the soak's actions make, by the sandbox that receives them. */
export const SOAK_WRITES = { kognitiv: ['RecordInteraction', 'SaveAccountPhone'], debitsuccess: ['UpdateClientPhoneNumber'] } as const;
export type SoakVendor = keyof typeof SOAK_WRITES;

/** How often the sandboxes' received calls are drained: each keeps only its last 200, far more than arrive in this time. */
const DRAIN_EVERY_MS = 20;
/** What a sandbox keeps (src/sandbox/shared/received-calls.ts); a drain this full may have lost the oldest. */
const SANDBOX_KEEPS = 200;

/** The action id a write carries: `soak-<id>` in an interaction's note, or the digits `21<id, 5 digits>55` of a phone number. */
export function actionIdOf(call: ReceivedCall): number | undefined {
  for (const value of stringsIn(call.fields)) {
    const note = /^soak-(\d+)$/.exec(value);
    if (note) return Number(note[1]);
    const phone = /21(\d{5})55$/.exec(value.replace(/\D/g, ''));
    if (phone) return Number(phone[1]);
  }
  return undefined;
}

function stringsIn(fields: ReceivedFields): string[] {
  return Object.values(fields).flatMap((value) =>
    typeof value === 'string' ? [value] : typeof value === 'object' && value !== undefined ? stringsIn(value) : [],
  );
}

/**
 * Every write the sandboxes received during the soak, by action id and vendor: the sandboxes run in this process, so
 * reading and resetting their received calls in one synchronous step loses none between the two.
 */
export class VendorWriteLog {
  private readonly writes = new Map<number, Record<SoakVendor, number>>();
  /** Writes that carried no action id of the soak: none are expected. */
  unattributed = 0;
  private timer: NodeJS.Timeout | undefined;
  private overflowed = false;

  constructor(private readonly sandboxes: SandboxVendors) {}

  start(): void {
    this.drain();
    this.timer = setInterval(() => this.drain(), DRAIN_EVERY_MS);
  }

  /** Stops draining after a last drain; throws when a drain found a sandbox's list full (a write may have been lost). */
  stop(): void {
    clearInterval(this.timer);
    this.drain();
    if (this.overflowed) throw new Error(`a sandbox kept ${SANDBOX_KEEPS} calls between two drains: some writes may be uncounted`);
  }

  of(actionId: number): Record<SoakVendor, number> {
    return this.writes.get(actionId) ?? { kognitiv: 0, debitsuccess: 0 };
  }

  total(): number {
    let sum = 0;
    for (const counts of this.writes.values()) sum += counts.kognitiv + counts.debitsuccess;
    return sum;
  }

  private drain(): void {
    this.take('kognitiv', this.sandboxes.kognitiv!.sandbox);
    this.take('debitsuccess', this.sandboxes.debitsuccess!.sandbox);
  }

  private take(vendor: SoakVendor, sandbox: SandboxControls): void {
    const calls = sandbox.receivedCalls();
    sandbox.resetReceivedCalls();
    if (calls.length >= SANDBOX_KEEPS) this.overflowed = true;
    for (const call of calls) {
      if (!(SOAK_WRITES[vendor] as readonly string[]).includes(call.operation)) continue;
      const id = actionIdOf(call);
      if (id === undefined) {
        this.unattributed += 1;
        continue;
      }
      const counts = this.of(id);
      counts[vendor] += 1;
      this.writes.set(id, counts);
    }
  }
}

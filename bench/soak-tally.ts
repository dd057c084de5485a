import { MEMBER_ERROR_CODES } from '../src/schema/errors/member-error-code.js';
import type { SeenError, SoakAction } from './soak-client.js';
import type { SoakVendor, VendorWriteLog } from './soak-vendor-writes.js';

/** What the soak counted: the figures of docs/benchmarks.md. */
export interface SoakCounts {
  actions: number;
  /** HTTP attempts, retries included. */
  requests: number;
  /** Attempts that got no answer (refused, reset, timed out). */
  transportFailures: number;
  /** Actions answered without errors, fresh or replayed. */
  successes: number;
  /** Answers marked as replays (`Idempotent-Replayed` or `extensions.replayed`). */
  replays: number;
  /** Errors seen in answers, by `extensions.code` (one answer may carry two, e.g. both savePhone parts). */
  refusals: Record<string, number>;
  /** Actions sent more than once. */
  retriedKeys: number;
  /** Writes the sandboxes received for the soak's actions. */
  vendorWrites: number;
  /** Writes that carried no action id (none expected). */
  unattributedWrites: number;
  /** Actions a vendor received more than once. */
  duplicates: number;
  /** Actions answered VENDOR_OUTCOME_UNKNOWN where the vendor it names never received the write. */
  unknownNeverSent: number;
  /** Actions still failing retryably at the client's give-up bound. */
  gaveUp: number;
  /** Of those, the ones no vendor ever received. */
  gaveUpNeverSent: number;
}

/** Actions breaking a promise, each described for the failure message. */
export interface SoakViolations {
  /** Seen as successful by the client, but not written exactly once at each vendor its mutation writes to. */
  successNotExactlyOnce: string[];
  /** Written more than once at one vendor, whatever the client saw. */
  duplicates: string[];
  /** A retried key answered with an error that is not a typed `MemberErrorCode` (or is INTERNAL_SERVER_ERROR). */
  untypedRetryAnswers: string[];
  /** VENDOR_OUTCOME_UNKNOWN for a write the vendor never received. */
  unknownNeverSent: string[];
}

/** Which vendors a mutation writes to, and which vendor an error at a path speaks of (both for a whole-mutation error). */
const VENDORS_OF: Record<SoakAction['mutation'], readonly SoakVendor[]> = {
  recordInteraction: ['kognitiv'],
  savePhone: ['kognitiv', 'debitsuccess'],
};
const PART_VENDOR: Record<string, SoakVendor> = { 'savePhone.loyalty': 'kognitiv', 'savePhone.billing': 'debitsuccess' };

function typed(error: SeenError): boolean {
  return error.code in MEMBER_ERROR_CODES && error.code !== 'INTERNAL_SERVER_ERROR';
}

function describe(action: SoakAction, writes: Record<SoakVendor, number>): string {
  const attempts = action.attempts.map((a) =>
    a.kind === 'transport'
      ? `r${a.replica}:transport`
      : `r${a.replica}:${a.errors.map((e) => `${e.code}@${e.path}`).join('+') || 'ok'}${a.replayed ? '(replayed)' : ''}`,
  );
  return `${action.mutation} #${action.id} ${action.ending}; attempts ${attempts.join(' > ')}; writes ${JSON.stringify(writes)}`;
}

export function tally(actions: readonly SoakAction[], writes: VendorWriteLog): { counts: SoakCounts; violations: SoakViolations } {
  const counts: SoakCounts = {
    actions: actions.length,
    requests: 0,
    transportFailures: 0,
    successes: 0,
    replays: 0,
    refusals: {},
    retriedKeys: 0,
    vendorWrites: writes.total(),
    unattributedWrites: writes.unattributed,
    duplicates: 0,
    unknownNeverSent: 0,
    gaveUp: 0,
    gaveUpNeverSent: 0,
  };
  const violations: SoakViolations = { successNotExactlyOnce: [], duplicates: [], untypedRetryAnswers: [], unknownNeverSent: [] };
  for (const action of actions) {
    const written = writes.of(action.id);
    const vendors = VENDORS_OF[action.mutation];
    const answers = action.attempts.flatMap((attempt) => (attempt.kind === 'answer' ? [attempt] : []));
    counts.requests += action.attempts.length;
    counts.transportFailures += action.attempts.length - answers.length;
    counts.replays += answers.filter((answer) => answer.replayed).length;
    for (const error of answers.flatMap((answer) => answer.errors)) counts.refusals[error.code] = (counts.refusals[error.code] ?? 0) + 1;
    if (action.ending === 'success') counts.successes += 1;
    if (action.ending === 'gave-up') {
      counts.gaveUp += 1;
      if (vendors.every((vendor) => written[vendor] === 0)) counts.gaveUpNeverSent += 1;
    }
    if (action.ending === 'success' && vendors.some((vendor) => written[vendor] !== 1))
      violations.successNotExactlyOnce.push(describe(action, written));
    if (vendors.some((vendor) => written[vendor] > 1)) {
      counts.duplicates += 1;
      violations.duplicates.push(describe(action, written));
    }
    if (action.attempts.length > 1) {
      counts.retriedKeys += 1;
      const retryErrors = action.attempts.slice(1).flatMap((attempt) => (attempt.kind === 'answer' ? attempt.errors : []));
      if (retryErrors.some((error) => !typed(error))) violations.untypedRetryAnswers.push(describe(action, written));
    }
    const unknownUnsent = answers
      .flatMap((answer) => answer.errors)
      .some(
        (error) =>
          error.code === 'VENDOR_OUTCOME_UNKNOWN' &&
          (PART_VENDOR[error.path] ? [PART_VENDOR[error.path]!] : vendors).every((v) => written[v] === 0),
      );
    if (unknownUnsent) {
      counts.unknownNeverSent += 1;
      violations.unknownNeverSent.push(describe(action, written));
    }
  }
  return { counts, violations };
}

/** The counts as a Markdown table, one row per figure (refusals one row per code). */
export function countsTable(counts: SoakCounts): string {
  const rows: [string, number][] = [
    ['actions (keys)', counts.actions],
    ['requests (attempts)', counts.requests],
    ['transport failures', counts.transportFailures],
    ['successes (fresh or replayed)', counts.successes],
    ['replayed answers', counts.replays],
    ...Object.entries(counts.refusals)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, n]): [string, number] => [`errors ${code}`, n]),
    ['retried keys', counts.retriedKeys],
    ['vendor writes', counts.vendorWrites],
    ['vendor writes without an action id', counts.unattributedWrites],
    ['keys written more than once (duplicates)', counts.duplicates],
    ['VENDOR_OUTCOME_UNKNOWN never sent', counts.unknownNeverSent],
    ['given up by the client', counts.gaveUp],
    ['given up, never sent', counts.gaveUpNeverSent],
  ];
  return ['| figure | count |', '|---|---|', ...rows.map(([name, n]) => `| ${name} | ${n} |`)].join('\n');
}

import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StateStoreUnavailableError, type StateStore } from '../../state/state-store.js';
import { isStaff } from '../auth/caller.js';
import { declareStep } from '../declared-steps.js';
import { clientError } from '../errors/client-error.js';
import { memberError, memberErrorBody, type MemberErrorBody } from '../errors/member-error.js';
import { isLeftOut } from '../shared/validate.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { replayedError } from './replayed-error.js';

/** What every request's keyed mutations share (app.ts builds it once). */
export interface IdempotencySettings {
  store: StateStore;
  /** How long an outcome is kept for replay (IDEMPOTENCY_RETENTION_SECONDS). */
  retentionMs: number;
  /** How long a store call may take before it counts as failed (STATE_STORE_TIMEOUT_MS); it may still land later. */
  storeTimeoutMs: number;
  onReplay(operation: string): void;
}

/** The same, with what this request adds. */
export interface RequestIdempotency extends IdempotencySettings {
  /** The `Idempotency-Key` header as sent, if any. */
  headerKey: string | undefined;
  /** When this request must be answered (its REQUEST_DEADLINE_MS from arrival). */
  deadline: number;
  /** Tells the client the answer is a replay (the `Idempotent-Replayed` response header). */
  markReplayed(): void;
}

/** How a mutation's result is stored as JSON and given back; `retryable`: nothing was written, so the key may run again. */
export interface OutcomeCodec<T> {
  save(result: T): Promise<{ stored: unknown; retryable: boolean }>;
  restore(stored: unknown): T;
}

const PLAIN_JSON: OutcomeCodec<unknown> = { save: async (result) => ({ stored: result, retryable: false }), restore: (stored) => stored };

/**
 * A key's record. `claimed`: taken, no vendor called yet, gone when its lease ends unless its owner
 * confirms it; `running`: confirmed, so the vendor may have been called. `answerBy`: the first
 * request's deadline; a record still running past it lost its replica.
 */
type OutcomeRecord = { fingerprint: string; answerBy: number } & (
  { state: 'claimed' } | { state: 'running' } | { state: 'answered'; result: unknown } | { state: 'failed'; error: MemberErrorBody }
);

/** How often a repeat looks whether the first request has finished. */
const POLL_MS = 50;
/** Clock difference between replicas tolerated before a running record is taken as orphaned. */
const CLOCK_SLACK_MS = 5_000;

/**
 * How long a claim lasts unconfirmed: the claim and the confirm may each take up to the store timeout
 * and still count, so the lease outlives both, with a second to spare. A claim whose owner gave up
 * (its call timed out, and landed later) blocks its key no longer than this.
 */
export function claimLeaseMs(storeTimeoutMs: number): number {
  return 2 * storeTimeoutMs + 1_000;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * JSON with keys sorted and left-out values dropped as the resolvers take them (`null`, `""` and absent
 * alike, `isLeftOut`), so inputs the mutation treats as the same have the same fingerprint.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => !isLeftOut(v))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function replay<T>(record: OutcomeRecord, codec: OutcomeCodec<T>): T {
  if (record.state === 'answered') return codec.restore(record.result);
  if (record.state === 'failed') throw replayedError(record.error);
  throw new Error(`a ${record.state} record has no outcome`);
}

/** One keyed mutation of one request: where its record lives, what its input was, and how to run and store it. */
interface KeyedCall<T> {
  idempotency: RequestIdempotency;
  operation: string;
  recordKey: string;
  fingerprint: string;
  codec: OutcomeCodec<T>;
  run: () => Promise<T>;
}

/** One request's hold on a key: the key, the owner token its claim carries, and the claim's lease. */
interface Claim {
  recordKey: string;
  owner: string;
  leaseMs: number;
}

/**
 * Gives the key back if this request still holds it, without waiting: after a store call that failed or
 * timed out, which may yet land. The release goes after it on the same connection, and drops only this
 * owner's claim or record, so a late one can never drop another request's.
 */
function abandon(store: StateStore, { recordKey, owner }: Claim): void {
  store.release(recordKey, owner).catch(() => undefined);
}

/**
 * Runs `run` at most once per key: the first request claims the key (an atomic set-if-absent, with an
 * owner token and a short lease), confirms the claim (only while its lease lasts), runs, and stores
 * its outcome; a repeat with the same input replays it without calling a vendor, waits while the
 * first still holds the key, and is refused with other input. A retryable failure (nothing written)
 * releases the key, so the client's retry runs again.
 */
async function once<T>(call: KeyedCall<T>): Promise<T> {
  const { idempotency, operation, recordKey, fingerprint, codec } = call;
  const { store, retentionMs, deadline } = idempotency;
  // Owner: 128 random bits as one flat string (randomUUID()'s string is kept as many pieces: 500 bytes a record, not 60).
  const claim: Claim = { recordKey, owner: randomBytes(16).toString('base64url'), leaseMs: claimLeaseMs(idempotency.storeTimeoutMs) };
  const claimed: OutcomeRecord = { state: 'claimed', fingerprint, answerBy: deadline };
  for (;;) {
    let taken;
    try {
      taken = await store.claim(recordKey, claim.owner, JSON.stringify(claimed), claim.leaseMs);
    } catch (error) {
      abandon(store, claim);
      throw error;
    }
    if (taken === 'taken') return firstRun(call, claim, performance.now(), claimed);
    if (taken === 'full') throw memberError('IDEMPOTENCY_UNAVAILABLE', { retryable: true, reason: 'STORE_FULL' });
    const stored = await store.get(recordKey);
    if (stored === undefined) continue; // released or expired since the claim: claim again
    let record = JSON.parse(stored) as OutcomeRecord;
    if (record.fingerprint !== fingerprint) throw memberError('IDEMPOTENCY_KEY_REUSED', { retryable: false });
    if (record.state === 'running' && record.answerBy + CLOCK_SLACK_MS < Date.now()) {
      // Its replica stopped after confirming, about to call or calling the vendor: whether the vendor
      // acted is unknown, and stays so for every repeat. (A claim never confirmed just expires.)
      record = { ...record, state: 'failed', error: memberErrorBody('VENDOR_OUTCOME_UNKNOWN', { retryable: false }) };
      await store.put(recordKey, JSON.stringify(record), retentionMs);
    }
    if (record.state === 'answered' || record.state === 'failed') {
      idempotency.onReplay(operation);
      idempotency.markReplayed();
      return replay(record, codec);
    }
    if (Date.now() + POLL_MS >= deadline) throw memberError('IDEMPOTENCY_IN_PROGRESS', { retryable: true });
    await sleep(POLL_MS);
  }
}

async function firstRun<T>(call: KeyedCall<T>, claim: Claim, claimAnsweredAt: number, claimed: OutcomeRecord): Promise<T> {
  const { idempotency, codec, run } = call;
  const { store, retentionMs, storeTimeoutMs } = idempotency;
  const { recordKey, owner, leaseMs } = claim;
  const running: OutcomeRecord = { ...claimed, state: 'running' };
  // The claim landed at or before it answered, so its lease ends at most `leaseMs` after that. This
  // request gives up on the confirm `storeTimeoutMs` after sending it: asking for that much lease to be
  // left (by Redis's clock) makes a confirm that lands after this request gave up do nothing.
  const leaseLeftMs = leaseMs - (performance.now() - claimAnsweredAt) - storeTimeoutMs;
  let confirmed;
  try {
    confirmed = await store.confirm(recordKey, owner, JSON.stringify(running), retentionMs, leaseLeftMs);
  } catch (error) {
    abandon(store, claim);
    throw error;
  }
  if (!confirmed) {
    abandon(store, claim);
    throw memberError('IDEMPOTENCY_UNAVAILABLE', { retryable: true });
  }
  // The vendor has answered by now: a store failure must not hide that answer from this client. The
  // record then stays `running` (a repeat gets VENDOR_OUTCOME_UNKNOWN once it is orphaned) or is gone
  // with a flushed Redis (a repeat runs again); the store's error metric counts it.
  const keep = (record: OutcomeRecord | undefined) =>
    (record === undefined ? store.release(recordKey, owner) : store.put(recordKey, JSON.stringify(record), retentionMs)).catch(
      () => undefined,
    );
  let result: T;
  try {
    result = await run();
  } catch (error) {
    // What the client reads (clientError), kept to answer repeats with; a masked error keeps no correlation id of this request.
    const body = clientError(error);
    await keep(body.extensions.retryable === true ? undefined : { ...running, state: 'failed', error: body });
    throw error;
  }
  const { stored, retryable } = await codec.save(result);
  await keep(retryable ? undefined : { ...running, state: 'answered', result: stored });
  return result;
}

/**
 * Declares a mutation idempotent: with an `idempotencyKey` in its input (or the `Idempotency-Key`
 * header), it runs once per (mutation, caller, key) within the retention, and repeats get its outcome.
 * The caller is the member, or `staff` (staff share their keys: their answers are the same to any of them).
 * Runs after the field's access check, whatever the decorators' order (declared-steps.ts): a caller who may
 * not call the field is refused before a key is looked at.
 */
export function Idempotent<T>(codec: OutcomeCodec<T> = PLAIN_JSON as OutcomeCodec<T>): MethodDecorator {
  return declareStep('idempotency', async ({ args, context, info }, next) => {
    const { idempotencyKey, ...input } = args.input as { idempotencyKey?: string | null };
    const key = idempotencyKeyOf(idempotencyKey, context.idempotency.headerKey);
    if (key === undefined) return next();
    const caller = isStaff(context.caller, context.authorization) ? 'staff' : `member:${context.caller.memberId ?? ''}`;
    // Hashed: the caller's key never becomes part of a Redis key name as sent.
    const recordKey = `idempotency:${info.fieldName}:${sha256(JSON.stringify([caller, key]))}`;
    const fingerprint = sha256(canonicalJson(input));
    const run = next as () => Promise<T>;
    try {
      return await once({ idempotency: context.idempotency, operation: info.fieldName, recordKey, fingerprint, codec, run });
    } catch (error) {
      // Fails closed: without the store there is no knowing whether this key already ran.
      if (error instanceof StateStoreUnavailableError) throw memberError('IDEMPOTENCY_UNAVAILABLE', { retryable: true });
      throw error;
    }
  });
}

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMethodMiddlewareDecorator } from 'type-graphql';
import { StateStoreUnavailableError, type StateStore } from '../../state/state-store.js';
import { isStaff } from '../auth/caller.js';
import type { RequestContext } from '../context.js';
import { memberError, memberErrorBody, type MemberErrorBody } from '../errors/member-error.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { clientErrorBody, replayedError } from './outcome-body.js';

/** What every request's keyed mutations share (app.ts builds it once). */
export interface IdempotencySettings {
  store: StateStore;
  /** How long an outcome is kept for replay (IDEMPOTENCY_RETENTION_SECONDS). */
  retentionMs: number;
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

/** A key's record. `answerBy`: the first request's deadline; a record still running past it lost its replica. */
type OutcomeRecord = { fingerprint: string; answerBy: number } & (
  { state: 'running' } | { state: 'answered'; result: unknown } | { state: 'failed'; error: MemberErrorBody }
);

/** How often a repeat looks whether the first request has finished. */
const POLL_MS = 50;
/** Clock difference between replicas tolerated before a running record is taken as orphaned. */
const CLOCK_SLACK_MS = 5_000;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** JSON with keys sorted, so the same input always has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function replay<T>(record: OutcomeRecord, codec: OutcomeCodec<T>): T {
  if (record.state === 'answered') return codec.restore(record.result);
  if (record.state === 'failed') throw replayedError(record.error);
  throw new Error('a running record has no outcome');
}

/**
 * Runs `run` at most once per key: the first request claims the key (an atomic set-if-absent), runs,
 * and stores its outcome; a repeat with the same input replays it without calling a vendor, waits
 * while the first still runs, and is refused with other input. A retryable failure (nothing written)
 * releases the key, so the client's retry runs again.
 */
async function once<T>(
  idempotency: RequestIdempotency,
  operation: string,
  recordKey: string,
  fingerprint: string,
  codec: OutcomeCodec<T>,
  run: () => Promise<T>,
): Promise<T> {
  const { store, retentionMs, deadline } = idempotency;
  const running: OutcomeRecord = { state: 'running', fingerprint, answerBy: deadline };
  for (;;) {
    if (await store.claim(recordKey, JSON.stringify(running), retentionMs)) return firstRun(idempotency, recordKey, running, codec, run);
    const stored = await store.get(recordKey);
    if (stored === undefined) continue; // released or expired since the claim: claim again
    let record = JSON.parse(stored) as OutcomeRecord;
    if (record.fingerprint !== fingerprint) throw memberError('IDEMPOTENCY_KEY_REUSED', { retryable: false });
    if (record.state === 'running' && record.answerBy + CLOCK_SLACK_MS < Date.now()) {
      // Its replica stopped mid-request: whether the vendor acted is unknown, and stays so for every repeat.
      record = { ...record, state: 'failed', error: memberErrorBody('VENDOR_OUTCOME_UNKNOWN', { retryable: false }) };
      await store.put(recordKey, JSON.stringify(record), retentionMs);
    }
    if (record.state !== 'running') {
      idempotency.onReplay(operation);
      idempotency.markReplayed();
      return replay(record, codec);
    }
    if (Date.now() + POLL_MS >= deadline) throw memberError('IDEMPOTENCY_IN_PROGRESS', { retryable: true });
    await sleep(POLL_MS);
  }
}

async function firstRun<T>(
  idempotency: RequestIdempotency,
  recordKey: string,
  running: OutcomeRecord,
  codec: OutcomeCodec<T>,
  run: () => Promise<T>,
): Promise<T> {
  const { store, retentionMs } = idempotency;
  // The vendor has answered by now: a store failure must not hide that answer from this client. The
  // record then stays `running` (a repeat gets VENDOR_OUTCOME_UNKNOWN once it is orphaned) or is gone
  // with a flushed Redis (a repeat runs again); the store's error metric counts it.
  const keep = (record: OutcomeRecord | undefined) =>
    (record === undefined ? store.delete(recordKey) : store.put(recordKey, JSON.stringify(record), retentionMs)).catch(() => undefined);
  let result: T;
  try {
    result = await run();
  } catch (error) {
    const body = clientErrorBody(error);
    await keep(body.extensions.retryable ? undefined : { ...running, state: 'failed', error: body });
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
 */
export function Idempotent<T>(codec: OutcomeCodec<T> = PLAIN_JSON as OutcomeCodec<T>): MethodDecorator {
  return createMethodMiddlewareDecorator<RequestContext>(async ({ args, context, info }, next) => {
    const { idempotencyKey, ...input } = args.input as { idempotencyKey?: string | null };
    const key = idempotencyKeyOf(idempotencyKey, context.idempotency.headerKey);
    if (key === undefined) return next();
    const caller = isStaff(context.caller, context.authorization) ? 'staff' : `member:${context.caller.memberId ?? ''}`;
    // Hashed: the caller's key never becomes part of a Redis key name as sent.
    const recordKey = `idempotency:${info.fieldName}:${sha256(JSON.stringify([caller, key]))}`;
    try {
      return await once(context.idempotency, info.fieldName, recordKey, sha256(canonicalJson(input)), codec, next as () => Promise<T>);
    } catch (error) {
      // Fails closed: without the store there is no knowing whether this key already ran.
      if (error instanceof StateStoreUnavailableError) throw memberError('IDEMPOTENCY_UNAVAILABLE', { retryable: true });
      throw error;
    }
  });
}

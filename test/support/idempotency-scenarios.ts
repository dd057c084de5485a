import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { ENTER_PROMOTION_POINTS, LOGIN, RECORD_INTERACTION, SAVE_PHONE } from './documents.js';
import { errorAt, type GraphQLResponse, type Subgraph } from './test-stack.js';

/** Two replicas of the subgraph (one and the same with the in-memory store) and the sandboxes they call. */
export interface Replicas {
  readonly a: Subgraph;
  readonly b: Subgraph;
  readonly sandboxes: SandboxVendors;
}

/** Settings every replica of these scenarios runs with: a short Kognitiv timeout (for an unknown outcome) and a small login budget. */
export const SCENARIO_SETTINGS = {
  kognitiv: { timeoutMs: 1_000 },
  env: { LOGIN_MAX_FAILURES: '2', VENDOR_RETRY_DELAY_MS: '0', BREAKER_THRESHOLD: '1000' },
};

export const promotionInput = (idempotencyKey: string, productCode = 'PROTEIN-BAR') => ({
  input: { phoneNumber: '+64 (21) 123-4567', productCode, idempotencyKey },
});

/** The whole HTTP answer, headers included (the replay header is the success signal). */
export async function post(
  subgraph: Subgraph,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse & { replayed: string | null }> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), ...body };
}

/** The behaviour a keyed mutation promises, whichever store holds the keys: one process, or two replicas on one Redis. */
export function idempotencyScenarios(replicas: () => Replicas): void {
  const kognitiv = () => replicas().sandboxes.kognitiv!.sandbox;
  const debitsuccess = () => replicas().sandboxes.debitsuccess!.sandbox;

  afterEach(() => {
    for (const sandbox of [kognitiv(), debitsuccess()]) {
      sandbox.clearFaults();
      sandbox.setLatency(0);
      sandbox.resetCallCounts();
    }
  });

  it('answers a keyed enterPromotion retried on the other replica with the first answer, calling Kognitiv once', async () => {
    const { a, b } = replicas();
    const variables = promotionInput(randomUUID());

    const first = await post(a, ENTER_PROMOTION_POINTS, variables);
    const retry = await post(b, ENTER_PROMOTION_POINTS, variables);

    expect(first.errors).toBeUndefined();
    expect(first.replayed).toBeNull();
    expect(retry).toMatchObject({ data: first.data, replayed: 'true' });
    expect(kognitiv().callCount('ProductPromotionEntry')).toBe(1);
  });

  it('makes one vendor call for concurrent duplicates on both replicas', async () => {
    const { a, b } = replicas();
    kognitiv().setLatency(200);
    const variables = promotionInput(randomUUID());

    const answers = await Promise.all([
      post(a, ENTER_PROMOTION_POINTS, variables),
      post(b, ENTER_PROMOTION_POINTS, variables),
      post(a, ENTER_PROMOTION_POINTS, variables),
    ]);

    expect(answers.map((answer) => answer.data)).toEqual([answers[0]!.data, answers[0]!.data, answers[0]!.data]);
    expect(answers.filter((answer) => answer.replayed === 'true')).toHaveLength(2);
    expect(kognitiv().callCount('ProductPromotionEntry')).toBe(1);
  });

  it('refuses a key used again with other input, calling no vendor', async () => {
    const { a, b } = replicas();
    const key = randomUUID();
    await post(a, ENTER_PROMOTION_POINTS, promotionInput(key, 'PROTEIN-BAR'));

    const reused = await post(b, ENTER_PROMOTION_POINTS, promotionInput(key, 'SHAKER'));

    expect(errorAt(reused, ['enterPromotion']).extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', retryable: false });
    expect(kognitiv().callCount('ProductPromotionEntry')).toBe(1);
  });

  it('replays an unknown outcome as unknown and never sends the write again', async () => {
    const { a, b } = replicas();
    kognitiv().injectFault({ kind: 'delay', ms: 2_500 }, 1);
    const variables = promotionInput(randomUUID());

    const first = await post(a, ENTER_PROMOTION_POINTS, variables);
    const retries = [await post(b, ENTER_PROMOTION_POINTS, variables), await post(a, ENTER_PROMOTION_POINTS, variables)];

    expect(errorAt(first, ['enterPromotion']).extensions).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN', retryable: false });
    for (const retry of retries)
      expect(errorAt(retry, ['enterPromotion']).extensions).toMatchObject({
        code: 'VENDOR_OUTCOME_UNKNOWN',
        retryable: false,
        replayed: true,
      });
    expect(kognitiv().callCount('ProductPromotionEntry')).toBe(1);
  });

  it('lets a retry run again after a retryable failure, when nothing was written', async () => {
    const { a, b } = replicas();
    kognitiv().injectFault({ kind: 'status', status: 503 }, 1);
    const variables = promotionInput(randomUUID());

    const first = await post(a, ENTER_PROMOTION_POINTS, variables);
    const retry = await post(b, ENTER_PROMOTION_POINTS, variables);

    expect(errorAt(first, ['enterPromotion']).extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: true });
    expect(retry.errors).toBeUndefined();
    expect(retry.replayed).toBeNull();
    expect(kognitiv().callCount('ProductPromotionEntry')).toBe(2);
  });

  it('replays recordInteraction with the same interaction id', async () => {
    const { a, b } = replicas();
    const query = RECORD_INTERACTION;
    const variables = { input: { memberId: 'M1001', type: 'CLUB-VISIT', idempotencyKey: randomUUID() } };

    const first = await post(a, query, variables);
    const retry = await post(b, query, variables);

    expect(first.data?.recordInteraction.interactionId).toEqual(expect.any(Number));
    expect(retry).toMatchObject({ data: first.data, replayed: 'true' });
    expect(kognitiv().callCount('RecordInteraction')).toBe(1);
  });

  it('replays both parts of a savePhone as first answered, a partial success included', async () => {
    const { a, b } = replicas();
    debitsuccess().injectFault({ kind: 'soap-fault', faultcode: 'Client' }, 1);
    const query = SAVE_PHONE;
    const variables = { input: { memberId: 'M1001', type: 'WORK', number: '+64 4 470 9999' } };

    const key = randomUUID();

    // The key as the IETF draft sends the header (quoted), then in the input: one key either way.
    const first = await post(a, query, variables, { 'idempotency-key': `"${key}"` });
    const retry = await post(b, query, { input: { ...variables.input, idempotencyKey: key } });

    expect(first.data?.savePhone.loyalty.savedPhoneNumber).toEqual(expect.any(String));
    expect(errorAt(first, ['savePhone', 'billing']).extensions).toMatchObject({ code: 'VENDOR_ERROR', retryable: false });
    expect(retry).toMatchObject({ data: first.data, replayed: 'true' });
    expect(errorAt(retry, ['savePhone', 'billing']).extensions).toMatchObject({ code: 'VENDOR_ERROR', retryable: false, replayed: true });
    expect([kognitiv().callCount('SaveAccountPhone'), debitsuccess().callCount('UpdateClientPhoneNumber')]).toEqual([1, 1]);
  });

  it('replays a failure as not retryable: the same key can only replay it', async () => {
    const { a, b } = replicas();
    debitsuccess().injectFault({ kind: 'status', status: 503 }, 1);
    const query = SAVE_PHONE;
    const variables = { input: { memberId: 'M1001', type: 'HOME', number: '+64 4 470 1234', idempotencyKey: randomUUID() } };

    const first = await post(a, query, variables);
    const retry = await post(b, query, variables);

    expect(errorAt(first, ['savePhone', 'billing']).extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: true });
    expect(retry).toMatchObject({ data: first.data, replayed: 'true' });
    expect(errorAt(retry, ['savePhone', 'billing']).extensions).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      retryable: false,
      replayed: true,
    });
    expect([kognitiv().callCount('SaveAccountPhone'), debitsuccess().callCount('UpdateClientPhoneNumber')]).toEqual([1, 1]);
  });

  it('takes an optional text left out, null or empty as the same input, as the resolvers do', async () => {
    const { a, b } = replicas();
    const query = RECORD_INTERACTION;
    const input = { memberId: 'M1001', type: 'CLUB-VISIT', idempotencyKey: randomUUID() };

    const first = await post(a, query, { input });
    const retries = [await post(b, query, { input: { ...input, note: null } }), await post(a, query, { input: { ...input, note: '' } })];

    expect(first.errors).toBeUndefined();
    for (const retry of retries) expect(retry).toMatchObject({ data: first.data, replayed: 'true' });
    expect(kognitiv().callCount('RecordInteraction')).toBe(1);
  });

  it('refuses an input key that differs from the Idempotency-Key header, and one over 100 characters', async () => {
    const { a } = replicas();

    const differing = await post(a, ENTER_PROMOTION_POINTS, promotionInput('key-1'), { 'idempotency-key': 'key-2' });
    const tooLong = await post(a, ENTER_PROMOTION_POINTS, promotionInput('k'.repeat(101)));

    expect(errorAt(differing, ['enterPromotion']).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    expect(errorAt(tooLong, ['enterPromotion']).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    expect(kognitiv().callCount('ProductPromotionEntry')).toBe(0);
  });

  it('counts failed logins across both replicas', async () => {
    const { a, b } = replicas();
    const query = LOGIN;
    const variables = { input: { accountId: 'M1002', password: 'wrong' } };

    const failures = [await post(a, query, variables), await post(b, query, variables)];
    const third = await post(a, query, variables);

    for (const failure of failures) expect(errorAt(failure, ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(errorAt(third, ['login']).extensions).toMatchObject({ code: 'LOGIN_THROTTLED', retryable: true });
    expect(kognitiv().callCount('ExternalLogin')).toBe(2);
  });
}

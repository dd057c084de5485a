import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../bench/redis-server.js';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { claimLeaseMs } from '../../src/schema/idempotency/idempotent.js';
import { guardedStateStore } from '../../src/state/guarded-state-store.js';
import { RedisStateStore } from '../../src/state/redis-state-store.js';
import { StateStoreUnavailableError } from '../../src/state/state-store.js';
import { post } from '../support/idempotency-scenarios.js';
import { errorAt, startSandboxes, startSubgraph, type GraphQLResponse, type Subgraph } from '../support/test-stack.js';
import { RECORD_INTERACTION } from '../support/documents.js';

/** Longer than STATE_STORE_TIMEOUT_MS (500 ms): the store call times out, and lands when the pause ends. */
const PAUSE_MS = 1_200;

const stack = {} as { redis: RedisServer; sandboxes: SandboxVendors; subgraph: Subgraph; admin: ReturnType<typeof createClient> };

/** Stalls every write command of every other client, as a Redis failing over or swapping does; reads still answer. */
async function pauseWrites(ms: number): Promise<void> {
  await stack.admin.sendCommand(['CLIENT', 'PAUSE', String(ms), 'WRITE']);
}

describe.runIf(redisServerAvailable())('a Redis that stalls during a keyed mutation', () => {
  beforeAll(async () => {
    stack.redis = await startRedisServer();
    stack.sandboxes = await startSandboxes();
    // A short deadline, so that a key left running is taken as orphaned within the test.
    stack.subgraph = await startSubgraph(stack.sandboxes, { env: { REDIS_URL: stack.redis.url, REQUEST_DEADLINE_MS: '3000' } });
    stack.admin = createClient({ url: stack.redis.url });
    await stack.admin.connect();
    for (
      let i = 0;
      i < 200 &&
      (await stack.subgraph.request('mutation { login(input: { accountId: "M1", password: "x" }) { firstName } }')).errors?.[0]?.extensions
        ?.code !== 'INVALID_CREDENTIALS';
      i += 1
    )
      await sleep(25);
  });
  afterAll(async () => {
    await stack.admin?.close();
    await stack.subgraph?.close();
    await stack.sandboxes?.close();
    await stack.redis?.stop();
  });

  it('refuses the stalled claim, and same-key retries end in exactly one vendor write, never an unknown outcome', async () => {
    const kognitiv = stack.sandboxes.kognitiv!.sandbox;
    kognitiv.resetCallCounts();
    const variables = { input: { memberId: 'M1001', type: 'CLUB-VISIT', note: `stalled ${randomUUID()}`, idempotencyKey: randomUUID() } };

    await pauseWrites(PAUSE_MS);
    const first = await post(stack.subgraph, RECORD_INTERACTION, variables);
    const retries: GraphQLResponse[] = [];
    const giveUpAt = Date.now() + 15_000;
    let last: GraphQLResponse = first;
    while (Date.now() < giveUpAt) {
      const code = last.errors?.[0]?.extensions?.code;
      if (code !== 'IDEMPOTENCY_UNAVAILABLE' && code !== 'IDEMPOTENCY_IN_PROGRESS') break;
      await sleep(100);
      last = await post(stack.subgraph, RECORD_INTERACTION, variables);
      retries.push(last);
    }

    expect(errorAt(first, ['recordInteraction']).extensions).toMatchObject({ code: 'IDEMPOTENCY_UNAVAILABLE', retryable: true });
    expect(retries.map((retry) => retry.errors?.[0]?.extensions?.code)).not.toContain('VENDOR_OUTCOME_UNKNOWN');
    expect(last.errors).toBeUndefined();
    expect(last.data?.recordInteraction.interactionId).toEqual(expect.any(Number));
    expect(kognitiv.callCount('RecordInteraction')).toBe(1);
    expect(kognitiv.receivedCalls().filter((call) => call.operation === 'RecordInteraction')).toMatchObject([
      { fields: expect.objectContaining({ InteractionNote: variables.input.note }) },
    ]);
  });

  it('lets a confirm that lands after its caller gave up do nothing: the claim stays unconfirmed and expires', async () => {
    const timeoutMs = 500;
    const store = guardedStateStore(new RedisStateStore(stack.redis.url, () => undefined), timeoutMs, () => undefined);
    for (let i = 0; i < 200 && !store.isAvailable(); i += 1) await sleep(10);
    const key = `stall-test:${randomUUID()}`;
    const leaseMs = claimLeaseMs(timeoutMs);

    try {
      const claim = await store.claim(key, 'owner', 'claimed', leaseMs);
      const claimAnsweredAt = performance.now();
      await pauseWrites(PAUSE_MS);
      // What a keyed mutation asks of its confirm: as much lease left as it will wait for the answer.
      const confirm = store.confirm(key, 'owner', 'confirmed', 60_000, leaseMs - (performance.now() - claimAnsweredAt) - timeoutMs);
      const confirmError = await confirm.then(
        () => undefined,
        (error: unknown) => error,
      );
      await sleep(PAUSE_MS);
      const afterPause = await store.get(key);
      await sleep(leaseMs);

      expect(claim).toBe('taken');
      expect(confirmError).toBeInstanceOf(StateStoreUnavailableError);
      expect(afterPause).toBe('claimed');
      expect(await store.get(key)).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

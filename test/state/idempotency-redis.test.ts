import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idempotencyScenarios, post, promotionInput, SCENARIO_SETTINGS } from '../support/idempotency-scenarios.js';
import { redisServerAvailable } from '../../bench/redis-server.js';
import { untilStoreAvailable, useReplicasOnRedis } from '../support/replicas-on-redis.js';
import { errorAt } from '../support/test-stack.js';
import { ENTER_PROMOTION_POINTS, LOGIN } from '../support/documents.js';

describe.runIf(redisServerAvailable())('two replicas sharing one real redis-server', () => {
  const stack = useReplicasOnRedis(SCENARIO_SETTINGS);

  idempotencyScenarios(() => stack);

  it('with Redis stopped: refuses keyed mutations without calling a vendor, serves the rest, counts logins in each replica’s memory; recovers when it returns', async () => {
    const kognitiv = stack.sandboxes.kognitiv!.sandbox;
    const wrongPassword = { input: { accountId: 'M1001', password: 'not-it' } };
    await stack.redis.stop();
    await untilStoreAvailable(stack.a, false);
    kognitiv.resetCallCounts();

    const keyed = await post(stack.a, ENTER_PROMOTION_POINTS, promotionInput(randomUUID()));
    const unkeyed = await post(stack.a, ENTER_PROMOTION_POINTS, {
      input: { phoneNumber: '+64 (21) 123-4567', productCode: 'PROTEIN-BAR' },
    });
    const read = await post(stack.b, 'query { member(id: "M1001") { loyalty { firstName } } }', {});
    const logins = [
      await post(stack.a, LOGIN, wrongPassword),
      await post(stack.b, LOGIN, wrongPassword),
      await post(stack.a, LOGIN, wrongPassword),
    ];
    const ready = await fetch(new URL('/ready', stack.a.url));
    const metrics = await (await fetch(new URL('/metrics', stack.a.url))).text();

    expect(errorAt(keyed, ['enterPromotion']).extensions).toMatchObject({ code: 'IDEMPOTENCY_UNAVAILABLE', retryable: true });
    expect(unkeyed.errors).toBeUndefined();
    expect(read).toMatchObject({ data: { member: { loyalty: { firstName: 'Aroha' } } } });
    expect(logins.map((answer) => errorAt(answer, ['login']).extensions?.code)).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
    ]);
    expect([kognitiv.callCount('ProductPromotionEntry'), kognitiv.callCount('ExternalLogin')]).toEqual([1, 3]);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { state: unknown }).state).toEqual({ store: 'redis', available: false });
    expect(metrics).toMatch(/^login_throttle_store_failures_total [1-9]/m);
    expect(metrics).toMatch(/^state_store_call_duration_seconds_count\{call="claim",outcome="error"\} [1-9]/m);

    await stack.redis.start();
    await untilStoreAvailable(stack.a, true);
    const variables = promotionInput(randomUUID());
    const recovered = await post(stack.a, ENTER_PROMOTION_POINTS, variables);
    await untilStoreAvailable(stack.b, true);
    const replayed = await post(stack.b, ENTER_PROMOTION_POINTS, variables);

    expect(recovered.errors).toBeUndefined();
    expect(replayed).toMatchObject({ data: recovered.data, replayed: 'true' });
    expect(kognitiv.callCount('ProductPromotionEntry')).toBe(2);
  });
});

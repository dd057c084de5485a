import { beforeEach, describe, expect, it } from 'vitest';
import { redisServerAvailable } from '../../bench/redis-server.js';
import { login, loginBatch, NINE_WRONG_THEN_RIGHT, outcome, RIGHT_PASSWORD } from '../support/login-attempts.js';
import { untilStoreAvailable, useReplicasOnRedis } from '../support/replicas-on-redis.js';

const LIMIT = 5;

describe.runIf(redisServerAvailable())('login throttle on two replicas sharing one real redis-server', () => {
  const stack = useReplicasOnRedis({ env: { LOGIN_MAX_FAILURES: String(LIMIT), BREAKER_THRESHOLD: '1000', VENDOR_RETRY_DELAY_MS: '0' } });
  const kognitiv = () => stack.sandboxes.kognitiv!.sandbox;
  beforeEach(() => {
    kognitiv().resetCallCounts();
    kognitiv().setLatency(20);
    kognitiv().clearFaults();
  });

  it('lets at most LOGIN_MAX_FAILURES of 20 parallel batches, split across both replicas, reach Kognitiv', async () => {
    const batches = await Promise.all(
      Array.from({ length: 20 }, (_, i) => loginBatch(i % 2 ? stack.b : stack.a, 'M1001', NINE_WRONG_THEN_RIGHT, '203.0.113.201')),
    );

    expect(kognitiv().callCount('ExternalLogin')).toBeLessThanOrEqual(LIMIT);
    expect(batches.flat().map(outcome)).not.toContain('OK');
  });

  it('gives back, on either replica, the slot of an attempt Kognitiv did not answer, and ends the window on a success', async () => {
    kognitiv().injectFault({ kind: 'status', status: 503 }, 3 * (LIMIT + 2));
    for (let i = 0; i < LIMIT + 2; i += 1)
      expect(outcome(await login(i % 2 ? stack.b : stack.a, 'M1001', 'wrong', '203.0.113.203'))).not.toMatch(
        /^(INVALID_CREDENTIALS|LOGIN_THROTTLED)$/,
      );
    kognitiv().clearFaults();
    await loginBatch(
      stack.a,
      'M1001',
      Array.from({ length: LIMIT - 1 }, (_, i) => `wrong-${i}`),
      '203.0.113.203',
    );

    expect(outcome(await login(stack.b, 'M1001', RIGHT_PASSWORD, '203.0.113.203'))).toBe('OK');
    const after = await loginBatch(
      stack.a,
      'M1001',
      Array.from({ length: LIMIT + 1 }, (_, i) => `again-${i}`),
      '203.0.113.203',
    );

    expect(after.map(outcome)).toEqual([...Array<string>(LIMIT).fill('INVALID_CREDENTIALS'), 'LOGIN_THROTTLED']);
  });

  // Last: it stops Redis. Each replica then counts in its own memory, so a caller gets at most the limit per replica.
  it('with Redis stopped: each replica keeps counting in its own memory, so a storm still reaches Kognitiv at most the limit per replica', async () => {
    await stack.redis.stop();
    await Promise.all([untilStoreAvailable(stack.a, false), untilStoreAvailable(stack.b, false)]);

    const answers = await Promise.all([
      loginBatch(stack.a, 'M1002', NINE_WRONG_THEN_RIGHT, '203.0.113.202'),
      loginBatch(stack.b, 'M1002', NINE_WRONG_THEN_RIGHT, '203.0.113.202'),
      login(stack.a, 'M1002', 'one-more', '203.0.113.202'),
    ]);
    const metrics = await (await fetch(new URL('/metrics', stack.a.url))).text();

    expect(kognitiv().callCount('ExternalLogin')).toBeLessThanOrEqual(2 * LIMIT);
    expect(outcome(answers[2])).toBe('LOGIN_THROTTLED');
    expect(metrics).toMatch(/^login_throttle_store_failures_total [1-9]/m);
    await stack.redis.start();
  });
});

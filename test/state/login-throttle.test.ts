import { beforeEach, describe, expect, it } from 'vitest';
import { LoginThrottle, throttledCaller } from '../../src/schema/login/login-throttle.js';
import { MemoryAttemptBudgets } from '../../src/state/memory-attempt-budgets.js';
import { randomUUID } from 'node:crypto';
import { ENTER_PROMOTION_POINTS } from '../support/documents.js';
import { post, promotionInput } from '../support/idempotency-scenarios.js';
import { login, loginBatch, NINE_WRONG_THEN_RIGHT, outcome, RIGHT_PASSWORD } from '../support/login-attempts.js';
import { errorAt, startSubgraph, useSandboxedSubgraph } from '../support/test-stack.js';

function throttleAt(clock: { now: number }, local = new MemoryAttemptBudgets(100, () => clock.now)) {
  return new LoginThrottle({ maxFailures: 3, maxFailuresPerCaller: 100, windowMs: 60_000, local, onStoreUnavailable: () => undefined });
}

/** An attempt Kognitiv answers with wrong credentials: it keeps its slot. */
async function recordFailure(throttle: LoginThrottle, caller: string, accountId: string): Promise<void> {
  const attempt = await throttle.reserve(caller, accountId);
  if ('retryAfterSeconds' in attempt) throw new Error(`throttled after ${attempt.retryAfterSeconds} s`);
}

/** Seconds until the caller may try again, or 0 when an attempt would go to the vendor (its slot then given back). */
async function retryAfterSeconds(throttle: LoginThrottle, caller: string, accountId: string): Promise<number> {
  const attempt = await throttle.reserve(caller, accountId);
  if ('retryAfterSeconds' in attempt) return attempt.retryAfterSeconds;
  await attempt.giveBack();
  return 0;
}

describe('LoginThrottle', () => {
  it('refuses after the allowed failures, for that caller and account only', async () => {
    const clock = { now: 1_000_000 };
    const throttle = throttleAt(clock);

    for (let i = 0; i < 3; i += 1) await recordFailure(throttle, '10.0.0.1', 'M1001');

    expect(await retryAfterSeconds(throttle, '10.0.0.1', 'M1001')).toBe(60);
    expect(await retryAfterSeconds(throttle, '10.0.0.2', 'M1001')).toBe(0);
    expect(await retryAfterSeconds(throttle, '10.0.0.1', 'M1002')).toBe(0);
  });

  it('lets the caller try again once the window has passed', async () => {
    const clock = { now: 1_000_000 };
    const throttle = throttleAt(clock);
    for (let i = 0; i < 3; i += 1) await recordFailure(throttle, 'a', 'M1');

    clock.now += 45_000;
    expect(await retryAfterSeconds(throttle, 'a', 'M1')).toBe(15);
    clock.now += 15_001;
    expect(await retryAfterSeconds(throttle, 'a', 'M1')).toBe(0);
  });

  it('forgets failures after a success', async () => {
    const throttle = throttleAt({ now: 5 });
    for (let i = 0; i < 2; i += 1) await recordFailure(throttle, 'a', 'M1');
    const signedIn = await throttle.reserve('a', 'M1');
    if ('retryAfterSeconds' in signedIn) throw new Error('throttled');

    await signedIn.succeeded();

    for (let i = 0; i < 3; i += 1) await recordFailure(throttle, 'a', 'M1');
    expect(await retryAfterSeconds(throttle, 'a', 'M1')).toBeGreaterThan(0);
  });

  it('counts every variant the vendor may match loosely against one account', async () => {
    const throttle = throttleAt({ now: 5 });
    const variants = ['m1001', ' M1001', 'M1001 ', '\uFF2D\uFF11\uFF10\uFF10\uFF11', '\u3000M1001', 'M\u200B1001\u00AD'];
    for (const variant of variants.slice(0, 3)) await recordFailure(throttle, 'a', variant);

    for (const variant of variants) expect(await retryAfterSeconds(throttle, 'a', variant)).toBeGreaterThan(0);
    expect(await retryAfterSeconds(throttle, 'a', 'M1002')).toBe(0);
    expect(await retryAfterSeconds(throttle, 'a', 'M 1001')).toBe(0);
  });

  it('keeps at most maxKeys budgets in memory', async () => {
    const local = new MemoryAttemptBudgets(100, () => 5);
    const throttle = throttleAt({ now: 5 }, local);
    for (let i = 0; i < 150; i += 1) await recordFailure(throttle, `caller-${i}`, 'M1');
    for (let i = 0; i < 3; i += 1) await recordFailure(throttle, 'last', 'M1');

    expect(await retryAfterSeconds(throttle, 'last', 'M1')).toBeGreaterThan(0);
    expect(local.size).toBeLessThanOrEqual(100);
  });

  it('refuses a caller past its budget across accounts, taking no slot in any budget', async () => {
    const throttle = new LoginThrottle({
      maxFailures: 3,
      maxFailuresPerCaller: 4,
      windowMs: 60_000,
      local: new MemoryAttemptBudgets(100, () => 5),
      onStoreUnavailable: () => undefined,
    });
    for (const account of ['M1', 'M2', 'M3', 'M4']) await recordFailure(throttle, 'a', account);

    expect(await retryAfterSeconds(throttle, 'a', 'M5')).toBe(60);
    expect(await retryAfterSeconds(throttle, 'b', 'M5')).toBe(0);
  });

  it('gives a slot back only to the window it was taken in', async () => {
    const clock = { now: 0 };
    const throttle = throttleAt(clock);
    const early = await throttle.reserve('a', 'M1');
    clock.now += 60_000;
    for (let i = 0; i < 3; i += 1) await recordFailure(throttle, 'a', 'M1');

    if ('retryAfterSeconds' in early) throw new Error('throttled');
    await early.giveBack();

    expect(await retryAfterSeconds(throttle, 'a', 'M1')).toBe(60);
  });
});

describe('throttledCaller', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['2001:db8:aa:1::1', '2001:db8:aa:1::/64'],
    ['2001:0DB8:00aa:0001:ffff:1:2:3', '2001:db8:aa:1::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('keys %s as %s', (address, key) => {
    expect(throttledCaller(address)).toBe(key);
  });
});

describe('through the API', () => {
  // The defaults (LOGIN_MAX_FAILURES 5), a per-caller budget small enough to reach, and no breaker in the way of outage tests.
  const LIMIT = 5;
  const PER_CALLER = 12;
  const stack = useSandboxedSubgraph(() => ({
    env: { LOGIN_MAX_FAILURES_PER_CALLER: String(PER_CALLER), BREAKER_THRESHOLD: '1000', VENDOR_RETRY_DELAY_MS: '0' },
  }));
  const kognitiv = () => stack.sandboxes.kognitiv!.sandbox;
  const wrong = (count: number) => Array.from({ length: count }, (_, i) => `wrong-${i}`);

  beforeEach(() => {
    kognitiv().resetCallCounts();
    kognitiv().setLatency(0);
    kognitiv().clearFaults();
  });

  describe('login throttle: attempts take their slot before Kognitiv is called', () => {
    it('lets at most LOGIN_MAX_FAILURES of a batch of 10 wrong passwords in one HTTP request reach Kognitiv', async () => {
      const answers = await loginBatch(stack.subgraph, 'M1001', wrong(10), '203.0.113.101');

      expect(kognitiv().callCount('ExternalLogin')).toBeLessThanOrEqual(LIMIT);
      expect(answers.map(outcome)).toEqual([
        ...Array<string>(LIMIT).fill('INVALID_CREDENTIALS'),
        ...Array<string>(10 - LIMIT).fill('LOGIN_THROTTLED'),
      ]);
      for (const answer of answers.slice(LIMIT))
        expect(answer.errors![0]!.extensions).toMatchObject({ code: 'LOGIN_THROTTLED', retryable: true, retryAfter: expect.any(Number) });
    });

    it('lets at most LOGIN_MAX_FAILURES of 20 parallel batches reach Kognitiv, so the right password in 10th place is never checked', async () => {
      kognitiv().setLatency(20);

      const batches = await Promise.all(
        Array.from({ length: 20 }, () => loginBatch(stack.subgraph, 'M1001', NINE_WRONG_THEN_RIGHT, '203.0.113.102')),
      );

      expect(kognitiv().callCount('ExternalLogin')).toBeLessThanOrEqual(LIMIT);
      expect(batches.flat().map(outcome)).not.toContain('OK');
    });

    it('gives a successful attempt its slot back and clears the count', async () => {
      await loginBatch(stack.subgraph, 'M1001', wrong(LIMIT - 1), '203.0.113.103');

      expect(outcome(await login(stack.subgraph, 'M1001', RIGHT_PASSWORD, '203.0.113.103'))).toBe('OK');
      const after = await loginBatch(stack.subgraph, 'M1001', wrong(LIMIT + 1), '203.0.113.103');

      expect(after.map(outcome)).toEqual([...Array<string>(LIMIT).fill('INVALID_CREDENTIALS'), 'LOGIN_THROTTLED']);
    });

    it('gives back the slot of an attempt Kognitiv did not answer: an outage does not throttle the member', async () => {
      kognitiv().injectFault({ kind: 'status', status: 503 }, 3 * (LIMIT + 2));
      for (let i = 0; i < LIMIT + 2; i += 1)
        expect(outcome(await login(stack.subgraph, 'M1001', RIGHT_PASSWORD, '203.0.113.104'))).not.toMatch(/^(OK|LOGIN_THROTTLED)$/);
      kognitiv().clearFaults();

      expect(outcome(await login(stack.subgraph, 'M1001', RIGHT_PASSWORD, '203.0.113.104'))).toBe('OK');
    });

    it('gives back the slot of an attempt refused as throttled: failures still in flight decide', async () => {
      kognitiv().setLatency(50);
      // Five wrong passwords in flight take every slot; the sixth is refused meanwhile.
      const inFlight = Promise.all(wrong(LIMIT).map((password) => login(stack.subgraph, 'M1002', password, '203.0.113.105')));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(outcome(await login(stack.subgraph, 'M1002', 'one-more', '203.0.113.105'))).toBe('LOGIN_THROTTLED');
      expect((await inFlight).map(outcome)).toEqual(Array<string>(LIMIT).fill('INVALID_CREDENTIALS'));

      expect(outcome(await login(stack.subgraph, 'M1002', 'and-another', '203.0.113.105'))).toBe('LOGIN_THROTTLED');
      expect(kognitiv().callCount('ExternalLogin')).toBe(LIMIT);
    });
  });

  describe('login throttle: one budget per caller across all accounts', () => {
    it('refuses a caller who has failed on LOGIN_MAX_FAILURES_PER_CALLER accounts, without calling Kognitiv, and not another caller', async () => {
      for (let i = 0; i < PER_CALLER; i += 1)
        expect(outcome(await login(stack.subgraph, `M77${String(i).padStart(2, '0')}`, 'wrong', '203.0.113.110'))).toBe(
          'INVALID_CREDENTIALS',
        );
      const before = kognitiv().callCount('ExternalLogin');

      const stuffing = await login(stack.subgraph, 'M7799', 'wrong', '203.0.113.110');
      const member = await login(stack.subgraph, 'M1001', RIGHT_PASSWORD, '203.0.113.110');
      const elsewhere = await login(stack.subgraph, 'M7799', 'wrong', '203.0.113.111');

      expect(stuffing.errors![0]!.extensions).toMatchObject({ code: 'LOGIN_THROTTLED', retryable: true, retryAfter: expect.any(Number) });
      expect(outcome(member)).toBe('LOGIN_THROTTLED');
      expect(outcome(elsewhere)).toBe('INVALID_CREDENTIALS');
      expect(kognitiv().callCount('ExternalLogin')).toBe(before + 1);
    });
  });

  describe('login throttle: who a caller is', () => {
    it('counts every IPv6 address of one /64 as one caller, and another /64 apart', async () => {
      for (let i = 1; i <= LIMIT; i += 1)
        expect(outcome(await login(stack.subgraph, 'M1001', 'wrong', `2001:db8:aa:1::${i.toString(16)}`))).toBe('INVALID_CREDENTIALS');

      const sameNetwork = await login(stack.subgraph, 'M1001', RIGHT_PASSWORD, '2001:0db8:00aa:0001:ffff:1:2:3');
      const nextNetwork = await login(stack.subgraph, 'M1001', RIGHT_PASSWORD, '2001:db8:aa:2::1');

      expect(outcome(sameNetwork)).toBe('LOGIN_THROTTLED');
      expect(outcome(nextNetwork)).toBe('OK');
    });

    it('counts an IPv4-mapped IPv6 address as its IPv4 address', async () => {
      await loginBatch(stack.subgraph, 'M1001', wrong(LIMIT), '198.51.100.120');

      expect(outcome(await login(stack.subgraph, 'M1001', RIGHT_PASSWORD, '::ffff:198.51.100.120'))).toBe('LOGIN_THROTTLED');
    });
  });

  describe('login throttle: counts kept apart from idempotency records', () => {
    const small = useSandboxedSubgraph(() => ({ env: { STATE_MEMORY_MAX_KEYS: '20' } }));

    it("leaves a member's stored outcome replayable through a flood of failed logins on made-up accounts", async () => {
      const variables = promotionInput(randomUUID());
      const first = await post(small.subgraph, ENTER_PROMOTION_POINTS, variables);
      expect(first.errors).toBeUndefined();

      // Many callers, a few made-up accounts each: more failures than the idempotency store holds keys.
      for (let caller = 0; caller < 10; caller += 1)
        await Promise.all(Array.from({ length: 5 }, (_, i) => login(small.subgraph, `M66${caller}${i}`, 'wrong', `192.0.2.${caller + 1}`)));
      const retried = await post(small.subgraph, ENTER_PROMOTION_POINTS, variables);

      expect(retried).toMatchObject({ data: first.data, replayed: 'true' });
      expect(small.sandboxes.kognitiv!.sandbox.callCount('ProductPromotionEntry')).toBe(1);
    });
  });
});

describe('through the API, behind the router with authorization on', () => {
  const ROUTER_SECRET = 'router-shared-secret-for-tests';
  const ROUTER = { 'router-authorization': ROUTER_SECRET };

  const stack = useSandboxedSubgraph(() => ({
    env: { ROUTER_SECRET, AUTHORIZATION: 'on', LOGIN_MAX_FAILURES: '3', MAX_BODY_BYTES: '20000', MAX_BATCH_OPERATIONS: '3' },
  }));

  describe('login abuse', () => {
    const login = (password: string, address: string) =>
      stack.subgraph.request(
        `mutation { login(input: { accountId: "M1001", password: "${password}" }) { firstName } }`,
        {},
        { ...ROUTER, 'x-forwarded-for': address },
      );

    it('throttles one caller after repeated wrong passwords, without calling Kognitiv, and not others', async () => {
      for (let i = 0; i < 3; i += 1)
        expect(errorAt(await login('wrong', '203.0.113.7'), ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
      const before = stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin');

      const throttled = await login('correct-horse', '203.0.113.7');
      const elsewhere = await login('correct-horse', '198.51.100.2');

      expect(errorAt(throttled, ['login']).extensions).toMatchObject({
        code: 'LOGIN_THROTTLED',
        retryable: true,
        retryAfter: expect.any(Number),
      });
      expect(elsewhere.data?.login.firstName).toBe('Aroha');
      expect(stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(before + 1);
    });

    // The load balancer appends the address it saw; everything to its left is whatever the client sent.
    const loginAs = (accountId: string, password: string, forwardedFor: string) =>
      stack.subgraph.request(
        'mutation($id: ID!, $pw: String!) { login(input: { accountId: $id, password: $pw }) { firstName } }',
        { id: accountId, pw: password },
        { ...ROUTER, 'x-forwarded-for': forwardedFor },
      );

    it('still throttles an attacker who forges a fresh first X-Forwarded-For entry on every attempt', async () => {
      for (let i = 0; i < 3; i += 1)
        expect(errorAt(await loginAs('M1001', 'wrong', `10.66.0.${i}, 203.0.113.20`), ['login']).extensions?.code).toBe(
          'INVALID_CREDENTIALS',
        );
      const before = stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin');

      const fresh = await loginAs('M1001', 'correct-horse', '10.66.0.99, 203.0.113.20');

      expect(errorAt(fresh, ['login']).extensions?.code).toBe('LOGIN_THROTTLED');
      expect(stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(before);
    });

    it("lets no attacker elsewhere lock a member out by forging the member's address", async () => {
      const member = '203.0.113.30';
      for (let i = 0; i < 5; i += 1) await loginAs('M1001', 'wrong', `${member}, 198.51.100.66`);
      const before = stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin');

      const own = await loginAs('M1001', 'correct-horse', member);

      expect(own.data?.login.firstName).toBe('Aroha');
      expect(stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(before + 1);
    });

    it('reads the address as many hops from the right as TRUST_PROXY_HOPS says', async () => {
      const behindTwoProxies = await startSubgraph(stack.sandboxes, {
        env: { ROUTER_SECRET, AUTHORIZATION: 'on', LOGIN_MAX_FAILURES: '2', TRUST_PROXY_HOPS: '2' },
      });
      const attempt = (forwardedFor: string) =>
        behindTwoProxies.request(
          'mutation { login(input: { accountId: "M1001", password: "wrong" }) { firstName } }',
          {},
          { ...ROUTER, 'x-forwarded-for': forwardedFor },
        );
      try {
        await attempt('10.66.1.1, 203.0.113.50, 10.0.0.9');
        await attempt('10.66.1.2, 203.0.113.50, 10.0.0.8');

        expect(errorAt(await attempt('10.66.1.3, 203.0.113.50, 10.0.0.9'), ['login']).extensions?.code).toBe('LOGIN_THROTTLED');
        expect(errorAt(await attempt('203.0.113.51, 10.0.0.9'), ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
      } finally {
        await behindTwoProxies.close();
      }
    });

    it('counts case, space and full-width variants of an account id against one budget', async () => {
      for (const variant of ['m1001', ' M1001', 'M1001 '])
        expect(errorAt(await loginAs(variant, 'wrong', '203.0.113.40'), ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
      const before = stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin');

      const canonical = await loginAs('M1001', 'correct-horse', '203.0.113.40');
      const fullWidth = await loginAs('\uFF2D\uFF11\uFF10\uFF10\uFF11', 'wrong', '203.0.113.40');

      expect(errorAt(canonical, ['login']).extensions?.code).toBe('LOGIN_THROTTLED');
      expect(errorAt(fullWidth, ['login']).extensions?.code).toBe('LOGIN_THROTTLED');
      expect(stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(before);
    });
  });
});

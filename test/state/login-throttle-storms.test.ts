import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENTER_PROMOTION, post, promotionInput } from '../support/idempotency-scenarios.js';
import { login, loginBatch, NINE_WRONG_THEN_RIGHT, outcome, RIGHT_PASSWORD } from '../support/login-attempts.js';
import { useSandboxedSubgraph } from '../support/test-stack.js';

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
    const first = await post(small.subgraph, ENTER_PROMOTION, variables);
    expect(first.errors).toBeUndefined();

    // Many callers, a few made-up accounts each: more failures than the idempotency store holds keys.
    for (let caller = 0; caller < 10; caller += 1)
      await Promise.all(Array.from({ length: 5 }, (_, i) => login(small.subgraph, `M66${caller}${i}`, 'wrong', `192.0.2.${caller + 1}`)));
    const retried = await post(small.subgraph, ENTER_PROMOTION, variables);

    expect(retried).toMatchObject({ data: first.data, replayed: 'true' });
    expect(small.sandboxes.kognitiv!.sandbox.callCount('ProductPromotionEntry')).toBe(1);
  });
});

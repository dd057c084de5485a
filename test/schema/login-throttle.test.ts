import { describe, expect, it } from 'vitest';
import { LoginThrottle, throttledCaller } from '../../src/schema/login/login-throttle.js';
import { MemoryAttemptBudgets } from '../../src/state/memory-attempt-budgets.js';

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

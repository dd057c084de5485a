import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/schema/login/login-throttle.js';
import { MemoryStateStore } from '../../src/state/memory-state-store.js';

function throttleAt(clock: { now: number }, store = new MemoryStateStore(100, () => clock.now)) {
  return new LoginThrottle({ maxFailures: 3, windowMs: 60_000, store, onStoreUnavailable: () => undefined });
}

describe('LoginThrottle', () => {
  it('refuses after the allowed failures, for that caller and account only', async () => {
    const clock = { now: 1_000_000 };
    const throttle = throttleAt(clock);

    for (let i = 0; i < 3; i += 1) await throttle.recordFailure('10.0.0.1', 'M1001');

    expect(await throttle.retryAfterSeconds('10.0.0.1', 'M1001')).toBe(60);
    expect(await throttle.retryAfterSeconds('10.0.0.2', 'M1001')).toBe(0);
    expect(await throttle.retryAfterSeconds('10.0.0.1', 'M1002')).toBe(0);
  });

  it('lets the caller try again once the window has passed', async () => {
    const clock = { now: 1_000_000 };
    const throttle = throttleAt(clock);
    for (let i = 0; i < 3; i += 1) await throttle.recordFailure('a', 'M1');

    clock.now += 45_000;
    expect(await throttle.retryAfterSeconds('a', 'M1')).toBe(15);
    clock.now += 15_001;
    expect(await throttle.retryAfterSeconds('a', 'M1')).toBe(0);
  });

  it('forgets failures after a success', async () => {
    const throttle = throttleAt({ now: 5 });
    for (let i = 0; i < 3; i += 1) await throttle.recordFailure('a', 'M1');

    await throttle.recordSuccess('a', 'M1');

    expect(await throttle.retryAfterSeconds('a', 'M1')).toBe(0);
  });

  it('counts every variant the vendor may match loosely against one account', async () => {
    const throttle = throttleAt({ now: 5 });
    const variants = ['m1001', ' M1001', 'M1001 ', '\uFF2D\uFF11\uFF10\uFF10\uFF11', '\u3000M1001', 'M\u200B1001\u00AD'];
    for (const variant of variants.slice(0, 3)) await throttle.recordFailure('a', variant);

    for (const variant of variants) expect(await throttle.retryAfterSeconds('a', variant)).toBeGreaterThan(0);
    expect(await throttle.retryAfterSeconds('a', 'M1002')).toBe(0);
    expect(await throttle.retryAfterSeconds('a', 'M 1001')).toBe(0);
  });

  it('keeps at most maxKeys pairs in the store', async () => {
    const store = new MemoryStateStore(100, () => 5);
    const throttle = throttleAt({ now: 5 }, store);
    for (let i = 0; i < 150; i += 1) await throttle.recordFailure(`caller-${i}`, 'M1');
    for (let i = 0; i < 3; i += 1) await throttle.recordFailure('last', 'M1');

    expect(await throttle.retryAfterSeconds('last', 'M1')).toBeGreaterThan(0);
    expect((store as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(100);
  });
});

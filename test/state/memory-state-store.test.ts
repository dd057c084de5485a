import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../src/state/memory-state-store.js';

describe('MemoryStateStore', () => {
  it('claims a key once until it expires', async () => {
    const clock = { now: 1_000 };
    const store = new MemoryStateStore(10, () => clock.now);

    const claims = [await store.claim('k', 'first', 100), await store.claim('k', 'second', 100)];
    clock.now += 100;
    const afterExpiry = await store.claim('k', 'third', 100);

    expect(claims).toEqual([true, false]);
    expect(afterExpiry).toBe(true);
    expect(await store.get('k')).toBe('third');
  });

  it('evicts the oldest written entry past its bound', async () => {
    const store = new MemoryStateStore(2);
    await store.put('a', '1', 60_000);
    await store.put('b', '2', 60_000);
    await store.put('a', '1 again', 60_000);

    await store.put('c', '3', 60_000);

    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual(['1 again', undefined, '3']);
  });
});

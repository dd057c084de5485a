import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../src/state/memory-state-store.js';

describe('MemoryStateStore', () => {
  it('claims a key once until its lease ends', async () => {
    const clock = { now: 1_000 };
    const store = new MemoryStateStore(10, () => clock.now);

    const claims = [await store.claim('k', 'a', 'first', 100), await store.claim('k', 'b', 'second', 100)];
    clock.now += 100;
    const afterLease = await store.claim('k', 'c', 'third', 100);

    expect(claims).toEqual(['taken', 'held']);
    expect(afterLease).toBe('taken');
    expect(await store.get('k')).toBe('third');
  });

  it('confirms a claim only for its owner, only once, and only while enough of its lease is left', async () => {
    const clock = { now: 0 };
    const store = new MemoryStateStore(10, () => clock.now);
    await store.claim('k', 'owner', 'claimed', 1_000);
    await store.claim('late', 'owner', 'claimed', 1_000);

    const byOther = await store.confirm('k', 'other', 'record', 60_000, 0);
    clock.now += 600;
    const withTooLittleLeft = await store.confirm('late', 'owner', 'record', 60_000, 400);
    const byOwner = await store.confirm('k', 'owner', 'record', 60_000, 300);
    const again = await store.confirm('k', 'owner', 'record again', 60_000, 0);
    clock.now += 1_000;

    expect([byOther, withTooLittleLeft, byOwner, again]).toEqual([false, false, true, false]);
    expect([await store.get('k'), await store.get('late')]).toEqual(['record', undefined]);
  });

  it('releases a key only for its owner', async () => {
    const store = new MemoryStateStore(10);
    await store.claim('k', 'owner', 'claimed', 1_000);

    await store.release('k', 'other');
    const afterOther = await store.get('k');
    await store.release('k', 'owner');

    expect([afterOther, await store.get('k')]).toEqual(['claimed', undefined]);
  });

  it('refuses a new key when its records are at the bound, drops none before it expires, and takes keys again once some have', async () => {
    const clock = { now: 0 };
    const store = new MemoryStateStore(2, () => clock.now);
    await store.claim('a', 'o', 'A', 1_000);
    await store.claim('b', 'o', 'B', 60_000);

    const whenFull = await store.claim('c', 'o', 'C', 60_000);
    clock.now += 1_000;
    const afterOneExpired = await store.claim('c', 'o', 'C', 60_000);

    expect([whenFull, afterOneExpired]).toEqual(['full', 'taken']);
    expect([await store.get('b'), await store.get('c')]).toEqual(['B', 'C']);
  });
});

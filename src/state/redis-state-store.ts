import { createClient } from '@redis/client';
import type { ClaimResult, StateStore } from './state-store.js';

/** Every key this subgraph writes starts so, so it can share a Redis with other services. */
const PREFIX = 'member-subgraph:';

/*
 * An idempotency key is a hash: `owner` (who claimed it), `value`, and `leased` ('1' until its owner
 * confirms the claim). Each step is one script, so it is atomic across replicas, and the lease is
 * judged by Redis's own clock (the key's PTTL), never a replica's. A record written as a plain
 * string by an earlier version is still read, and replaced by `put`.
 */
const CLAIM = `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'value', ARGV[2], 'leased', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;
const CONFIRM = `if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then return 0 end
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'leased') ~= '1' then return 0 end
if redis.call('PTTL', KEYS[1]) <= tonumber(ARGV[4]) then return 0 end
redis.call('HSET', KEYS[1], 'value', ARGV[2], 'leased', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;
const GET = `local held = redis.call('TYPE', KEYS[1]).ok
if held == 'hash' then return redis.call('HGET', KEYS[1], 'value') end
if held == 'string' then return redis.call('GET', KEYS[1]) end
return false`;
const PUT = `local owner = ''
if redis.call('TYPE', KEYS[1]).ok == 'hash' then owner = redis.call('HGET', KEYS[1], 'owner') or '' end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'owner', owner, 'value', ARGV[1], 'leased', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;
const RELEASE = `if redis.call('TYPE', KEYS[1]).ok == 'hash' and redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
  redis.call('DEL', KEYS[1])
end
return 1`;

/**
 * State shared by every replica. Commands are never queued while disconnected (`disableOfflineQueue`):
 * they fail at once, so a keyed mutation is refused rather than left waiting for a Redis that may not
 * return; the client keeps reconnecting in the background and calls work again when it is back.
 */
export class RedisStateStore implements StateStore {
  readonly kind = 'redis';
  /** Also the login throttle's connection (`redis-attempt-budgets.ts`): one connection per replica, not two. */
  readonly client;

  constructor(url: string, onError: (error: Error) => void) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) },
    });
    // Without a listener a connection error would end the process; reconnecting is the client's job.
    this.client.on('error', onError);
    // Not awaited: the subgraph serves reads without Redis, and /ready says whether it is connected.
    this.client.connect().catch(onError);
  }

  async claim(key: string, owner: string, value: string, leaseMs: number): Promise<ClaimResult> {
    const taken = await this.client.eval(CLAIM, { keys: [PREFIX + key], arguments: [owner, value, String(leaseMs)] });
    return taken === 1 ? 'taken' : 'held';
  }

  async confirm(key: string, owner: string, value: string, ttlMs: number, leaseLeftMs: number): Promise<boolean> {
    const args = [owner, value, String(ttlMs), String(Math.floor(leaseLeftMs))];
    return (await this.client.eval(CONFIRM, { keys: [PREFIX + key], arguments: args })) === 1;
  }

  async get(key: string): Promise<string | undefined> {
    return ((await this.client.eval(GET, { keys: [PREFIX + key] })) as string | null) ?? undefined;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await this.client.eval(PUT, { keys: [PREFIX + key], arguments: [value, String(ttlMs)] });
  }

  async release(key: string, owner: string): Promise<void> {
    await this.client.eval(RELEASE, { keys: [PREFIX + key], arguments: [owner] });
  }

  isAvailable(): boolean {
    return this.client.isReady;
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
    else this.client.destroy();
  }
}

import { createClient } from '@redis/client';
import type { StateStore } from './state-store.js';

/** Every key this subgraph writes starts so, so it can share a Redis with other services. */
const PREFIX = 'member-subgraph:';

/** INCR that starts the counter's life on its first count only, atomically (no window where it has no TTL). */
const INCREMENT = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

/**
 * State shared by every replica. Commands are never queued while disconnected (`disableOfflineQueue`):
 * they fail at once, so a keyed mutation is refused rather than left waiting for a Redis that may not
 * return; the client keeps reconnecting in the background and calls work again when it is back.
 */
export class RedisStateStore implements StateStore {
  readonly kind = 'redis';
  private readonly client;

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

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(PREFIX + key, value, { expiration: { type: 'PX', value: ttlMs }, condition: 'NX' })) === 'OK';
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(PREFIX + key)) ?? undefined;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await this.client.set(PREFIX + key, value, { expiration: { type: 'PX', value: ttlMs } });
  }

  async delete(key: string): Promise<void> {
    await this.client.del(PREFIX + key);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    return Number(await this.client.eval(INCREMENT, { keys: [PREFIX + key], arguments: [String(ttlMs)] }));
  }

  async counter(key: string): Promise<{ count: number; expiresInMs: number }> {
    const [count, ttl] = await this.client
      .multi()
      .get(PREFIX + key)
      .pTTL(PREFIX + key)
      .exec();
    return count === null ? { count: 0, expiresInMs: 0 } : { count: Number(count), expiresInMs: Math.max(0, Number(ttl)) };
  }

  isAvailable(): boolean {
    return this.client.isReady;
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
    else this.client.destroy();
  }
}

import { createClient } from '@redis/client';
import type { StateStore } from './state-store.js';

/** Every key this subgraph writes starts so, so it can share a Redis with other services. */
const PREFIX = 'member-subgraph:';

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

  isAvailable(): boolean {
    return this.client.isReady;
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
    else this.client.destroy();
  }
}

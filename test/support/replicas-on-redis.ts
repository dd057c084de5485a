import { afterAll, beforeAll } from 'vitest';
import { startRedisServer, type RedisServer } from '../../bench/redis-server.js';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startSandboxes, startSubgraph, type Subgraph, type SubgraphOverrides } from './test-stack.js';

/** Two replicas of the subgraph sharing one real redis-server, and the sandboxes they call. */
export interface ReplicasOnRedis {
  readonly redis: RedisServer;
  readonly sandboxes: SandboxVendors;
  readonly a: Subgraph;
  readonly b: Subgraph;
}

/** What `/ready` says of the state store. */
export async function readyState(subgraph: Subgraph): Promise<{ store: string; available: boolean }> {
  const response = await fetch(new URL('/ready', subgraph.url));
  return ((await response.json()) as { state: { store: string; available: boolean } }).state;
}

/** Waits until the replica says it reaches Redis (or no longer does): the client reconnects in the background. */
export async function untilStoreAvailable(subgraph: Subgraph, available: boolean): Promise<void> {
  for (let i = 0; i < 200 && (await readyState(subgraph)).available !== available; i += 1)
    await new Promise((resolve) => setTimeout(resolve, 25));
}

/** A redis-server, the sandboxes and two replicas with `settings` and REDIS_URL, for the enclosing describe block. */
export function useReplicasOnRedis(settings: SubgraphOverrides): ReplicasOnRedis {
  const stack = {} as { redis: RedisServer; sandboxes: SandboxVendors; a: Subgraph; b: Subgraph };
  beforeAll(async () => {
    stack.redis = await startRedisServer();
    stack.sandboxes = await startSandboxes();
    const onRedis = { ...settings, env: { ...settings.env, REDIS_URL: stack.redis.url } };
    [stack.a, stack.b] = await Promise.all([startSubgraph(stack.sandboxes, onRedis), startSubgraph(stack.sandboxes, onRedis)]);
    await Promise.all([untilStoreAvailable(stack.a, true), untilStoreAvailable(stack.b, true)]);
  });
  afterAll(async () => {
    await Promise.all([stack.a?.close(), stack.b?.close()]);
    await stack.sandboxes?.close();
    await stack.redis?.stop();
  });
  return stack;
}

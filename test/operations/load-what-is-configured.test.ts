import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { npmStartFlags, waitUntilReady } from '../../bench/processes.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../bench/redis-server.js';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { killLeftoverProcesses, reportOnSignal, ROOT, startBuiltProcess } from '../support/built-subgraph.js';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { liveVendorEnv, startSandboxes } from '../support/test-stack.js';

const startFlags = npmStartFlags(ROOT);

/** What only a configuration that asks for it needs: each costs resident memory from start to end (docs/benchmarks.md). */
const OPTIONAL = {
  redisClient: '@redis/client/',
  tracingSdk: '@opentelemetry/sdk-trace/',
  tracingExporter: '@opentelemetry/exporter-trace-otlp-http/',
  sandboxPage: '@apollo/server/dist/esm/plugin/landingPage/default/',
  offlineExplorer: '@graphql-yoga/render-graphiql/',
} as const;
type Optional = keyof typeof OPTIONAL;

const withRedis = redisServerAvailable();
let sandboxes: SandboxVendors;
let receiver: OtlpReceiver;
let redis: RedisServer | undefined;

beforeAll(async () => {
  sandboxes = await startSandboxes();
  receiver = await startOtlpReceiver();
  if (withRedis) redis = await startRedisServer();
}, 60_000);
afterEach(killLeftoverProcesses);
afterAll(async () => {
  await sandboxes?.close();
  await receiver?.close();
  await redis?.stop();
});

/** Which optional parts the built process (npm start's flags, as the image runs it) has loaded once ready. */
async function optionalPartsLoaded(env: Record<string, string>): Promise<Optional[]> {
  const subgraph = startBuiltProcess({
    args: [...startFlags, '--import', `${ROOT}test/support/report-loaded-packages.mjs`, `${ROOT}dist/src/main.js`],
    env: { ...liveVendorEnv(sandboxes), ROUTER_SECRET: 'router-secret-for-tests', ...env },
    stderr: 'read',
  });
  await waitUntilReady(await subgraph.listening());
  const report = await reportOnSignal(subgraph, 'LOADED_MODULES');
  await subgraph.stop();
  const loaded = JSON.parse(report) as string[];
  return (Object.keys(OPTIONAL) as Optional[]).filter((part) => loaded.some((module) => module.startsWith(OPTIONAL[part])));
}

describe('what the process loads at start', () => {
  it('in production without REDIS_URL or a traces endpoint: no Redis client, no tracing SDK, no explorer', async () => {
    expect(await optionalPartsLoaded({ NODE_ENV: 'production' })).toEqual([]);
  }, 60_000);

  it.skipIf(!withRedis)(
    'with REDIS_URL and a traces endpoint: the Redis client and the tracing SDK',
    async () => {
      const loaded = await optionalPartsLoaded({
        NODE_ENV: 'production',
        REDIS_URL: redis!.url,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      });
      expect(loaded).toEqual(['redisClient', 'tracingSdk', 'tracingExporter']);
    },
    60_000,
  );

  it('in development: Apollo Sandbox landing page, and the offline explorer only once it is asked for', async () => {
    expect(await optionalPartsLoaded({ NODE_ENV: 'development' })).toEqual(['sandboxPage']);
  }, 60_000);
});

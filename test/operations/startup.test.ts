import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startKognitivSandbox } from '../../src/sandbox/kognitiv/kognitiv-sandbox.js';
import { startSandboxVendors, type SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startServer } from '../../src/server.js';
import { createVendorClients } from '../../src/vendors/create-vendors.js';
import { PendingVendorClients } from '../../src/vendors/pending-vendor-clients.js';
import { startBuiltProcess } from '../support/built-subgraph.js';
import { closedPortUrl } from '../support/fake-vendor.js';
import { liveVendorEnv } from '../support/test-stack.js';
import { DEFAULT_VENDOR_LIMITS } from '../support/vendor-transport.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('starts with an unreachable Kognitiv WSDL, reports not ready, and connects once the vendor is up', async () => {
  const debitsuccessOnly = await startSandboxVendors({ kognitiv: false, debitsuccess: true });
  cleanups.push(() => debitsuccessOnly.close());
  const kognitivUrl = await closedPortUrl();
  const vendorClients = new PendingVendorClients();
  cleanups.push(() => vendorClients.close());
  const kognitiv = {
    url: kognitivUrl,
    securityToken: 'sandbox-kognitiv-token',
    loyaltyProgramId: 1001,
    defaultLocation: 'WEB',
    wsdl: 'remote' as const,
    timeoutMs: 500,
  };
  const connected = vendorClients.connect(
    () => createVendorClients(kognitiv, debitsuccessOnly.debitsuccess!.settings, DEFAULT_VENDOR_LIMITS),
    pino({ level: 'silent' }),
    50,
  );
  const server = await startServer(
    {
      config: loadConfig({}),
      vendors: vendorClients.vendors,
      logger: pino({ level: 'silent' }),
      secrets: [],
      isReady: () => vendorClients.isReady(),
    },
    { port: 0, host: '127.0.0.1' },
  );
  cleanups.push(() => server.stop());
  const ready = () => fetch(new URL('/ready', server.url)).then((r) => r.status);
  const query = () =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ member(id: "M1001") { loyalty { firstName } } }' }),
    }).then((r) => r.json() as Promise<{ data: any; errors?: any[] }>);

  expect(await ready()).toBe(503);
  expect((await query()).errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'CONNECTION', retryable: true });

  const port = Number(new URL(kognitivUrl).port);
  const sandbox = await startKognitivSandbox({ port });
  cleanups.push(() => sandbox.close());
  await connected;
  expect(sandbox.callCount('?WSDL')).toBe(6);

  expect(await ready()).toBe(200);
  expect((await query()).data.member.loyalty.firstName).toBe('Aroha');
});

it('needs no WSDL fetch with KOGNITIV_WSDL=bundled', async () => {
  const sandboxes = await startSandboxVendors({ kognitiv: true, debitsuccess: true });
  cleanups.push(() => sandboxes.close());

  const clients = await createVendorClients(
    { ...sandboxes.kognitiv!.settings, wsdl: 'bundled' },
    sandboxes.debitsuccess!.settings,
    DEFAULT_VENDOR_LIMITS,
  );
  cleanups.push(() => clients.close());

  expect(sandboxes.kognitiv!.sandbox.callCount('?WSDL')).toBe(0);
  expect((await clients.kognitiv.fetchLoyaltyMemberCore('M1001')).firstName).toBe('Aroha');
});

it('exits with a configuration error for NODE_ENV=Production rather than start without the production checks', async () => {
  const run = runBuilt({ NODE_ENV: 'Production' });

  expect(await run.outcome).toBe(2);
  expect(run.stderr()).toContain(
    'member-subgraph: configuration error: NODE_ENV: Invalid option: expected one of "development"|"production"|"test" (got "Production")',
  );
}, 120_000);

/** The built process, as production runs it, with `env`: its outcome is its exit code, or 'served' once it is ready. */
function runBuilt(env: Record<string, string>) {
  const run = startBuiltProcess({ env, stderr: 'read' });
  cleanups.push(() => run.stop());
  const outcome = Promise.race([run.exited, run.logged(/ready at/, 60_000).then(() => 'served' as const)]);
  return { outcome, stderr: run.stderr };
}

describe('secrets checked at start-up (NODE_ENV=production)', () => {
  let sandboxes: SandboxVendors;
  beforeAll(async () => {
    sandboxes = await startSandboxVendors({ kognitiv: true, debitsuccess: true });
  });
  afterAll(async () => {
    await sandboxes?.close();
  });

  it.each([
    ['1', 'shorter than 8 characters'],
    ['   ', 'blank'],
    ['r7chars', 'shorter than 8 characters'],
  ])(
    'exits 2 for ROUTER_SECRET=%j, naming the setting',
    async (routerSecret, why) => {
      const run = runBuilt({ NODE_ENV: 'production', ...liveVendorEnv(sandboxes), ROUTER_SECRET: routerSecret });

      expect(await run.outcome).toBe(2);
      expect(run.stderr()).toContain(`member-subgraph: configuration error: ROUTER_SECRET: ${why}`);
    },
    120_000,
  );

  it('starts with a ROUTER_SECRET of 8 characters', async () => {
    const run = runBuilt({ NODE_ENV: 'production', ...liveVendorEnv(sandboxes), ROUTER_SECRET: 'r8-chars' });

    expect(await run.outcome).toBe('served');
  }, 120_000);
});

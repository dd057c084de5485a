import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { createApp, GRAPHQL_PATH } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createVendorClients } from '../../src/vendors/create-vendors.js';
import { startSandboxes } from '../support/test-stack.js';
import { DEFAULT_VENDOR_LIMITS } from '../support/vendor-transport.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('wires the app without listening: where it listens, and when it stops, is the process’s choice', async () => {
  const sandboxes = await startSandboxes();
  cleanups.push(() => sandboxes.close());
  const vendors = await createVendorClients(sandboxes.kognitiv!.settings, sandboxes.debitsuccess!.settings, DEFAULT_VENDOR_LIMITS);
  cleanups.push(() => vendors.close());

  const app = await createApp({ config: loadConfig({ NODE_ENV: 'test' }), vendors, logger: pino({ level: 'silent' }), secrets: [] });
  cleanups.push(() => app.stop());
  expect(app.httpServer.listening).toBe(false);

  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  const response = await fetch(`${base}${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ member(id: "M1001") { id loyalty { firstName } } }' }),
  });
  expect(await response.json()).toMatchObject({ data: { member: { id: 'M1001', loyalty: { firstName: expect.any(String) } } } });
  // Metrics read admission's counts and admission reports its refusals: neither is built from the other.
  expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/graphql_requests_in_flight 0\b/);
});

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandboxVendors, type SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = `${ROOT}dist/src/main.js`;

let sandboxes: SandboxVendors;

beforeAll(async () => {
  // The process under test is the built one, as production runs it.
  if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  sandboxes = await startSandboxVendors({ kognitiv: true, debitsuccess: true });
}, 120_000);

afterAll(async () => {
  await sandboxes?.close();
});

it('finishes in-flight requests on SIGTERM, stops accepting, and exits 0', async () => {
  const k = sandboxes.kognitiv!.settings;
  const d = sandboxes.debitsuccess!.settings;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: '0',
      KOGNITIV_URL: k.url,
      KOGNITIV_SECURITY_TOKEN: k.securityToken,
      KOGNITIV_LOYALTY_PROGRAM_ID: String(k.loyaltyProgramId),
      KOGNITIV_LOCATION: k.defaultLocation,
      DEBITSUCCESS_SOAP_URL: d.soapUrl,
      DEBITSUCCESS_USERNAME: d.username,
      DEBITSUCCESS_PASSWORD: d.password,
      DEBITSUCCESS_API_URL: d.apiUrl,
      DEBITSUCCESS_TOKEN_URL: d.tokenUrl,
      DEBITSUCCESS_CLIENT_ID: d.clientId,
      DEBITSUCCESS_CLIENT_SECRET: d.clientSecret,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as { url?: string; msg?: string };
      if (parsed.url && parsed.msg?.includes('ready at')) resolve(parsed.url);
    });
  });
  for (let i = 0; i < 50 && (await fetch(new URL('/ready', url)).then((r) => r.status)) !== 200; i += 1) await new Promise((r) => setTimeout(r, 100));
  sandboxes.kognitiv!.sandbox.setLatency(800);

  const inFlight = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ member(id: "M1001") { loyalty { firstName } } }' }) });
  await new Promise((resolve) => setTimeout(resolve, 200));
  child.kill('SIGTERM');

  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(((await response.json()) as { data: { member: { loyalty: { firstName: string } } } }).data.member.loyalty.firstName).toBe('Aroha');
  expect(await exited).toBe(0);
  await expect(fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).rejects.toThrow();
}, 30_000);

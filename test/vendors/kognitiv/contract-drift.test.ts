import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../../src/sandbox/start-sandbox-vendors.js';
import { liveVendorEnv, startSandboxes } from '../../support/test-stack.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = `${ROOT}dist/src/main.js`;

let sandboxes: SandboxVendors;
let running: ChildProcess | undefined;

beforeAll(async () => {
  // The process under test is the built one, reading the live WSDLs at start-up as production does.
  if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  sandboxes = await startSandboxes();
}, 120_000);

afterEach(() => {
  running?.kill('SIGKILL');
  running = undefined;
  for (const service of ['LoyaltyMember', 'Sync']) sandboxes.kognitiv!.sandbox.alterWsdl(service);
});

afterAll(async () => {
  await sandboxes?.close();
});

interface Started {
  url: string;
  logs: Record<string, unknown>[];
}

/** The built process with live settings pointing at the sandboxes (KOGNITIV_WSDL=remote), once `/ready` says ready. */
async function startLive(): Promise<Started> {
  const env = { ...process.env, ...liveVendorEnv(sandboxes), NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: '0' };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  running = child;
  const logs: Record<string, unknown>[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      logs.push(parsed);
      if (typeof parsed.url === 'string') resolve(parsed.url);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  const ready = new URL('/ready', url).href;
  for (let i = 0; i < 100 && (await fetch(ready)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  return { url, logs };
}

async function readyBody(url: string): Promise<{ status: string; contractDrift?: unknown }> {
  const answer = await fetch(new URL('/ready', url));
  expect(answer.status).toBe(200);
  return (await answer.json()) as { status: string; contractDrift?: unknown };
}

async function driftSamples(url: string): Promise<string[]> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return text.split('\n').filter((line) => line.startsWith('vendor_contract_drift{'));
}

describe('start-up with KOGNITIV_WSDL=remote compares the live WSDLs with the contract', () => {
  it('reports no drift when the WSDLs are the contract', async () => {
    const { url, logs } = await startLive();

    expect((await readyBody(url)).contractDrift).toEqual([]);
    expect(await driftSamples(url)).toEqual([]);
    expect(logs.filter((line) => String(line.msg).includes('drift'))).toEqual([]);
  }, 30_000);

  it('names an element renamed, an element retyped and an operation renamed: a warning each, a metric and /ready, still ready', async () => {
    const kognitiv = sandboxes.kognitiv!.sandbox;
    kognitiv.alterWsdl('LoyaltyMember', (wsdl) =>
      wsdl
        .replace('name="AccountId" type="s:string"', 'name="AccountID" type="s:string"')
        .replace('name="MemberId" type="s:int"', 'name="MemberId" type="s:string"'),
    );
    kognitiv.alterWsdl('Sync', (wsdl) => wsdl.replaceAll('SaveAccountPhone', 'SaveAccountPhoneV2'));

    const { url, logs } = await startLive();

    const expected = [
      { service: 'LoyaltyMember.asmx', item: 'preqFetchLoyaltyMemberCore/AccountId', change: 'missing', expected: 'string', found: null },
      { service: 'LoyaltyMember.asmx', item: 'FetchLoyaltyMemberCoreResult/MemberId', change: 'type', expected: 'int', found: 'string' },
      { service: 'Sync.asmx', item: 'SaveAccountPhone', change: 'missing', expected: 'operation', found: null },
    ].map((drift) => ({ vendor: 'KOGNITIV', ...drift }));
    const body = await readyBody(url);
    expect(body.status).toBe('ready');
    expect(body.contractDrift).toEqual(expect.arrayContaining(expected));
    expect(body.contractDrift).toHaveLength(expected.length);

    expect((await driftSamples(url)).sort()).toEqual(
      expected
        .map(
          ({ vendor, service, item, change }) =>
            `vendor_contract_drift{vendor="${vendor}",service="${service}",item="${item}",change="${change}"} 1`,
        )
        .sort(),
    );
    const warnings = logs.filter((line) => line.level === 40 && String(line.msg).startsWith('vendor contract drift'));
    expect(warnings.map((line) => line.contractDrift)).toEqual(expect.arrayContaining(expected));
    for (const { item } of expected) expect(warnings.some((line) => String(line.msg).includes(item))).toBe(true);
  }, 30_000);
});

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { liveVendorEnv, startSandboxes } from '../support/test-stack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHECK = `${ROOT}dist/scripts/vendors-check.js`;

let sandboxes: SandboxVendors;

beforeAll(async () => {
  if (!existsSync(CHECK)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  sandboxes = await startSandboxes();
}, 120_000);

afterEach(() => {
  sandboxes.kognitiv!.sandbox.alterWsdl('LoyaltyMember');
  sandboxes.kognitiv!.sandbox.resetCallCounts();
  sandboxes.debitsuccess!.sandbox.resetCallCounts();
});

afterAll(async () => {
  await sandboxes?.close();
});

/** `npm run vendors:check` as built, with live settings pointing at the sandboxes (changed by `env`). */
function runCheck(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CHECK, ...args], {
    env: { ...process.env, ...liveVendorEnv(sandboxes), NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const SERVICES = ['Sync.asmx', 'Mobile.asmx', 'Portal.asmx', 'Interaction.asmx', 'LoyaltyMember.asmx', 'WS/MemberActivity.asmx'];

describe('npm run vendors:check', () => {
  it('passes every vendor service for a member both vendors hold, reading and never writing', async () => {
    const { code, stdout } = await runCheck(['--account', 'M1001']);

    const lines = stdout.trim().split('\n');
    expect(lines).toEqual([
      ...SERVICES.map((service) => `PASS kognitiv ${service}: WSDL matches the contract`),
      'PASS kognitiv FetchLoyaltyMemberCore M1001: member 5001',
      'PASS debitsuccess OAuth token: issued',
      expect.stringMatching(/^PASS debitsuccess GET \/accounts M1001: \d+ account\(s\)$/),
      expect.stringMatching(/^SKIP debitsuccess UpdateClientPhoneNumber/),
    ]);
    expect(code).toBe(0);
    const kognitiv = sandboxes.kognitiv!.sandbox;
    const debitsuccess = sandboxes.debitsuccess!.sandbox;
    expect(kognitiv.callCount()).toBe(kognitiv.callCount('?WSDL') + kognitiv.callCount('FetchLoyaltyMemberCore'));
    expect(kognitiv.callCount('FetchLoyaltyMemberCore')).toBe(1);
    expect(debitsuccess.callCount('UpdateClientPhoneNumber')).toBe(0);
    expect(debitsuccess.callCount('GET /accounts')).toBe(1);
  }, 30_000);

  it('fails on a drifted WSDL, naming what drifted, and exits 1', async () => {
    sandboxes.kognitiv!.sandbox.alterWsdl('LoyaltyMember', (wsdl) => wsdl.replace('name="AccountId"', 'name="AccountID"'));

    const { code, stdout } = await runCheck(['--account', 'M1001']);

    expect(stdout).toContain('FAIL kognitiv LoyaltyMember.asmx: WSDL drift: preqFetchLoyaltyMemberCore/AccountId missing\n');
    expect(stdout).toContain('PASS kognitiv Sync.asmx: WSDL matches the contract\n');
    expect(code).toBe(1);
  }, 30_000);

  it('fails the token on a wrong client secret and an unknown account on both vendors, printing no secret', async () => {
    const wrongSecret = 'a-wrong-client-secret-that-must-not-print';

    const { code, stdout } = await runCheck(['--account', 'NOBODY'], { DEBITSUCCESS_CLIENT_SECRET: wrongSecret });

    expect(stdout).toContain('FAIL kognitiv FetchLoyaltyMemberCore NOBODY: FetchLoyaltyMemberCore answered 300\n');
    expect(stdout).toContain('FAIL debitsuccess OAuth token: POST /identity/connect/token answered 401\n');
    expect(stdout).toContain('FAIL debitsuccess GET /accounts NOBODY: not tried (no token)\n');
    for (const secret of [wrongSecret, liveVendorEnv(sandboxes).KOGNITIV_SECURITY_TOKEN!]) expect(stdout).not.toContain(secret);
    expect(code).toBe(1);
  }, 30_000);

  it('refuses to run without an account id', async () => {
    const { code, stderr } = await runCheck([]);

    expect(stderr).toContain('--account');
    expect(code).toBe(2);
  });
});

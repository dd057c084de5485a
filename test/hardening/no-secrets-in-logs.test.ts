import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/seed.js';
import { startSandboxes, startSubgraph, type Subgraph } from '../support/test-stack.js';

const ROUTER_SECRET = 'router-secret-never-logged';
const PASSWORDS = ['correct-horse', 'wrong-password-never-logged'];

let sandboxes: SandboxVendors;
let subgraph: Subgraph;
const lines: string[] = [];

beforeAll(async () => {
  sandboxes = await startSandboxes();
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  // The most talkative level: nothing may leak even when operators turn logging all the way up.
  subgraph = await startSubgraph(sandboxes, { env: { ROUTER_SECRET, VENDOR_RETRY_DELAY_MS: '0' }, logger: pino({ level: 'trace' }, capture), kognitiv: { timeoutMs: 300 } });
});

afterAll(async () => {
  await subgraph?.close();
  await sandboxes?.close();
});

it('logs no secret, token or password through every mutation and failure', async () => {
  const headers = { 'router-authorization': ROUTER_SECRET };
  const run = (query: string) => subgraph.request(query, {}, headers);

  await run('{ member(id: "M1001") { loyalty { firstName } points { available } billingAccounts { accountId } } }');
  await run('{ member(id: "NO-SUCH") { loyalty { firstName } } }');
  await run('mutation { savePhone(input: { memberId: "M1001", type: MOBILE, number: "+64 21 555 0101" }) { loyalty { savedPhoneNumber } billing { status } } }');
  await run('mutation { savePhone(input: { memberId: "RC-02", type: MOBILE, number: "+64 21 555 0315" }) { loyalty { savedPhoneNumber } billing { status } } }');
  await run('mutation { enterPromotion(input: { phoneNumber: "+64 21 123 4567", productCode: "NOPE" }) { message } }');
  await run(`mutation { login(input: { accountId: "M1001", password: "${PASSWORDS[0]}" }) { firstName } }`);
  await run(`mutation { login(input: { accountId: "M1001", password: "${PASSWORDS[1]}" }) { firstName } }`);
  await run('mutation { recordInteraction(input: { memberId: "M1001", type: "NOPE" }) { interactionId } }');
  sandboxes.kognitiv!.sandbox.injectFault({ kind: 'soap-fault' }, 3);
  await run('{ member(id: "M1001") { loyalty { firstName } } }');
  sandboxes.kognitiv!.sandbox.injectFault({ kind: 'delay', ms: 1_000 }, 1);
  await run('mutation { recordInteraction(input: { memberId: "M1001", type: "CLUB-VISIT" }) { interactionId } }');
  sandboxes.debitsuccess!.sandbox.injectFault({ kind: 'html', status: 502 }, 3);
  await run('{ member(id: "M1003") { billingAccounts { accountId } } }');
  sandboxes.kognitiv!.sandbox.clearFaults();
  sandboxes.debitsuccess!.sandbox.clearFaults();

  const log = lines.join('');
  expect(log).toContain('vendor error');
  // Raw vendor text belongs in the log (and only there).
  expect(log).toContain('SqlException');
  for (const secret of [SANDBOX_CREDENTIALS.kognitivSecurityToken, SANDBOX_CREDENTIALS.debitsuccessPassword, SANDBOX_CREDENTIALS.debitsuccessClientSecret, ROUTER_SECRET, ...PASSWORDS]) {
    expect(log).not.toContain(secret);
  }
  expect(log).not.toMatch(/Bearer\s+\S/);
});

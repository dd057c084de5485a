import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import type { Fault } from '../../src/sandbox/shared/faults.js';
import { errorAt, startSandboxes, startSubgraph, type GraphQLResponse, type Subgraph } from '../support/test-stack.js';
import { LOGIN } from '../support/documents.js';

// Breakers at their defaults (BREAKER_THRESHOLD 5, VENDOR_READ_ATTEMPTS 3): what a caller meets in production.
const LOYALTY = 'query($id: ID!) { member(id: $id) { loyalty { firstName } } }';
const BILLING = 'query($id: ID!) { member(id: $id) { billingAccounts { accountId } } }';
const SAVE_PHONE = 'mutation($input: SavePhoneInput!) { savePhone(input: $input) { billing { status } } }';
/** Well over BREAKER_THRESHOLD. */
const ATTEMPTS = 8;

let sandboxes: SandboxVendors;
let subgraph: Subgraph;

beforeAll(async () => {
  sandboxes = await startSandboxes();
});

afterEach(async () => {
  await subgraph?.close();
  sandboxes.kognitiv!.sandbox.clearFaults();
  sandboxes.debitsuccess!.sandbox.clearFaults();
  sandboxes.kognitiv!.sandbox.resetCallCounts();
  sandboxes.debitsuccess!.sandbox.resetCallCounts();
});

afterAll(async () => {
  await sandboxes?.close();
});

/** A subgraph of its own, so that each test starts with closed circuits. */
async function freshSubgraph(): Promise<Subgraph> {
  subgraph = await startSubgraph(sandboxes, { env: { VENDOR_RETRY_DELAY_MS: '0' } });
  return subgraph;
}

async function breakerState(breaker: string): Promise<string | undefined> {
  const ready = (await (await fetch(new URL('/ready', subgraph.url))).json()) as { breakers: Record<string, string> };
  return ready.breakers[breaker];
}

async function inSequence(times: number, request: () => Promise<GraphQLResponse>): Promise<GraphQLResponse[]> {
  const responses: GraphQLResponse[] = [];
  for (let i = 0; i < times; i += 1) responses.push(await request());
  return responses;
}

const CLIENT_FAULT: Fault = { kind: 'soap-fault', faultcode: 'Client' };

describe('faults a caller provokes', () => {
  it('do not open the Portal circuit: anonymous logins answered with a SOAP Client fault', async () => {
    const graph = await freshSubgraph();
    sandboxes.kognitiv!.sandbox.injectFault(CLIENT_FAULT, ATTEMPTS);

    const refused = await inSequence(ATTEMPTS, () => graph.request(LOGIN, { input: { accountId: 'M1001', password: 'hostile input' } }));

    for (const response of refused) {
      expect(errorAt(response, ['login']).extensions).toEqual({
        code: 'VENDOR_ERROR',
        retryable: false,
        vendor: 'KOGNITIV',
        operation: 'ExternalLogin',
        reason: 'REQUEST_REFUSED',
        vendorCode: '500',
      });
    }
    expect(sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(ATTEMPTS);
    const ordinary = await graph.request(LOGIN, { input: { accountId: 'M1002', password: 'correct-horse' } });
    expect(ordinary.errors).toBeUndefined();
    expect(ordinary.data?.login.firstName).toEqual(expect.any(String));
    expect(await breakerState('KOGNITIV:Portal.asmx')).toBe('closed');
  });

  it('do not open a member-read circuit, and are not retried', async () => {
    const graph = await freshSubgraph();
    sandboxes.kognitiv!.sandbox.injectFault(CLIENT_FAULT, ATTEMPTS);

    const refused = await inSequence(ATTEMPTS, () => graph.request(LOYALTY, { id: 'DECOY' }));

    for (const response of refused) {
      expect(errorAt(response, ['member', 'loyalty']).extensions).toMatchObject({
        code: 'VENDOR_ERROR',
        retryable: false,
        operation: 'FetchLoyaltyMemberCore',
        reason: 'REQUEST_REFUSED',
      });
    }
    expect(sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(ATTEMPTS);
    const ordinary = await graph.request(LOYALTY, { id: 'M1001' });
    expect(ordinary.errors).toBeUndefined();
    expect(ordinary.data?.member.loyalty.firstName).toBe('Aroha');
    expect(await breakerState('KOGNITIV:LoyaltyMember.asmx')).toBe('closed');
  });

  it.each([409, 422, 405, 400])('do not open the billing circuit: REST %i answers, reported with their status', async (status) => {
    const graph = await freshSubgraph();
    sandboxes.debitsuccess!.sandbox.injectFault({ kind: 'status', status }, ATTEMPTS);

    const refused = await inSequence(ATTEMPTS, () => graph.request(BILLING, { id: 'M1001' }));

    for (const response of refused) {
      expect(errorAt(response, ['member', 'billingAccounts']).extensions).toEqual({
        code: 'VENDOR_ERROR',
        retryable: false,
        vendor: 'DEBITSUCCESS',
        operation: 'GET /accounts',
        reason: 'REQUEST_REFUSED',
        vendorCode: String(status),
      });
    }
    expect(sandboxes.debitsuccess!.sandbox.callCount('GET /accounts')).toBe(ATTEMPTS);
    const ordinary = await graph.request(BILLING, { id: 'M1001' });
    expect(ordinary.errors).toBeUndefined();
    expect(ordinary.data?.member.billingAccounts).toEqual([{ accountId: '880001' }]);
    expect(await breakerState('DEBITSUCCESS:CustomerServices')).toBe('closed');
  });

  it('do not open the Debitsuccess message circuit: WCF Client faults on savePhone', async () => {
    const graph = await freshSubgraph();
    sandboxes.debitsuccess!.sandbox.injectFault(CLIENT_FAULT, ATTEMPTS);
    const save = () => graph.request(SAVE_PHONE, { input: { memberId: 'M1001', type: 'WORK', number: '+64 4 470 1111' } });

    const refused = await inSequence(ATTEMPTS, save);

    for (const response of refused) {
      expect(errorAt(response, ['savePhone', 'billing']).extensions).toMatchObject({
        code: 'VENDOR_ERROR',
        retryable: false,
        operation: 'UpdateClientPhoneNumber',
        reason: 'REQUEST_REFUSED',
      });
    }
    expect((await save()).data?.savePhone.billing.status).toBe('SUCCEED');
    expect(await breakerState('DEBITSUCCESS:Messages')).toBe('closed');
  });
});

describe('vendor outages', () => {
  it('still open the circuit after BREAKER_THRESHOLD server faults, which then fails fast', async () => {
    const graph = await freshSubgraph();
    sandboxes.kognitiv!.sandbox.injectFault({ kind: 'soap-fault', faultcode: 'Server' });

    const failed = await inSequence(5, () => graph.request(LOGIN, { input: { accountId: 'M1001', password: 'correct-horse' } }));
    const open = await graph.request(LOGIN, { input: { accountId: 'M1001', password: 'correct-horse' } });

    for (const response of failed)
      expect(errorAt(response, ['login']).extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'SOAP_FAULT' });
    expect(errorAt(open, ['login']).extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'CIRCUIT_OPEN', retryable: true });
    expect(sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(5);
    expect(await breakerState('KOGNITIV:Portal.asmx')).toBe('open');
  });

  it('count once per logical read: two reads failing every attempt leave a threshold-5 circuit closed', async () => {
    const graph = await freshSubgraph();
    sandboxes.kognitiv!.sandbox.injectFault({ kind: 'html', status: 503 }, 6);

    const failed = await inSequence(2, () => graph.request(LOYALTY, { id: 'M1001' }));

    for (const response of failed)
      expect(errorAt(response, ['member', 'loyalty']).extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        reason: 'HTTP_STATUS',
        vendorCode: '503',
      });
    expect(sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(6);
    expect(await breakerState('KOGNITIV:LoyaltyMember.asmx')).toBe('closed');
    const recovered = await graph.request(LOYALTY, { id: 'M1001' });
    expect(recovered.errors).toBeUndefined();
  });

  it('open the circuit after five reads that failed every attempt, and no retry runs into it', async () => {
    const graph = await freshSubgraph();
    sandboxes.kognitiv!.sandbox.injectFault({ kind: 'html', status: 503 });

    const failed = await inSequence(5, () => graph.request(LOYALTY, { id: 'M1001' }));
    const open = await graph.request(LOYALTY, { id: 'M1001' });

    for (const response of failed)
      expect(errorAt(response, ['member', 'loyalty']).extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'HTTP_STATUS' });
    expect(errorAt(open, ['member', 'loyalty']).extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'CIRCUIT_OPEN' });
    expect(sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(15);
    expect(await breakerState('KOGNITIV:LoyaltyMember.asmx')).toBe('open');
  });
});

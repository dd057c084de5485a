import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDebitsuccessSandbox, type DebitsuccessSandbox } from '../../../src/sandbox/debitsuccess/debitsuccess-sandbox.js';
import { SANDBOX_FORBIDDEN_CLIENT } from '../../../src/sandbox/seed.js';
import { startSandboxVendors, type SandboxVendors } from '../../../src/sandbox/start-sandbox-vendors.js';
import { DebitsuccessBilling, type DebitsuccessBillingOptions } from '../../../src/vendors/debitsuccess/debitsuccess-billing.js';
import { createVendorAgents } from '../../../src/vendors/vendor-agents.js';
import { VendorReturnCodeError, VendorTransportError } from '../../../src/vendors/vendor-error.js';
import { closedPortUrl, startFakeVendor } from '../../support/fake-vendor.js';
import { DEFAULT_TRANSPORT } from '../../support/vendor-transport.js';

let vendors: SandboxVendors;
let sandbox: DebitsuccessSandbox;
const clients: DebitsuccessBilling[] = [];

/** A client of the sandbox's settings, or of `target`'s endpoints (a sandbox started with options of its own). */
function billing(overrides: Partial<DebitsuccessBillingOptions> = {}, target?: DebitsuccessSandbox): DebitsuccessBilling {
  const created = new DebitsuccessBilling({
    ...vendors.debitsuccess!.settings,
    ...(target && { apiUrl: target.apiUrl, tokenUrl: target.tokenUrl }),
    timeoutMs: 5000,
    ...DEFAULT_TRANSPORT,
    ...overrides,
  });
  clients.push(created);
  return created;
}

beforeAll(async () => {
  vendors = await startSandboxVendors({ kognitiv: false, debitsuccess: true });
  sandbox = vendors.debitsuccess!.sandbox;
});

afterEach(() => {
  sandbox.resetCallCounts();
  sandbox.setLatency(0);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await vendors?.close();
});

describe('DebitsuccessBilling.findAccountsByExternalId', () => {
  it('decodes the accounts of a member', async () => {
    expect(await billing().findAccountsByExternalId('M1003')).toEqual([
      {
        accountId: '880003',
        customerId: '770003',
        overdueStatus: 3,
        overdueAmountPayment: 129.9,
        overdueAmountFee: 15,
        suspended: true,
        paymentStopped: true,
        nextBillingDate: null,
        accountCloseDateTime: null,
      },
    ]);
  });

  it('answers [] for a member without billing accounts', async () => {
    expect(await billing().findAccountsByExternalId('M1002')).toEqual([]);
  });

  it('fetches one token for many reads, concurrent ones included', async () => {
    const client = billing();

    await Promise.all(Array.from({ length: 10 }, () => client.findAccountsByExternalId('M1001')));
    await client.findAccountsByExternalId('M1009');

    expect(sandbox.callCount('POST /identity/connect/token')).toBe(1);
    expect(sandbox.callCount('GET /accounts')).toBe(11);
  });

  it('fetches a new token when the old one expires', async () => {
    const shortLived = await startDebitsuccessSandbox({ tokenTtlSeconds: 1 });
    try {
      const client = billing({}, shortLived);
      await client.findAccountsByExternalId('M1001');
      await new Promise((resolve) => setTimeout(resolve, 1_100));

      await client.findAccountsByExternalId('M1001');

      expect(shortLived.callCount('POST /identity/connect/token')).toBe(2);
    } finally {
      await shortLived.close();
    }
  });

  it('fetches a new token once when the API refuses a revoked one', async () => {
    const client = billing();
    await client.findAccountsByExternalId('M1001');
    sandbox.revokeTokens();

    expect(await client.findAccountsByExternalId('M1001')).toHaveLength(1);
    expect(sandbox.callCount('POST /identity/connect/token')).toBe(2);
  });

  it.each([
    ['wrong client credentials', { clientSecret: 'wrong' }, 'POST /identity/connect/token', '401'],
    [
      'a client without the accounts scope',
      { clientId: SANDBOX_FORBIDDEN_CLIENT.clientId, clientSecret: SANDBOX_FORBIDDEN_CLIENT.clientSecret },
      'GET /accounts',
      '403',
    ],
  ])('answers %s as a return code', async (_case, overrides, operation, code) => {
    const error = await billing(overrides)
      .findAccountsByExternalId('M1001')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(VendorReturnCodeError);
    expect(error).toMatchObject({ vendor: 'DEBITSUCCESS', operation, vendorCode: code });
    expect(JSON.stringify(error) + String(error)).not.toContain('wrong');
  });

  it.each([
    ['RC-400', VendorTransportError, { reason: 'REQUEST_REFUSED', extra: { httpStatus: 400 } }],
    ['RC-404', VendorReturnCodeError, { vendorCode: '404' }],
    ['RC-429', VendorTransportError, { reason: 'HTTP_STATUS', extra: { httpStatus: 429, retryAfterSeconds: 2 } }],
    ['RC-500', VendorTransportError, { reason: 'HTTP_STATUS', extra: { httpStatus: 500 } }],
    ['RC-503', VendorTransportError, { reason: 'HTTP_STATUS', extra: { httpStatus: 503 } }],
    ['RC-HTML', VendorTransportError, { reason: 'MALFORMED_RESPONSE' }],
    ['RC-MALFORMED', VendorTransportError, { reason: 'MALFORMED_RESPONSE' }],
  ])('classifies %s', async (externalId, type, expected) => {
    const error = await billing()
      .findAccountsByExternalId(externalId)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(expected);
  });

  it('classifies a slow answer past the timeout as TIMEOUT', async () => {
    const client = billing({ timeoutMs: 150 });
    await client.findAccountsByExternalId('M1001');
    sandbox.setLatency(400);

    expect(await client.findAccountsByExternalId('M1001').catch((e: unknown) => e)).toMatchObject({ reason: 'TIMEOUT', sent: true });
  });

  it('classifies a refused connection as CONNECTION, not sent', async () => {
    const closed = await closedPortUrl();
    const error = await billing({ apiUrl: `${closed}/api`, tokenUrl: `${closed}/token` })
      .findAccountsByExternalId('M1001')
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ reason: 'CONNECTION', sent: false, operation: 'POST /identity/connect/token' });
  });

  /** A misbehaving API behind a working token endpoint. */
  async function failingApi(answer: Parameters<typeof startFakeVendor>[0], overrides: Partial<DebitsuccessBillingOptions> = {}) {
    const fake = await startFakeVendor((req, res) => {
      if (req.url === '/token')
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 't', expires_in: 3600 }));
      else answer(req, res);
    });
    try {
      return await billing({ apiUrl: `${fake.origin}/api`, tokenUrl: `${fake.origin}/token`, ...overrides })
        .findAccountsByExternalId('M1001')
        .catch((e: unknown) => e);
    } finally {
      await fake.close();
    }
  }

  it('refuses an answer over maxResponseBytes as MALFORMED_RESPONSE without parsing it', async () => {
    const error = await failingApi(
      (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accounts: [], pad: 'x'.repeat(20_000) })),
      { maxResponseBytes: 10_000 },
    );

    expect(error).toMatchObject({ reason: 'MALFORMED_RESPONSE', sent: true });
  });

  it('asks for a compressed answer and decodes it', async () => {
    const account = {
      accountId: 'A1',
      customerId: 'C1',
      overdueStatus: 0,
      overdueAmountPayment: 0,
      overdueAmountFee: 0,
      suspended: false,
      paymentStopped: false,
      nextBillingDate: '2026-12-01T00:00:00',
      accountCloseDateTime: null,
    };
    const asked: (string | undefined)[] = [];

    const answer = await failingApi((req, res) => {
      asked.push(req.headers['accept-encoding']);
      const json = JSON.stringify({ accounts: [account] });
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? ''))
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(json));
      else res.writeHead(200, { 'content-type': 'application/json' }).end(json);
    });

    expect(asked).toEqual([expect.stringMatching(/\bgzip\b/)]);
    expect(answer).toEqual([{ ...account, nextBillingDate: '2026-12-01' }]);
  });

  it('refuses a compressed answer that inflates past maxResponseBytes as MALFORMED_RESPONSE', async () => {
    const bomb = gzipSync(JSON.stringify({ accounts: [], pad: 'x'.repeat(5_000_000) }));

    const error = await failingApi(
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb),
      { maxResponseBytes: 10_000 },
    );

    expect(bomb.length).toBeLessThan(10_000);
    expect(error).toMatchObject({ reason: 'MALFORMED_RESPONSE', sent: true });
  });

  it('does not follow a redirect: the answer is an HTTP_STATUS failure and the target is never fetched', async () => {
    const paths: string[] = [];

    const error = await failingApi((req, res) => {
      paths.push(req.url ?? '');
      if (req.url?.startsWith('/api/')) res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"accounts":[]}');
    });

    expect(error).toMatchObject({ reason: 'HTTP_STATUS', extra: { httpStatus: 302 } });
    expect(paths).toEqual(['/api/accounts?accountExternalId=M1001']);
  });

  it('sends the token and account calls over one keep-alive socket of the pool it is given', async () => {
    const ports = new Set<number>();
    const fake = await startFakeVendor((req, res) => {
      ports.add(req.socket.remotePort!);
      const body = req.url === '/token' ? { access_token: 't', expires_in: 3600 } : { accounts: [] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    const agents = createVendorAgents(4);
    try {
      const client = billing({ apiUrl: `${fake.origin}/api`, tokenUrl: `${fake.origin}/token`, agents });

      for (let i = 0; i < 3; i += 1) await client.findAccountsByExternalId('M1001');
    } finally {
      agents.close();
      await fake.close();
    }

    expect(ports.size).toBe(1);
  });

  it('classifies a connection closed mid-answer as CONNECTION, sent', async () => {
    const error = await failingApi((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"accounts":[');
      res.socket?.destroy();
    });

    expect(error).toMatchObject({ reason: 'CONNECTION', sent: true });
  });
});

describe('DebitsuccessBilling.listPhoneNumbers', () => {
  /** A vendor whose every phone page says there is another, always with `cursor`. */
  async function endlessPages(cursor: (page: number) => string | null) {
    let page = 0;
    return startFakeVendor((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.includes('/token')) return res.end(JSON.stringify({ access_token: 't', expires_in: 3600 }));
      page += 1;
      res.end(JSON.stringify({ phoneNumbers: [], responseMetadata: { nextCursor: cursor(page), hasNext: true } }));
    });
  }

  it.each([
    ['repeats a cursor', () => 'same', 'nextCursor repeated'],
    ['says hasNext without a cursor', () => null, 'hasNext without a nextCursor'],
    ['has more pages than the bound', (page: number) => `c${page}`, 'more than 4 pages'],
  ])('refuses a vendor that %s as MALFORMED_RESPONSE, within the bound', async (_, cursor, detail) => {
    const fake = await endlessPages(cursor);
    try {
      const client = billing({ apiUrl: fake.origin, tokenUrl: `${fake.origin}/token` });
      const error = await client.listPhoneNumbers('770001', 4).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VendorTransportError);
      expect(error).toMatchObject({ reason: 'MALFORMED_RESPONSE', operation: 'GET /customers/{customerId}/phoneNumbers' });
      expect((error as VendorTransportError).detail).toContain(detail);
    } finally {
      await fake.close();
    }
  });
});

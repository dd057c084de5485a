import { afterEach, describe, expect, it } from 'vitest';
import { KognitivLoyalty } from '../../../src/vendors/kognitiv/kognitiv-loyalty.js';
import { VendorTransportError } from '../../../src/vendors/vendor-error.js';
import { closedPortUrl, startFakeVendor } from '../../support/fake-vendor.js';
import { DEFAULT_TRANSPORT } from '../../support/vendor-transport.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function kognitivAt(url: string, overrides: { timeoutMs?: number; maxResponseBytes?: number } = {}) {
  const k = await KognitivLoyalty.create({
    url,
    securityToken: 'secret-token-value',
    loyaltyProgramId: 1,
    defaultLocation: 'WEB',
    wsdl: 'bundled',
    timeoutMs: 500,
    ...DEFAULT_TRANSPORT,
    ...overrides,
  });
  cleanups.push(() => k.close());
  return k;
}

async function failureFrom(answer: Parameters<typeof startFakeVendor>[0], overrides?: { timeoutMs?: number; maxResponseBytes?: number }) {
  const fake = await startFakeVendor(answer);
  cleanups.push(fake.close);
  const error = await (await kognitivAt(fake.origin, overrides)).fetchLoyaltyMemberCore('M1').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VendorTransportError);
  expect((error as VendorTransportError).detail).not.toContain('secret-token-value');
  return error as VendorTransportError;
}

const FAULT = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>System.NullReferenceException at SmartButton.Data</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
const ANSWER = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><FetchLoyaltyMemberCoreResponse xmlns="https://app.smartbutton.com/Services/LoyaltyMember"><FetchLoyaltyMemberCoreResult><ReturnCode>0</ReturnCode><MemberId>1</MemberId>`;

describe('Kognitiv transport failures', () => {
  it('classifies a refused connection as CONNECTION, not sent', async () => {
    const error = await (await kognitivAt(await closedPortUrl())).fetchLoyaltyMemberCore('M1').catch((e: unknown) => e);

    expect(error).toMatchObject({ reason: 'CONNECTION', sent: false });
  });

  it('classifies an HTML 502 as HTTP_STATUS', async () => {
    const error = await failureFrom((_req, res) =>
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>'),
    );

    expect(error).toMatchObject({ reason: 'HTTP_STATUS', extra: { httpStatus: 502 } });
  });

  it('classifies a 500 SOAP fault as SOAP_FAULT', async () => {
    const error = await failureFrom((_req, res) => res.writeHead(500, { 'content-type': 'text/xml' }).end(FAULT));

    expect(error).toMatchObject({ reason: 'SOAP_FAULT', sent: true });
  });

  const soap11Fault = (faultcode: string) =>
    `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode xmlns:x="http://schemas.xmlsoap.org/soap/envelope/">${faultcode}</faultcode><faultstring>raw text</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
  const soap12Fault = (value: string) =>
    `<?xml version="1.0"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>${value}</env:Value></env:Code><env:Reason><env:Text xml:lang="en">raw text</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>`;

  it.each([
    ['soap:Client', 'REQUEST_REFUSED', soap11Fault('soap:Client')],
    ['x:Client with another prefix', 'REQUEST_REFUSED', soap11Fault('x:Client')],
    ['Client without a prefix', 'REQUEST_REFUSED', soap11Fault('Client')],
    ['a dotted soap:Client.Authentication', 'REQUEST_REFUSED', soap11Fault('soap:Client.Authentication')],
    ['SOAP 1.2 env:Sender', 'REQUEST_REFUSED', soap12Fault('env:Sender')],
    ['soap:Server', 'SOAP_FAULT', soap11Fault('soap:Server')],
    ['a dotted soap:Server.Database', 'SOAP_FAULT', soap11Fault('soap:Server.Database')],
    ['soap:ClientError, which is not Client', 'SOAP_FAULT', soap11Fault('soap:ClientError')],
    ['SOAP 1.2 env:Receiver', 'SOAP_FAULT', soap12Fault('env:Receiver')],
  ])('classifies a 500 fault with %s as %s', async (_case, reason, body) => {
    const error = await failureFrom((_req, res) => res.writeHead(500, { 'content-type': 'text/xml' }).end(body));

    expect(error).toMatchObject({ reason, sent: true, extra: { httpStatus: 500 } });
  });

  it('classifies a hang past the timeout as TIMEOUT', async () => {
    const error = await failureFrom(() => undefined, { timeoutMs: 200 });

    expect(error).toMatchObject({ reason: 'TIMEOUT', sent: true });
  });

  it('classifies a connection closed mid-answer as CONNECTION, sent', async () => {
    const error = await failureFrom((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '5000' });
      res.write(ANSWER);
      res.socket?.destroy();
    });

    expect(error).toMatchObject({ reason: 'CONNECTION', sent: true });
  });

  it.each([
    ['truncated XML', ANSWER],
    ['an HTML page with status 200', '<html><body>Maintenance</body></html>'],
    [
      'an answer without ReturnCode',
      ANSWER.replace('<ReturnCode>0</ReturnCode>', '') +
        '</FetchLoyaltyMemberCoreResult></FetchLoyaltyMemberCoreResponse></soap:Body></soap:Envelope>',
    ],
  ])('classifies %s as MALFORMED_RESPONSE', async (_case, body) => {
    const error = await failureFrom((_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(body));

    expect(error.reason).toBe('MALFORMED_RESPONSE');
  });

  it('refuses an oversized answer as MALFORMED_RESPONSE', async () => {
    const error = await failureFrom((_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(ANSWER + 'x'.repeat(20_000)), {
      maxResponseBytes: 10_000,
    });

    expect(error.reason).toBe('MALFORMED_RESPONSE');
  });
});

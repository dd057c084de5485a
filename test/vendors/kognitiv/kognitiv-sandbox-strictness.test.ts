import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKognitivSandbox, type KognitivSandbox } from '../../../src/sandbox/kognitiv/kognitiv-sandbox.js';

const NS = 'https://app.smartbutton.com/Services/';

let sandbox: KognitivSandbox;

beforeAll(async () => {
  sandbox = await startKognitivSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

const promotion = (wrapper: string, ns = NS) =>
  envelope(
    `<ProductPromotionEntry xmlns="${NS}"><${wrapper} xmlns="${ns}"><SecurityToken>sandbox-kognitiv-token</SecurityToken><LoyaltyProgramId>1001</LoyaltyProgramId><LocationExternalReference>WEB</LocationExternalReference><PhoneNumber>64211234567</PhoneNumber><ProductCode>SMOOTHIE</ProductCode></${wrapper}></ProductPromotionEntry>`,
  );

async function post(path: string, soapAction: string, body: string) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${soapAction}"` },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('the Kognitiv sandbox is as strict as ASMX', () => {
  it('answers the sample packet of the vendor page', async () => {
    const { status, text } = await post('/Services/Mobile.asmx', `${NS}ProductPromotionEntry`, promotion('lreqProductPromotionEntry'));

    expect(status).toBe(200);
    expect(text).toContain('<ReturnCode>0</ReturnCode>');
  });

  it.each([
    ['an unknown SOAPAction', '/Services/Mobile.asmx', `${NS}Nope`, promotion('lreqProductPromotionEntry')],
    ["the method page's wrapper name", '/Services/Mobile.asmx', `${NS}ProductPromotionEntry`, promotion('preqProductPromotionEntry')],
    [
      'fields in another namespace',
      '/Services/Mobile.asmx',
      `${NS}ProductPromotionEntry`,
      promotion('lreqProductPromotionEntry', 'urn:wrong'),
    ],
    ['malformed XML', '/Services/Mobile.asmx', `${NS}ProductPromotionEntry`, '<soap:Envelope'],
  ])('refuses %s with an HTTP 500 soap:Client fault', async (_case, path, action, body) => {
    const { status, text } = await post(path, action, body);

    expect(status).toBe(500);
    expect(text).toContain('<faultcode>soap:Client</faultcode>');
  });

  it('answers 2 when a parameter is left out', async () => {
    const body = envelope(
      `<FetchLoyaltyMemberCore xmlns="${NS}LoyaltyMember"><preqFetchLoyaltyMemberCore><SecurityToken>sandbox-kognitiv-token</SecurityToken></preqFetchLoyaltyMemberCore></FetchLoyaltyMemberCore>`,
    );

    const { text } = await post('/Services/LoyaltyMember.asmx', `${NS}LoyaltyMember/FetchLoyaltyMemberCore`, body);

    expect(text).toContain('<ReturnCode>2</ReturnCode>');
  });

  it('serves each WSDL with its own address', async () => {
    const text = await (await fetch(`${sandbox.url}/WS/MemberActivity.asmx?WSDL`)).text();

    expect(text).toContain(`location="${sandbox.url}/WS/MemberActivity.asmx"`);
    expect(text).toContain('targetNamespace="LoyaltyPlatformWS"');
  });
});

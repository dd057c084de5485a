import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KOGNITIV_METHODS, wsdlFileOf, type KognitivMethodKey } from '../../../src/vendors/kognitiv/asmx-contract.js';
import { KognitivLoyalty } from '../../../src/vendors/kognitiv/kognitiv-loyalty.js';
import { createSoapClient } from '../../../src/vendors/soap-client.js';
import { soapMessageTemplate } from '../../../src/vendors/soap-message-template.js';
import { createVendorHttp, type VendorHttp } from '../../../src/vendors/vendor-http.js';
import { encodeSoapArguments } from '../../../src/vendors/xml-text.js';
import { DEFAULT_TRANSPORT } from '../../support/vendor-transport.js';

/**
 * Kognitiv's requests are made from a message template filled per call (soap-message-template.ts): the bytes on the
 * wire must be those node-soap writes itself from the same arguments, for every method and for text that is markup,
 * empty or outside the BMP, and every value must land in its own element.
 */

const TOKEN = 'token-&-<value>';
const HOSTILE = [
  '<![CDATA[x]]></Password><AccountId>M1002</AccountId><Password><![CDATA[y]]>',
  'a & b\r\n"\'\t',
  '😀𝄞',
  '',
  '\uE0000\uE001',
];

interface Captured {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

let vendor: Awaited<ReturnType<typeof startFakeVendorCapturing>>;
const requests: Captured[] = [];
let kognitiv: KognitivLoyalty;
let transport: VendorHttp;

beforeAll(async () => {
  vendor = await startFakeVendorCapturing();
  kognitiv = await KognitivLoyalty.create({
    url: vendor.origin,
    securityToken: TOKEN,
    loyaltyProgramId: 42,
    defaultLocation: 'WEB<&>',
    wsdl: 'bundled',
    timeoutMs: 2000,
    ...DEFAULT_TRANSPORT,
  });
  transport = createVendorHttp(DEFAULT_TRANSPORT);
});

afterAll(async () => {
  kognitiv?.close();
  transport?.close();
  await vendor?.close();
});

/** A vendor that keeps each request's bytes and answers every one with a SOAP fault. */
async function startFakeVendorCapturing() {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ body: Buffer.concat(chunks).toString('utf8'), headers: { ...req.headers } });
      res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(
        '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>captured</faultstring></soap:Fault></soap:Body></soap:Envelope>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What reached the vendor for one call that fails with the fake's fault. */
async function sent(call: () => Promise<unknown>): Promise<Captured> {
  const before = requests.length;
  await call().catch(() => undefined);
  expect(requests.length).toBe(before + 1);
  return requests[before]!;
}

/** The same method's request as stock node-soap writes it from the arguments (the contract's fields, encoded, in order). */
async function nodeSoapRequest(key: KognitivMethodKey, fields: Record<string, string | number>): Promise<Captured> {
  const { service, method } = KOGNITIV_METHODS[key];
  const wsdl = new URL(`../../../src/vendors/kognitiv/wsdl/${wsdlFileOf(service)}`, import.meta.url).pathname;
  const client = await createSoapClient(wsdl, `${vendor.origin}/${service.path}.asmx`, transport);
  const ordered = Object.fromEntries(method.request.map(([name]) => [name, fields[name]!]));
  const encoded = encodeSoapArguments(ordered);
  const args = method.parameter ? { [method.parameter]: encoded } : encoded;
  const invoke = client[`${method.name}Async`] as (args: unknown, options: unknown) => Promise<unknown>;
  return sent(() => invoke.call(client, args, { timeout: 2000 }));
}

/** Each method called through the datasource with `text` in every text input, and the wire values node-soap is given for it. */
const CALLS: Record<KognitivMethodKey, (text: string) => { call: () => Promise<unknown>; fields: Record<string, string | number> }> = {
  fetchLoyaltyMemberCore: (text) => ({
    call: () => kognitiv.fetchLoyaltyMemberCore(text),
    fields: { SecurityToken: TOKEN, AccountId: text },
  }),
  fetchMemberPointBalances: (text) => ({
    call: () => kognitiv.fetchMemberPointBalances(text, 2147483647),
    fields: { WSSecurityToken: TOKEN, MemberAccountId: text, SBInternalMemberId: 2147483647 },
  }),
  saveAccountPhone: (text) => ({
    call: () => kognitiv.saveAccountPhone({ kognitivMemberId: -7, phoneTypeRef: text, phoneNumber: `${text}1`, isValid: true }),
    fields: {
      SecurityToken: TOKEN,
      MemberId: -7,
      PhoneNumberTypeExternalReference: text,
      PhoneNumber: `${text}1`,
      MobileCarrierExternalReference: '',
      IsValid: 1,
    },
  }),
  productPromotionEntry: (text) => ({
    call: () => kognitiv.productPromotionEntry({ phoneNumber: text, productCode: `${text}2` }),
    fields: { SecurityToken: TOKEN, LoyaltyProgramId: 42, LocationExternalReference: 'WEB<&>', PhoneNumber: text, ProductCode: `${text}2` },
  }),
  externalLogin: (text) => ({
    call: () => kognitiv.externalLogin({ accountId: text, password: `${text}3`, location: `${text}4` }),
    fields: { SecurityToken: TOKEN, LocationExternalReference: `${text}4`, AccountId: text, Password: `${text}3` },
  }),
  recordInteraction: (text) => ({
    call: () => kognitiv.recordInteraction({ accountId: text, interactionTypeRef: `${text}5` }),
    fields: {
      SecurityToken: TOKEN,
      AccountId: text,
      LocationExternalReference: 'WEB<&>',
      InteractionTypeExternalReference: `${text}5`,
      InteractionNote: '',
    },
  }),
};

describe('Kognitiv requests on the wire', () => {
  for (const [key, make] of Object.entries(CALLS) as [KognitivMethodKey, (typeof CALLS)[KognitivMethodKey]][]) {
    it(`sends ${KOGNITIV_METHODS[key].method.name} byte for byte as node-soap writes it, whatever the text`, async () => {
      for (const text of HOSTILE) {
        const { call, fields } = make(text);
        const ours = await sent(call);
        const stock = await nodeSoapRequest(key, fields);

        expect(ours.body).toBe(stock.body);
        expect(ours.headers).toEqual(stock.headers);
      }
    });
  }
});

describe('Kognitiv message templates', () => {
  it('are made for every method of the bundled WSDLs, so no call falls back to node-soap writing the message', async () => {
    for (const { service, method } of Object.values(KOGNITIV_METHODS)) {
      const wsdl = new URL(`../../../src/vendors/kognitiv/wsdl/${wsdlFileOf(service)}`, import.meta.url).pathname;
      const client = await createSoapClient(wsdl, `${vendor.origin}/${service.path}.asmx`, transport);
      const names = method.request.map(([name]) => name);
      const wrap = (fields: Record<string, string>) => (method.parameter ? { [method.parameter]: fields } : fields);

      expect(soapMessageTemplate(client, method.name, names, wrap), method.name).toBeTypeOf('function');
      expect(soapMessageTemplate(client, 'NoSuchMethod', names, wrap)).toBeUndefined();
    }
  });
});

import { createClientAsync } from 'soap';
import { afterAll, describe, expect, it } from 'vitest';
import { KOGNITIV_METHODS, wsdlFileOf } from '../../src/vendors/kognitiv/asmx-contract.js';
import { createSoapClient } from '../../src/vendors/soap-client.js';
import { createVendorHttp } from '../../src/vendors/vendor-http.js';
import { DEFAULT_TRANSPORT } from '../support/vendor-transport.js';

/**
 * Our SOAP clients keep each message's description after the first answer (soap-client.ts): every answer must read
 * exactly as a stock node-soap client reads it, the first and any later one, whichever message came before.
 */

const transport = createVendorHttp(DEFAULT_TRANSPORT);
/** As soap-client.ts hands numbers over. */
const NUMBERS_AS_TEXT = Object.fromEntries(['int', 'double'].map((type) => [type, (text: string) => text]));
afterAll(() => transport.close());

const bundled = (file: string) => new URL(`../../src/vendors/kognitiv/wsdl/${file}`, import.meta.url).pathname;

/** An answer to `method` as an ASMX service writes one: every result element, with text that differs per answer. */
function answerOf(method: (typeof KOGNITIV_METHODS)[keyof typeof KOGNITIV_METHODS]['method'], namespace: string, n: number): string {
  const fields = method.result.map(([name, type]) => `<${name}>${type === 'string' ? `${name} &amp; ${n}` : String(n)}</${name}>`).join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>' +
    `<${method.name}Response xmlns="${namespace}"><${method.name}Result>${fields}</${method.name}Result></${method.name}Response>` +
    '</soap:Body></soap:Envelope>'
  );
}

describe('reading SOAP answers', () => {
  it('reads every Kognitiv answer as stock node-soap does, on the first answer and on every later one', async () => {
    for (const { service, method } of Object.values(KOGNITIV_METHODS)) {
      const wsdl = bundled(wsdlFileOf(service));
      const ours = await createSoapClient(wsdl, 'http://127.0.0.1:9/x', transport);
      const stock = await createClientAsync(wsdl, {
        disableCache: true,
        customDeserializer: NUMBERS_AS_TEXT,
      });

      for (const n of [1, 2, 3]) {
        const answer = answerOf(method, service.namespace, n);
        expect(ours.wsdl.xmlToObject(answer), `${method.name} answer ${n}`).toEqual(stock.wsdl.xmlToObject(answer));
      }
      const read = ours.wsdl.xmlToObject(answerOf(method, service.namespace, 4)) as { Body: Record<string, Record<string, unknown>> };
      expect(read.Body[`${method.name}Response`]?.[`${method.name}Result`]).toMatchObject({ ReturnCode: '4' });
    }
  });

  it('reads a Debitsuccess answer, whose list and types come from its description, as stock node-soap does, every time', async () => {
    const wsdl = new URL('../../src/vendors/debitsuccess/wsdl/DebitsuccessMessages.wsdl', import.meta.url).pathname;
    const ours = await createSoapClient(wsdl, 'http://127.0.0.1:9/x', transport);
    const stock = await createClientAsync(wsdl, { disableCache: true, customDeserializer: NUMBERS_AS_TEXT });
    const note = (n: number) =>
      `<a:ResponseNote><a:Code>C${n}</a:Code><a:Note>note &amp; ${n}</a:Note><a:NoteType>Info</a:NoteType></a:ResponseNote>`;
    const answer = (notes: number) =>
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><UpdateClientPhoneNumberResponse xmlns="Debitsuccess.WebServices.WCF">' +
      '<UpdateClientPhoneNumberResult xmlns:a="http://schemas.datacontract.org/2004/07/Debitsuccess.WebServices.Core" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
      `<a:DateCreated>2026-01-02T03:04:05Z</a:DateCreated><a:Id>x</a:Id><a:ResponseNotes>${Array.from({ length: notes }, (_, i) => note(i)).join('')}</a:ResponseNotes><a:Status>Succeed</a:Status>` +
      '</UpdateClientPhoneNumberResult></UpdateClientPhoneNumberResponse></s:Body></s:Envelope>';

    for (const notes of [1, 2, 1])
      expect(ours.wsdl.xmlToObject(answer(notes)), `${notes} note(s)`).toEqual(stock.wsdl.xmlToObject(answer(notes)));
    // What the description decides: one note is still a list, and the date is a Date.
    const read = ours.wsdl.xmlToObject(answer(1)) as {
      Body: { UpdateClientPhoneNumberResponse: { UpdateClientPhoneNumberResult: Record<string, unknown> } };
    };
    const result = read.Body.UpdateClientPhoneNumberResponse.UpdateClientPhoneNumberResult;
    expect(result.DateCreated).toBeInstanceOf(Date);
    expect((result.ResponseNotes as { ResponseNote: unknown }).ResponseNote).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebitsuccessSandbox } from '../../../src/sandbox/debitsuccess/debitsuccess-sandbox.js';
import { startSandboxVendors, type SandboxVendors } from '../../../src/sandbox/start-sandbox-vendors.js';
import {
  DebitsuccessMessages,
  type DebitsuccessMessagesOptions,
  type UpdateClientPhoneNumberInput,
} from '../../../src/vendors/debitsuccess/debitsuccess-messages.js';
import { UPDATE_PHONE_RESPONSE_CODES } from '../../../src/vendors/debitsuccess/response-codes.js';
import { VendorReturnCodeError } from '../../../src/vendors/vendor-error.js';
import { DEFAULT_TRANSPORT } from '../../support/vendor-transport.js';

let vendors: SandboxVendors;
let sandbox: DebitsuccessSandbox;
const clients: DebitsuccessMessages[] = [];

async function messages(overrides: Partial<DebitsuccessMessagesOptions> = {}): Promise<DebitsuccessMessages> {
  const created = await DebitsuccessMessages.create({
    ...vendors.debitsuccess!.settings,
    requestInitiator: 'tests',
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

afterAll(async () => {
  for (const c of clients) c.close();
  await vendors?.close();
});

const BASE: UpdateClientPhoneNumberInput = { externalAccountReferenceNo: 'M1001', phoneNumberType: 'Mobile', number: '211234567' };

/** How each error row of the vendor page is provoked through the datasource. */
const PROVOKE: Record<string, { input?: Partial<UpdateClientPhoneNumberInput>; options?: Partial<DebitsuccessMessagesOptions> }> = {
  '02': { options: { password: 'wrong' } },
  '07': { input: { externalAccountReferenceNo: 'M1009' } },
  '08': { input: { externalAccountReferenceNo: 'M1002' } },
  '10': { input: { externalAccountReferenceNo: 'M1004' } },
  '12016': { input: { externalAccountReferenceNo: undefined } },
  '12023': { input: { number: '' } },
  '13029': { input: { stdCode: '9A' } },
  '14122': { input: { phoneNumberType: 'Emergency' } },
  '14206': { input: { number: '021 123 456!' } },
};
const ERROR_ROWS = UPDATE_PHONE_RESPONSE_CODES.filter((r) => r.type === 'Error');

describe('DebitsuccessMessages.updateClientPhoneNumber', () => {
  it('has a provocation for every error code of the vendor page', () => {
    expect(ERROR_ROWS.map((r) => r.code).sort()).toEqual(Object.keys(PROVOKE).sort());
  });

  it.each(ERROR_ROWS)('answers $code ($meaning) as Status Failed with that note', async (row) => {
    const { input, options } = PROVOKE[row.code]!;

    const error = await (await messages(options)).updateClientPhoneNumber({ ...BASE, ...input }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(VendorReturnCodeError);
    expect(error).toMatchObject({
      vendor: 'DEBITSUCCESS',
      operation: 'UpdateClientPhoneNumber',
      vendorCode: row.code,
      details: { status: 'Failed', notes: [{ code: row.code, type: 'Error', note: row.note }] },
    });
  });

  it('succeeds with note 00, and every member it sent was read', async () => {
    const result = await (
      await messages()
    ).updateClientPhoneNumber({
      externalAccountReferenceNo: 'M1001',
      phoneNumberType: 'Emergency',
      countryCode: 'NZ',
      stdCode: '09',
      number: '3012345',
      name: 'Hemi Ngata',
      preferred: true,
    });

    expect(result).toEqual({
      status: 'Succeed',
      messageId: expect.any(String),
      dateCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      notes: [{ code: '00', note: 'Success', type: 'Info' }],
    });
    expect(sandbox.phoneNumbersOf('M1001')).toContainEqual(
      expect.objectContaining({
        phoneType: 'emergency',
        countryCode: 'NZ',
        areaCode: '09',
        phoneNumber: '3012345',
        phoneName: 'Hemi Ngata',
        isPrimary: true,
      }),
    );
  });

  it('reports 14030 as a warning note of a success', async () => {
    const result = await (await messages()).updateClientPhoneNumber({ ...BASE, externalAccountReferenceNo: 'M1008', preferred: true });

    expect(result.notes).toEqual([expect.objectContaining({ code: '00' }), expect.objectContaining({ code: '14030', type: 'Warning' })]);
    expect(sandbox.phoneNumbersOf('M1008')).toContainEqual(expect.objectContaining({ isPrimary: false }));
  });

  it.each([
    ['Status Unknown', 'RC-UNKNOWN', { vendorCode: undefined, details: { status: 'Unknown', notes: [] } }],
    ['Status Failed without a note', 'RC-FAILED', { vendorCode: undefined, details: { status: 'Failed', notes: [] } }],
    ['an unknown code', 'RC-99999', { vendorCode: '99999', details: { status: 'Failed' } }],
  ])('passes %s on', async (_case, reference, expected) => {
    const error = await (
      await messages()
    )
      .updateClientPhoneNumber({ ...BASE, externalAccountReferenceNo: reference })
      .catch((e: unknown) => e);

    expect(error).toMatchObject(expected);
  });

  it('gets a SOAP fault for a SOAPAction the service does not know', async () => {
    const error = await (
      await messages({ soapAction: 'Debitsuccess.WebServices.WCF/IWrong/UpdateClientPhoneNumber' })
    )
      .updateClientPhoneNumber(BASE)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ reason: 'SOAP_FAULT', sent: true });
  });
});

describe('the Debitsuccess sandbox reads like DataContractSerializer', () => {
  const request = (members: string) =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><UpdateClientPhoneNumber xmlns="Debitsuccess.WebServices.WCF"><request xmlns:a="http://schemas.datacontract.org/2004/07/Debitsuccess.WebServices.Core">${members}</request></UpdateClientPhoneNumber></s:Body></s:Envelope>`;
  const user = '<a:User><a:Password>sandbox-password</a:Password><a:Username>sandbox-user</a:Username></a:User>';
  const reference = '<a:ExternalAccountReferenceNo>M1001</a:ExternalAccountReferenceNo>';
  const phone = '<a:PhoneNumber><a:Number>211234567</a:Number><a:PhoneNumberType>Mobile</a:PhoneNumberType></a:PhoneNumber>';

  async function send(members: string): Promise<string> {
    const response = await fetch(sandbox.soapUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${vendors.debitsuccess!.settings.soapAction}"` },
      body: request(members),
    });
    return response.text();
  }

  it('reads members sent in contract order', async () => {
    expect(await send(user + reference + phone)).toContain('<a:Status>Succeed</a:Status>');
  });

  it('silently loses a member sent after one that follows it in the contract', async () => {
    expect(await send(user + phone + reference)).toContain('<a:Code>12016</a:Code>');
  });

  it('silently loses a member in another namespace', async () => {
    const phoneElsewhere =
      '<PhoneNumber xmlns="urn:other"><a:Number>211234567</a:Number><a:PhoneNumberType>Mobile</a:PhoneNumberType></PhoneNumber>';

    expect(await send(user + reference + phoneElsewhere)).toContain('<a:Code>12023</a:Code>');
  });
});

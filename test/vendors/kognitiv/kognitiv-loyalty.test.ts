import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KognitivSandbox } from '../../../src/sandbox/kognitiv/kognitiv-sandbox.js';
import { SANDBOX_KOGNITIV_TOKENS } from '../../../src/sandbox/seed.js';
import { startSandboxVendors, type SandboxVendors } from '../../../src/sandbox/start-sandbox-vendors.js';
import { KOGNITIV_METHODS, KOGNITIV_SERVICES, wsdlFileOf, type KognitivMethodKey } from '../../../src/vendors/kognitiv/asmx-contract.js';
import { asmxWsdl, KOGNITIV_PRODUCTION_URL } from '../../../src/vendors/kognitiv/asmx-wsdl.js';
import { KognitivLoyalty, type KognitivOptions } from '../../../src/vendors/kognitiv/kognitiv-loyalty.js';
import { VendorReturnCodeError } from '../../../src/vendors/vendor-error.js';
import { AROHA_M1001_LOYALTY } from '../../support/seeded-members.js';
import { DEFAULT_TRANSPORT } from '../../support/vendor-transport.js';

let vendors: SandboxVendors;
let sandbox: KognitivSandbox;
const clients: KognitivLoyalty[] = [];

async function client(overrides: Partial<KognitivOptions> = {}): Promise<KognitivLoyalty> {
  const created = await KognitivLoyalty.create({
    ...vendors.kognitiv!.settings,
    wsdl: 'bundled',
    timeoutMs: 5000,
    ...DEFAULT_TRANSPORT,
    ...overrides,
  });
  clients.push(created);
  return created;
}

beforeAll(async () => {
  vendors = await startSandboxVendors({ kognitiv: true, debitsuccess: false });
  sandbox = vendors.kognitiv!.sandbox;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await vendors?.close();
});

/** A phone whose last four digits are `code`: the sandbox answers that code. */
const phoneAnswering = (code: number) => `6421000${String(code).padStart(4, '0')}`;

/** Calls a method so that the sandbox answers `code`, using the trigger each method documents. */
const PROVOKE: Record<KognitivMethodKey, (k: KognitivLoyalty, code: number) => Promise<unknown>> = {
  fetchLoyaltyMemberCore: (k, code) => k.fetchLoyaltyMemberCore(`RC-${code}`),
  fetchMemberPointBalances: (k, code) => k.fetchMemberPointBalances(`RC-${code}`),
  saveAccountPhone: (k, code) =>
    k.saveAccountPhone({ kognitivMemberId: 5001, phoneTypeRef: 'MOBILE', phoneNumber: phoneAnswering(code), isValid: true }),
  productPromotionEntry: (k, code) => k.productPromotionEntry({ phoneNumber: phoneAnswering(code), productCode: 'SMOOTHIE' }),
  externalLogin: (k, code) => k.externalLogin({ accountId: `RC-${code}`, password: 'x' }),
  recordInteraction: (k, code) => k.recordInteraction({ accountId: `RC-${code}`, interactionTypeRef: 'CLUB-VISIT' }),
};

const TOKEN_CODES = new Map(Object.entries(SANDBOX_KOGNITIV_TOKENS).map(([token, code]) => [code as number, token]));
const CASES = (Object.keys(KOGNITIV_METHODS) as KognitivMethodKey[]).flatMap((key) => {
  const { method } = KOGNITIV_METHODS[key];
  return method.returnCodes.map((code) => [method.name, code, key] as const);
});

describe('KognitivLoyalty return codes', () => {
  it.each(CASES)('%s answers %i as a VendorReturnCodeError', async (method, code, key) => {
    const token = code === 100 ? 'not-a-token' : TOKEN_CODES.get(code);
    const k = await (token ? client({ securityToken: token }) : code === 303 ? client({ loyaltyProgramId: 9999 }) : client());

    const error = await PROVOKE[key](k, code).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(VendorReturnCodeError);
    expect(error).toMatchObject({ vendor: 'KOGNITIV', operation: method, vendorCode: String(code) });
  });

  it('keeps the text Kognitiv wrote with a 1001', async () => {
    const error = await (
      await client()
    )
      .productPromotionEntry({ phoneNumber: '64211234567', productCode: 'NOPE' })
      .catch((e: unknown) => e);

    expect((error as VendorReturnCodeError).details.vendorMessage).toContain('NOPE');
  });
});

describe('KognitivLoyalty decoding', () => {
  it.each(['bundled', 'remote'] as const)('reads a profile with the %s WSDL', async (wsdl) => {
    const k = await client({ wsdl });

    const { memberId: kognitivMemberId, ...profile } = AROHA_M1001_LOYALTY;
    expect(await k.fetchLoyaltyMemberCore('M1001')).toEqual({ kognitivMemberId, ...profile });
  });

  it('reads empty elements as null and int flags as booleans', async () => {
    expect(await (await client()).fetchLoyaltyMemberCore('M1009')).toMatchObject({
      birthDate: null,
      gender: null,
      middleName: null,
      isLocked: true,
    });
  });

  it('reads point balances as numbers, sending the known MemberId', async () => {
    const k = await client();

    expect(await k.fetchMemberPointBalances('M1001', 5001)).toEqual({
      earned: 1250.5,
      used: 200,
      deducted: 10.25,
      expired: 40,
      locked: 0,
      available: 1000.25,
    });
    await expect(k.fetchMemberPointBalances('M1001', 5002)).rejects.toMatchObject({ vendorCode: '311' });
  });

  it('makes a saved phone findable by a promotion entry, with the points it earns', async () => {
    const k = await client();

    expect(
      await k.saveAccountPhone({
        kognitivMemberId: 5002,
        phoneTypeRef: 'MOBILE',
        phoneNumber: '64275550123',
        mobileCarrierRef: 'SPARK',
        isValid: true,
      }),
    ).toEqual({ savedPhoneNumber: '+64275550123' });
    const entry = await k.productPromotionEntry({ phoneNumber: '64275550123', productCode: 'BRING-A-FRIEND' });

    expect(entry).toMatchObject({
      firstName: 'James',
      lastName: 'Smith',
      programName: 'Club Rewards',
      points: { earned: 800, locked: 50, available: 750 },
    });
  });

  it('records a login as an Internet Visit interaction', async () => {
    const before = sandbox.state.interactions.length;

    expect(await (await client()).externalLogin({ accountId: 'M1002', password: 'correct-horse' })).toEqual({
      firstName: 'James',
      lastName: 'Smith',
    });
    expect(sandbox.state.interactions.slice(before)).toEqual([
      expect.objectContaining({ accountId: 'M1002', type: 'INTERNET-VISIT', location: 'WEB' }),
    ]);
  });

  it('sends the interaction note and location it is given', async () => {
    const { interactionId } = await (
      await client()
    ).recordInteraction({ accountId: 'M1001', interactionTypeRef: 'PT-SESSION', location: 'CLUB-AKL', note: 'Leg day' });

    expect(sandbox.state.interactions.find((i) => i.id === interactionId)).toMatchObject({
      type: 'PT-SESSION',
      location: 'CLUB-AKL',
      note: 'Leg day',
    });
  });
});

describe('bundled WSDLs', () => {
  it.each(Object.values(KOGNITIV_SERVICES))('$serviceName is generated from the contract (npm run wsdl)', (service) => {
    const committed = readFileSync(new URL(`../../../src/vendors/kognitiv/wsdl/${wsdlFileOf(service)}`, import.meta.url), 'utf8');

    expect(committed).toBe(asmxWsdl(service, `${KOGNITIV_PRODUCTION_URL}/${service.path}.asmx`));
  });
});

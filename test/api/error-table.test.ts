import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { SANDBOX_CREDENTIALS, SANDBOX_FORBIDDEN_CLIENT } from '../../src/sandbox/seed.js';

const SECRETS = [
  SANDBOX_CREDENTIALS.kognitivSecurityToken,
  SANDBOX_CREDENTIALS.debitsuccessPassword,
  SANDBOX_CREDENTIALS.debitsuccessClientSecret,
];
import { VENDOR_ERROR_TABLE, type VendorCodeSource } from '../../src/schema/errors/vendor-error-table.js';
import { errorAt, startSandboxes, startSubgraph, type SubgraphOverrides } from '../support/test-stack.js';
import { ENTER_PROMOTION, LOGIN, RECORD_INTERACTION, SAVE_PHONE } from '../support/documents.js';

/**
 * How each row of the error table is provoked through the GraphQL API against the sandbox vendors.
 * The first test fails when the table gains a vendor code that has no entry here.
 */
interface Provocation {
  query: string;
  variables?: Record<string, unknown>;
  path: (string | number)[];
  operation: string;
  /** A subgraph configured differently (wrong credentials, phone type map). */
  overrides?: SubgraphOverrides;
}

const LOYALTY = 'query($id: ID!) { member(id: $id) { loyalty { memberId } } }';
const BILLING = 'query($id: ID!) { member(id: $id) { billingAccounts { accountId } } }';

const loyaltyOf = (id: string, overrides?: SubgraphOverrides): Provocation => ({
  query: LOYALTY,
  variables: { id },
  path: ['member', 'loyalty'],
  operation: 'FetchLoyaltyMemberCore',
  overrides,
});
const savePhone = (part: 'loyalty' | 'billing', input: Record<string, unknown>, overrides?: SubgraphOverrides): Provocation => ({
  query: SAVE_PHONE,
  variables: { input: { memberId: 'M1001', type: 'MOBILE', number: '+64 21 123 4567', ...input } },
  path: ['savePhone', part],
  operation: part === 'loyalty' ? 'SaveAccountPhone' : 'UpdateClientPhoneNumber',
  overrides,
});
const promotion = (input: Record<string, unknown>, overrides?: SubgraphOverrides): Provocation => ({
  query: ENTER_PROMOTION,
  variables: { input: { phoneNumber: '+64 21 123 4567', productCode: 'SMOOTHIE', ...input } },
  path: ['enterPromotion'],
  operation: 'ProductPromotionEntry',
  overrides,
});
const login = (accountId: string, password = 'correct-horse'): Provocation => ({
  query: LOGIN,
  variables: { input: { accountId, password } },
  path: ['login'],
  operation: 'ExternalLogin',
});
const interaction = (input: Record<string, unknown>): Provocation => ({
  query: RECORD_INTERACTION,
  variables: { input: { memberId: 'M1002', type: 'CLUB-VISIT', ...input } },
  path: ['recordInteraction'],
  operation: 'RecordInteraction',
});
const kognitivToken = (securityToken: string) => loyaltyOf('M1001', { kognitiv: { securityToken } });

const PROVOCATIONS: Record<`${VendorCodeSource}:${string}`, Provocation | { unreachable: string }> = {
  'KOGNITIV:300': loyaltyOf('NO-SUCH-MEMBER'),
  'KOGNITIV:311': savePhone('loyalty', { number: '+64 21 123 0311' }),
  'KOGNITIV:301': interaction({ memberId: 'M1006' }),
  'KOGNITIV:302': promotion({ phoneNumber: '+64 22 765 4321' }),
  'KOGNITIV:603': login('M1003'),
  'KOGNITIV:305': promotion({ phoneNumber: '+64 21 111 2222' }),
  'KOGNITIV:312': loyaltyOf('M1005'),
  'KOGNITIV:308': savePhone('loyalty', {}, { env: { KOGNITIV_PHONE_TYPES: 'MOBILE=Cell' } }),
  'KOGNITIV:315': savePhone('loyalty', { number: '+64 21 123 0315' }),
  'KOGNITIV:316': savePhone('loyalty', { mobileCarrier: 'NO-SUCH-CARRIER' }),
  'KOGNITIV:503': interaction({ location: 'NO-SUCH-LOCATION' }),
  'KOGNITIV:1002': promotion({ location: 'NO-SUCH-LOCATION' }),
  'KOGNITIV:602': login('M1004'),
  'KOGNITIV:605': login('M1001', 'not-the-password'),
  'KOGNITIV:1000': promotion({ phoneNumber: '+64 21 555 6789' }),
  'KOGNITIV:1001': promotion({ productCode: 'NOT-A-PRODUCT' }),
  'KOGNITIV:1200': interaction({ type: 'NO-SUCH-TYPE' }),
  'KOGNITIV:100': kognitivToken('not-the-token'),
  'KOGNITIV:101': kognitivToken('sandbox-no-permission'),
  'KOGNITIV:102': kognitivToken('sandbox-suspended-token'),
  'KOGNITIV:104': kognitivToken('sandbox-temp-token-expired'),
  'KOGNITIV:105': kognitivToken('sandbox-temp-token-invalid'),
  'KOGNITIV:303': promotion({}, { kognitiv: { loyaltyProgramId: 9999 } }),
  'KOGNITIV:1': loyaltyOf('RC-1'),
  'KOGNITIV:2': loyaltyOf('RC-2'),
  'KOGNITIV:606': { unreachable: 'an empty password is BAD_USER_INPUT before the call; 606 is tested on the datasource' },
  'DEBITSUCCESS_SOAP:08': savePhone('billing', { memberId: 'M1002' }),
  'DEBITSUCCESS_SOAP:10': savePhone('billing', { memberId: 'M1004' }),
  'DEBITSUCCESS_SOAP:07': savePhone('billing', { memberId: 'M1009' }),
  'DEBITSUCCESS_SOAP:13029': savePhone('billing', { areaCode: '9A' }),
  'DEBITSUCCESS_SOAP:14122': {
    unreachable: 'EMERGENCY without contactName is BAD_USER_INPUT before the call; 14122 is tested on the datasource',
  },
  'DEBITSUCCESS_SOAP:12023': savePhone('billing', { memberId: 'RC-12023' }),
  'DEBITSUCCESS_SOAP:14206': savePhone('billing', { number: '+64 21 123 4206' }),
  'DEBITSUCCESS_SOAP:02': savePhone('billing', {}, { debitsuccess: { password: 'not-the-password' } }),
  'DEBITSUCCESS_SOAP:12016': savePhone('billing', { memberId: 'RC-12016' }),
  'DEBITSUCCESS_REST:401': {
    query: BILLING,
    variables: { id: 'M1001' },
    path: ['member', 'billingAccounts'],
    operation: 'POST /identity/connect/token',
    overrides: { debitsuccess: { clientSecret: 'not-the-secret' } },
  },
  'DEBITSUCCESS_REST:403': {
    query: BILLING,
    variables: { id: 'M1001' },
    path: ['member', 'billingAccounts'],
    operation: 'GET /accounts',
    overrides: { debitsuccess: { clientId: SANDBOX_FORBIDDEN_CLIENT.clientId, clientSecret: SANDBOX_FORBIDDEN_CLIENT.clientSecret } },
  },
};

const ROWS = VENDOR_ERROR_TABLE.flatMap((row) =>
  row.vendorCodes.map((vendorCode) => ({ ...row, vendorCode, key: `${row.source}:${vendorCode}` as const })),
);

let sandboxes: SandboxVendors;

beforeAll(async () => {
  sandboxes = await startSandboxes();
});

afterAll(async () => {
  await sandboxes?.close();
});

describe('the error table', () => {
  it('has a provocation for every vendor code it maps', () => {
    expect(ROWS.map((r) => r.key).filter((key) => !(key in PROVOCATIONS))).toEqual([]);
    expect(Object.keys(PROVOCATIONS).filter((key) => !ROWS.some((r) => r.key === key))).toEqual([]);
  });

  const reachable = ROWS.filter((row) => !('unreachable' in PROVOCATIONS[row.key]!));

  it.each(reachable.map((row) => [row.key, row] as const))('%s reaches the client as its code', async (_key, row) => {
    const provocation = PROVOCATIONS[row.key] as Provocation;
    const subgraph = await startSubgraph(sandboxes, provocation.overrides);
    try {
      const response = await subgraph.request(provocation.query, provocation.variables);

      const error = errorAt(response, provocation.path);
      expect(error.extensions).toEqual({
        code: row.code,
        vendor: row.source === 'KOGNITIV' ? 'KOGNITIV' : 'DEBITSUCCESS',
        vendorCode: row.vendorCode,
        operation: provocation.operation,
        retryable: false,
        ...(row.source === 'DEBITSUCCESS_SOAP' && {
          notes: expect.arrayContaining([expect.objectContaining({ code: row.vendorCode, type: 'Error' })]),
        }),
      });
      // Nothing secret or raw reaches the client.
      for (const secret of SECRETS) expect(JSON.stringify(response)).not.toContain(secret);
      expect(JSON.stringify(response)).not.toMatch(/<\?xml|soap:|Envelope/);
    } finally {
      await subgraph.close();
    }
  });
});

describe('Debitsuccess answers without a usable code', () => {
  let subgraph: Awaited<ReturnType<typeof startSubgraph>>;
  beforeAll(async () => {
    subgraph = await startSubgraph(sandboxes);
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it.each([
    ['an unknown code', 'RC-99999', { code: 'VENDOR_ERROR', vendorCode: '99999' }],
    ['Status Failed without a note', 'RC-FAILED', { code: 'VENDOR_ERROR' }],
    ['Status Unknown', 'RC-UNKNOWN', { code: 'VENDOR_OUTCOME_UNKNOWN' }],
  ])('maps %s', async (_case, memberId, expected) => {
    const response = await subgraph.request(SAVE_PHONE, { input: { memberId, type: 'MOBILE', number: '+64 21 123 4567' } });

    const extensions = errorAt(response, ['savePhone', 'billing']).extensions;
    expect(extensions).toMatchObject({ ...expected, vendor: 'DEBITSUCCESS', operation: 'UpdateClientPhoneNumber', retryable: false });
    if (!('vendorCode' in expected)) expect(extensions).not.toHaveProperty('vendorCode');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientAsync } from 'soap';
import { describe, expect, it } from 'vitest';
import { KOGNITIV_METHODS, serviceLabelOf, wsdlFileOf, type AsmxService } from '../../../src/vendors/kognitiv/asmx-contract.js';
import { asmxWsdl } from '../../../src/vendors/kognitiv/asmx-wsdl.js';
import { VENDOR_OPERATIONS } from '../../../src/vendors/vendor-operations.js';

describe('the Kognitiv contract, keyed by method', () => {
  it('gives every operation resolvers may call its name and service', () => {
    const fromContract = Object.entries(KOGNITIV_METHODS).map(([key, { service, method }]) => [
      key,
      { vendor: 'KOGNITIV', service: serviceLabelOf(service), operation: method.name },
    ]);

    expect(VENDOR_OPERATIONS.kognitiv).toMatchObject(Object.fromEntries(fromContract));
    expect(Object.keys(VENDOR_OPERATIONS.kognitiv).sort()).toEqual(Object.keys(KOGNITIV_METHODS).sort());
  });

  it('keeps the service names breakers, logs and metrics carry', () => {
    const labels = Object.fromEntries(Object.entries(KOGNITIV_METHODS).map(([key, { service }]) => [key, serviceLabelOf(service)]));

    expect(labels).toEqual({
      saveAccountPhone: 'Sync.asmx',
      productPromotionEntry: 'Mobile.asmx',
      externalLogin: 'Portal.asmx',
      recordInteraction: 'Interaction.asmx',
      fetchLoyaltyMemberCore: 'LoyaltyMember.asmx',
      fetchMemberPointBalances: 'WS/MemberActivity.asmx',
    });
  });

  it('names each method once across services', () => {
    const names = Object.values(KOGNITIV_METHODS).map(({ method }) => method.name);

    expect(new Set(names).size).toBe(names.length);
  });

  it('takes a second method on a service as one more entry: its WSDL offers both to node-soap', async () => {
    const { service: sync, method: save } = KOGNITIV_METHODS.saveAccountPhone;
    const second = { ...save, name: 'SaveAccountEmail', parameter: 'preqSaveAccountEmail', requestType: 'reqSaveAccountEmail' };
    const twoMethods: AsmxService = { ...sync, methods: { ...sync.methods, saveAccountEmail: second } };
    const file = join(mkdtempSync(join(tmpdir(), 'asmx-')), wsdlFileOf(twoMethods));
    writeFileSync(file, asmxWsdl(twoMethods, 'http://127.0.0.1:9/Services/Sync.asmx'));

    const client = await createClientAsync(file);
    const operations = Object.keys(client.describe().Sync.SyncSoap as object);

    expect(operations).toEqual(['SaveAccountPhone', 'SaveAccountEmail']);
  });
});

import type { DebitsuccessBilling } from './debitsuccess/debitsuccess-billing.js';
import type { DebitsuccessMessages } from './debitsuccess/debitsuccess-messages.js';
import type { KognitivLoyalty } from './kognitiv/kognitiv-loyalty.js';
import type { VendorCall } from './vendor-error.js';

/**
 * Every vendor call resolvers may make, declared once: which vendor and service (one breaker each) it goes to, over
 * SOAP or REST, its name in logs and errors, and whether it changes something at the vendor. A write is never repeated after
 * it may have arrived, and a write lost in flight is reported as an unknown outcome: forgetting `write` here
 * would invite a duplicate effect, so the `Vendors` surface, the pending vendor clients and the resilience layer are all
 * built from this table.
 */
export interface VendorOperation extends VendorCall {
  /** A vendor service (one breaker each), e.g. `LoyaltyMember.asmx`. */
  service: string;
  kind: 'read' | 'write';
}

export const VENDOR_OPERATIONS = {
  kognitiv: {
    fetchLoyaltyMemberCore: {
      vendor: 'KOGNITIV',
      transport: 'SOAP',
      service: 'LoyaltyMember.asmx',
      operation: 'FetchLoyaltyMemberCore',
      kind: 'read',
    },
    fetchMemberPointBalances: {
      vendor: 'KOGNITIV',
      transport: 'SOAP',
      service: 'WS/MemberActivity.asmx',
      operation: 'FetchMemberPointBalances',
      kind: 'read',
    },
    saveAccountPhone: { vendor: 'KOGNITIV', transport: 'SOAP', service: 'Sync.asmx', operation: 'SaveAccountPhone', kind: 'write' },
    productPromotionEntry: {
      vendor: 'KOGNITIV',
      transport: 'SOAP',
      service: 'Mobile.asmx',
      operation: 'ProductPromotionEntry',
      kind: 'write',
    },
    // Records an Internet Visit interaction at Kognitiv.
    externalLogin: { vendor: 'KOGNITIV', transport: 'SOAP', service: 'Portal.asmx', operation: 'ExternalLogin', kind: 'write' },
    recordInteraction: {
      vendor: 'KOGNITIV',
      transport: 'SOAP',
      service: 'Interaction.asmx',
      operation: 'RecordInteraction',
      kind: 'write',
    },
  },
  debitsuccessMessages: {
    updateClientPhoneNumber: {
      vendor: 'DEBITSUCCESS',
      transport: 'SOAP',
      service: 'Messages',
      operation: 'UpdateClientPhoneNumber',
      kind: 'write',
    },
  },
  debitsuccessBilling: {
    findAccountsByExternalId: {
      vendor: 'DEBITSUCCESS',
      transport: 'REST',
      service: 'CustomerServices',
      operation: 'GET /accounts',
      kind: 'read',
    },
  },
} as const satisfies Record<string, Record<string, VendorOperation>>;

type Operations = typeof VENDOR_OPERATIONS;

/** The datasources themselves, one per key of VENDOR_OPERATIONS. */
export interface VendorDatasources {
  kognitiv: KognitivLoyalty;
  debitsuccessMessages: DebitsuccessMessages;
  debitsuccessBilling: DebitsuccessBilling;
}

/** What resolvers may call at each vendor: the datasources' narrow surface (the declared operations), nothing of their transport. */
export type Vendors = { [D in keyof Operations]: Pick<VendorDatasources[D], keyof Operations[D] & keyof VendorDatasources[D]> };

type AnyCall = (...args: unknown[]) => Promise<unknown>;

/**
 * Builds a `Vendors` surface whose every method is `call(datasource, method, operation, args)`: how the wrappers
 * (pending clients, resilience) are written once for all operations instead of once per method.
 */
export function vendorsCalling(
  call: (datasource: keyof Vendors, method: string, operation: VendorOperation, args: unknown[]) => Promise<unknown>,
): Vendors {
  const entries = Object.entries(VENDOR_OPERATIONS).map(([datasource, methods]) => [
    datasource,
    Object.fromEntries(
      Object.entries(methods).map(([method, operation]): [string, AnyCall] => [
        method,
        (...args) => call(datasource as keyof Vendors, method, operation, args),
      ]),
    ),
  ]);
  return Object.fromEntries(entries) as Vendors;
}

/** Calls `method` on the matching datasource of `vendors` (the way back from `vendorsCalling`'s dynamic names). */
export function callVendor(vendors: Vendors, datasource: keyof Vendors, method: string, args: unknown[]): Promise<unknown> {
  const target = vendors[datasource] as unknown as Record<string, AnyCall>;
  return target[method]!.apply(target, args);
}

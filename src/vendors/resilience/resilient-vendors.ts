import type { Vendors } from '../../schema/context.js';
import { VendorTransportError, type Vendor } from '../vendor-error.js';
import type { ServiceKey, VendorPolicies } from './vendor-policies.js';

const KOGNITIV = (service: string): ServiceKey => ({ vendor: 'KOGNITIV', service });
const DEBITSUCCESS = (service: string): ServiceKey => ({ vendor: 'DEBITSUCCESS', service });

/** Rejects once the request's deadline passes; the call itself is bounded by its own timeout. */
function withinDeadline<T>(vendor: Vendor, operation: string, deadline: number, call: Promise<T>): Promise<T> {
  const remaining = deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VendorTransportError(vendor, operation, 'TIMEOUT', true, 'request deadline passed')), Math.max(0, remaining));
  });
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
}

/**
 * The datasources as resolvers see them: every call goes through its service's breaker, reads
 * retry transient failures, and nothing outlives the request's deadline. Made per request (it is
 * only closures); the breakers inside `policies` are shared.
 */
export function resilientVendors(raw: Vendors, policies: VendorPolicies, deadline: number): Vendors {
  const read = <T>(key: ServiceKey, operation: string, call: () => Promise<T>) =>
    withinDeadline(key.vendor, operation, deadline, policies.read(key, operation, deadline, call));
  const write = <T>(key: ServiceKey, operation: string, call: () => Promise<T>) =>
    withinDeadline(key.vendor, operation, deadline, policies.write(key, operation, call));

  return {
    kognitiv: {
      fetchLoyaltyMemberCore: (accountId) =>
        read(KOGNITIV('LoyaltyMember.asmx'), 'FetchLoyaltyMemberCore', () => raw.kognitiv.fetchLoyaltyMemberCore(accountId)),
      fetchMemberPointBalances: (accountId, memberId) =>
        read(KOGNITIV('WS/MemberActivity.asmx'), 'FetchMemberPointBalances', () => raw.kognitiv.fetchMemberPointBalances(accountId, memberId)),
      saveAccountPhone: (input) => write(KOGNITIV('Sync.asmx'), 'SaveAccountPhone', () => raw.kognitiv.saveAccountPhone(input)),
      productPromotionEntry: (input) => write(KOGNITIV('Mobile.asmx'), 'ProductPromotionEntry', () => raw.kognitiv.productPromotionEntry(input)),
      externalLogin: (input) => write(KOGNITIV('Portal.asmx'), 'ExternalLogin', () => raw.kognitiv.externalLogin(input)),
      recordInteraction: (input) => write(KOGNITIV('Interaction.asmx'), 'RecordInteraction', () => raw.kognitiv.recordInteraction(input)),
    },
    debitsuccessMessages: {
      updateClientPhoneNumber: (input) =>
        write(DEBITSUCCESS('Messages'), 'UpdateClientPhoneNumber', () => raw.debitsuccessMessages.updateClientPhoneNumber(input)),
    },
    debitsuccessBilling: {
      findAccountsByExternalId: (externalId) =>
        read(DEBITSUCCESS('CustomerServices'), 'GET /accounts', () => raw.debitsuccessBilling.findAccountsByExternalId(externalId)),
    },
  };
}

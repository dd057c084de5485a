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

export interface VendorCallEvent {
  vendor: Vendor;
  service: string;
  operation: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  durationMs: number;
  /** Undefined when the call succeeded. */
  error?: unknown;
}

export type VendorCallObserver = (event: VendorCallEvent) => void;

/** Times one attempt and reports it, whatever its outcome. */
function observed<T>(observe: VendorCallObserver | undefined, key: ServiceKey, operation: string, call: () => Promise<T>): () => Promise<T> {
  if (!observe) return call;
  let attempt = 0;
  return async () => {
    attempt += 1;
    const started = performance.now();
    const report = (error?: unknown) => observe({ vendor: key.vendor, service: key.service, operation, attempt, durationMs: performance.now() - started, error });
    try {
      const result = await call();
      report();
      return result;
    } catch (error) {
      report(error);
      throw error;
    }
  };
}

/**
 * The datasources as resolvers see them: every call goes through its service's breaker, reads
 * retry transient failures, and nothing outlives the request's deadline. Made per request (it is
 * only closures); the breakers inside `policies` are shared.
 */
export function resilientVendors(raw: Vendors, policies: VendorPolicies, deadline: number, observe?: VendorCallObserver): Vendors {
  const read = <T>(key: ServiceKey, operation: string, call: () => Promise<T>) =>
    withinDeadline(key.vendor, operation, deadline, policies.read(key, operation, deadline, observed(observe, key, operation, call)));
  const write = <T>(key: ServiceKey, operation: string, call: () => Promise<T>) =>
    withinDeadline(key.vendor, operation, deadline, policies.write(key, operation, observed(observe, key, operation, call)));

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

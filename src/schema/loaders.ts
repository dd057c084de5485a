import { trace } from '@opentelemetry/api';
import DataLoader from 'dataloader';
import pLimit, { type LimitFunction } from 'p-limit';
import type { BillingAccountRecord, BillingPhoneRecord } from '../vendors/debitsuccess/debitsuccess-billing.js';
import type { LoyaltyMemberCore, PointBalances } from '../vendors/kognitiv/kognitiv-loyalty.js';
import type { Vendors } from '../vendors/vendor-operations.js';

const tracer = trace.getTracer('member-subgraph');

export interface Loaders {
  loyaltyCore: DataLoader<string, LoyaltyMemberCore>;
  pointBalances: DataLoader<string, PointBalances>;
  billingAccounts: DataLoader<string, BillingAccountRecord[]>;
  /** Keyed by Debitsuccess customer id: two accounts of one customer, or two members of one, read its numbers once. */
  customerPhones: DataLoader<string, BillingPhoneRecord[]>;
  /** Kognitiv's internal member ids learnt from FetchLoyaltyMemberCore in this request, by account id, so later calls can send them. */
  knownKognitivMemberIds: Map<string, number>;
}

/**
 * Neither vendor has a batch endpoint, so a batch is the distinct keys (DataLoader dedups them)
 * fanned out one call each, with at most `limit` in flight to that vendor for this request.
 * A failed key becomes that key's Error, so one missing member fails only its own fields.
 */
function fanOut<V>(name: string, limit: LimitFunction, fetchOne: (key: string) => Promise<V>) {
  // A span per batch (its size, never its keys: they are account ids), the vendor attempts beneath it.
  return (keys: readonly string[]): Promise<(V | Error)[]> =>
    tracer.startActiveSpan(`dataloader ${name}`, { attributes: { 'dataloader.batch_size': keys.length } }, (span) =>
      Promise.all(
        keys.map((key) =>
          limit(() => fetchOne(key)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
        ),
      ).finally(() => span.end()),
    );
}

export interface LoaderLimits {
  /** VENDOR_CONCURRENCY: calls in flight per vendor for this request. */
  concurrency: number;
  /** MAX_PHONE_PAGES: pages followed per customer. */
  maxPhonePages: number;
}

export function createLoaders(vendors: Vendors, { concurrency, maxPhonePages }: LoaderLimits): Loaders {
  const kognitivLimit = pLimit(concurrency);
  const debitsuccessLimit = pLimit(concurrency);
  const knownKognitivMemberIds = new Map<string, number>();

  return {
    knownKognitivMemberIds,
    loyaltyCore: new DataLoader(
      fanOut('loyaltyCore', kognitivLimit, async (accountId) => {
        const core = await vendors.kognitiv.fetchLoyaltyMemberCore(accountId);
        knownKognitivMemberIds.set(accountId, core.kognitivMemberId);
        return core;
      }),
    ),
    // Does not wait for the profile: SBInternalMemberId is 0 unless this request already knows it.
    pointBalances: new DataLoader(
      fanOut('pointBalances', kognitivLimit, (accountId) =>
        vendors.kognitiv.fetchMemberPointBalances(accountId, knownKognitivMemberIds.get(accountId) ?? 0),
      ),
    ),
    billingAccounts: new DataLoader(
      fanOut('billingAccounts', debitsuccessLimit, (accountId) => vendors.debitsuccessBilling.findAccountsByExternalId(accountId)),
    ),
    // One slot of the Debitsuccess limit per customer for its whole chain of pages (they follow each other).
    customerPhones: new DataLoader(
      fanOut('customerPhones', debitsuccessLimit, (customerId) => vendors.debitsuccessBilling.listPhoneNumbers(customerId, maxPhonePages)),
    ),
  };
}

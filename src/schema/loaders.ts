import DataLoader from 'dataloader';
import pLimit, { type LimitFunction } from 'p-limit';
import type { BillingAccountRecord } from '../vendors/debitsuccess/debitsuccess-billing.js';
import type { LoyaltyMemberCore, PointBalances } from '../vendors/kognitiv/kognitiv-loyalty.js';
import type { Vendors } from '../vendors/vendor-operations.js';

export interface Loaders {
  loyaltyCore: DataLoader<string, LoyaltyMemberCore>;
  pointBalances: DataLoader<string, PointBalances>;
  billingAccounts: DataLoader<string, BillingAccountRecord[]>;
  /** MemberIds learnt from FetchLoyaltyMemberCore in this request, so later calls can send them. */
  knownMemberIds: Map<string, number>;
}

/**
 * Neither vendor has a batch endpoint, so a batch is the distinct keys (DataLoader dedups them)
 * fanned out one call each, with at most `limit` in flight to that vendor for this request.
 * A failed key becomes that key's Error, so one missing member fails only its own fields.
 */
function fanOut<V>(limit: LimitFunction, fetchOne: (key: string) => Promise<V>) {
  return (keys: readonly string[]): Promise<(V | Error)[]> =>
    Promise.all(keys.map((key) => limit(() => fetchOne(key)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}

export function createLoaders(vendors: Vendors, concurrency: number): Loaders {
  const kognitivLimit = pLimit(concurrency);
  const debitsuccessLimit = pLimit(concurrency);
  const knownMemberIds = new Map<string, number>();

  return {
    knownMemberIds,
    loyaltyCore: new DataLoader(
      fanOut(kognitivLimit, async (accountId) => {
        const core = await vendors.kognitiv.fetchLoyaltyMemberCore(accountId);
        knownMemberIds.set(accountId, core.memberId);
        return core;
      }),
    ),
    // Does not wait for the profile: SBInternalMemberId is 0 unless this request already knows it.
    pointBalances: new DataLoader(
      fanOut(kognitivLimit, (accountId) => vendors.kognitiv.fetchMemberPointBalances(accountId, knownMemberIds.get(accountId) ?? 0)),
    ),
    billingAccounts: new DataLoader(fanOut(debitsuccessLimit, (accountId) => vendors.debitsuccessBilling.findAccountsByExternalId(accountId))),
  };
}

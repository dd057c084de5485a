import type { BillingAccountRecord } from '../../vendors/debitsuccess/debitsuccess-billing.js';
import type { LoyaltyMemberCore } from '../../vendors/kognitiv/kognitiv-loyalty.js';
import { BillingAccount } from './billing-account.type.js';
import { Gender, type LoyaltyProfile } from './loyalty-profile.type.js';

export function toLoyaltyProfile(core: LoyaltyMemberCore): LoyaltyProfile {
  return { ...core, gender: core.gender === null ? null : Gender[core.gender] };
}

export function toBillingAccount(record: BillingAccountRecord): BillingAccount {
  return {
    accountId: record.accountId,
    customerId: record.customerId,
    overdueStatus: record.overdueStatus,
    overdueAmount: record.overdueAmountPayment,
    overdueFees: record.overdueAmountFee,
    suspended: record.suspended,
    paymentStopped: record.paymentStopped,
    nextBillingDate: record.nextBillingDate,
    closed: record.accountCloseDateTime !== null,
  };
}

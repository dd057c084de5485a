import type { BillingAccountRecord, BillingPhoneRecord } from '../../vendors/debitsuccess/debitsuccess-billing.js';
import type { LoyaltyMemberCore } from '../../vendors/kognitiv/kognitiv-loyalty.js';
import { BillingAccount } from './billing-account.type.js';
import { BillingPhoneType, type BillingPhone } from './billing-phone.type.js';
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

const BILLING_PHONE_TYPES = {
  home: BillingPhoneType.HOME,
  mobile: BillingPhoneType.MOBILE,
  work: BillingPhoneType.WORK,
  emergency: BillingPhoneType.EMERGENCY,
  fax: BillingPhoneType.FAX,
} as const satisfies Record<BillingPhoneRecord['phoneType'], BillingPhoneType>;

export function toBillingPhone(customerId: string, record: BillingPhoneRecord): BillingPhone {
  return {
    id: record.phoneNumberId,
    customerId,
    type: BILLING_PHONE_TYPES[record.phoneType],
    countryCode: record.countryCode,
    areaCode: record.areaCode,
    number: record.phoneNumber,
    name: record.phoneName,
    preferred: record.isPrimary,
  };
}

/**
 * The demo club both sandbox vendors start from. One list of members, so that an account id means
 * the same person at Kognitiv and at Debitsuccess, as it does in production.
 *
 * Besides these members, every sandbox answers special inputs with a chosen return code (see the
 * README of each sandbox vendor): account ids `RC-<code>`, and phone numbers whose last four digits
 * are a return code of the method called.
 */

export const SANDBOX_CREDENTIALS = {
  kognitivSecurityToken: 'sandbox-kognitiv-token',
  kognitivLoyaltyProgramId: 1001,
  kognitivLocation: 'WEB',
  debitsuccessUsername: 'sandbox-user',
  debitsuccessPassword: 'sandbox-password',
  debitsuccessClientId: 'sandbox-client',
  debitsuccessClientSecret: 'sandbox-client-secret',
} as const;

/** Kognitiv security tokens that produce the documented token return codes instead of 100. */
export const SANDBOX_KOGNITIV_TOKENS = {
  'sandbox-no-permission': 101,
  'sandbox-suspended-token': 102,
  'sandbox-temp-token-expired': 104,
  'sandbox-temp-token-invalid': 105,
} as const;

/** A Debitsuccess OAuth client whose tokens are valid but may not read accounts (HTTP 403). */
export const SANDBOX_FORBIDDEN_CLIENT = { clientId: 'sandbox-no-scope-client', clientSecret: 'sandbox-no-scope-secret' } as const;

export const SANDBOX_LOCATIONS = ['WEB', 'CLUB-AKL', 'CLUB-WLG'] as const;
export const SANDBOX_PHONE_TYPES = ['HOME', 'MOBILE', 'WORK', 'EMERGENCY'] as const;
export const SANDBOX_MOBILE_CARRIERS = ['SPARK', 'ONE-NZ', '2DEGREES'] as const;
export const SANDBOX_INTERACTION_TYPES = ['CLUB-VISIT', 'CLASS-BOOKING', 'PT-SESSION', 'INTERNET-VISIT'] as const;
/** Product codes that earn points when entered through ProductPromotionEntry; any other is a 1001. */
export const SANDBOX_PRODUCT_CODES: Readonly<Record<string, number>> = { 'PROTEIN-BAR': 50, SMOOTHIE: 25, 'BRING-A-FRIEND': 500 };

export interface SeedPhone {
  /** Kognitiv phone type external reference. */
  type: string;
  /** Digits with country code, as Kognitiv stores them. */
  number: string;
}

/** A number Debitsuccess holds for a customer, as its Customer Services API lists it (`phoneNumberId` aside). */
export interface SeedBillingPhone {
  phoneType: 'home' | 'mobile' | 'work' | 'emergency' | 'fax' | 'previous';
  phoneName: string | null;
  countryCode: string | null;
  areaCode: string | null;
  phoneNumber: string;
  isPrimary: boolean;
}

export interface SeedBillingAccount {
  accountId: string;
  customerId: string;
  businessAccountId: string;
  termType: string;
  term: number;
  fixedTerm: boolean;
  nextBillingDate: string | null;
  lastBillingDateTime: string | null;
  overdueStatus: 0 | 1 | 2 | 3;
  overdueAmountPayment: number;
  overdueAmountFee: number;
  suspended: boolean;
  paymentStopped: boolean;
  closeReason: string | null;
  accountCloseDateTime: string | null;
  outstandingRecurringAmount: number;
  outstandingOneOffAmount: number;
  outstandingFeeAmount: number;
  /** Debitsuccess: the account has a guarantor, whose contact stays preferred (warning 14030). */
  hasGuarantor: boolean;
}

export interface SeedMember {
  accountId: string;
  /** Kognitiv's internal member id (`MemberId`). */
  kognitivMemberId: number;
  firstName: string;
  middleName: string;
  lastName: string;
  suffix: string;
  nickName: string;
  /** `DD-MMM-YYYY` or empty, as Kognitiv sends it. */
  birthdate: string;
  gender: '' | 'male' | 'female';
  isEmployee: boolean;
  isSuspended: boolean;
  isLocked: boolean;
  /** A prospect is known to Kognitiv but not a member yet (FetchLoyaltyMemberCore 312). */
  isProspect: boolean;
  /** Inactive accounts answer 301 where the method documents it. */
  isInactive: boolean;
  /** ExternalLogin 602 until the member verifies the account. */
  isVerified: boolean;
  /** ProductPromotionEntry 305. */
  isEnrolled: boolean;
  portalPassword: string;
  points: { earned: number; used: number; deducted: number; expired: number; locked: number };
  phones: SeedPhone[];
  billingAccounts: SeedBillingAccount[];
  /** The numbers Debitsuccess holds for the customer of the first billing account. */
  billingPhones: SeedBillingPhone[];
}

function billingAccount(overrides: Partial<SeedBillingAccount> & Pick<SeedBillingAccount, 'accountId' | 'customerId'>): SeedBillingAccount {
  return {
    businessAccountId: 'BA-100',
    termType: 'Weekly',
    term: 52,
    fixedTerm: false,
    nextBillingDate: '2026-12-01',
    lastBillingDateTime: '2026-11-24T02:00:00Z',
    overdueStatus: 0,
    overdueAmountPayment: 0,
    overdueAmountFee: 0,
    suspended: false,
    paymentStopped: false,
    closeReason: null,
    accountCloseDateTime: null,
    outstandingRecurringAmount: 0,
    outstandingOneOffAmount: 0,
    outstandingFeeAmount: 0,
    hasGuarantor: false,
    ...overrides,
  };
}

function member(
  overrides: Partial<SeedMember> & Pick<SeedMember, 'accountId' | 'kognitivMemberId' | 'firstName' | 'lastName'>,
): SeedMember {
  return {
    middleName: '',
    suffix: '',
    nickName: '',
    birthdate: '',
    gender: '',
    isEmployee: false,
    isSuspended: false,
    isLocked: false,
    isProspect: false,
    isInactive: false,
    isVerified: true,
    isEnrolled: true,
    portalPassword: 'correct-horse',
    points: { earned: 0, used: 0, deducted: 0, expired: 0, locked: 0 },
    phones: [],
    billingAccounts: [],
    billingPhones: [],
    ...overrides,
  };
}

/** Fresh copies every call: each sandbox instance owns and mutates its own state. */
export function seedMembers(): SeedMember[] {
  return [
    member({
      accountId: 'M1001',
      kognitivMemberId: 5001,
      firstName: 'Aroha',
      middleName: 'Mere',
      lastName: 'Ngata',
      nickName: 'Ro',
      birthdate: '14-Mar-1988',
      gender: 'female',
      points: { earned: 1250.5, used: 200, deducted: 10.25, expired: 40, locked: 0 },
      phones: [{ type: 'MOBILE', number: '64211234567' }],
      billingAccounts: [billingAccount({ accountId: '880001', customerId: '770001' })],
      billingPhones: [
        { phoneType: 'mobile', phoneName: null, countryCode: '+64', areaCode: '21', phoneNumber: '123 4567', isPrimary: true },
        { phoneType: 'home', phoneName: null, countryCode: '+64', areaCode: '09', phoneNumber: '301 2345', isPrimary: false },
      ],
    }),
    member({
      accountId: 'M1002',
      kognitivMemberId: 5002,
      firstName: 'James',
      lastName: 'Smith',
      suffix: 'Jr',
      birthdate: '',
      gender: 'male',
      isEmployee: true,
      points: { earned: 300, used: 0, deducted: 0, expired: 0, locked: 50 },
      phones: [{ type: 'HOME', number: '6493012345' }],
    }),
    member({
      accountId: 'M1003',
      kognitivMemberId: 5003,
      firstName: 'Mei',
      lastName: 'Chen',
      birthdate: '02-Jan-1975',
      gender: 'female',
      isSuspended: true,
      phones: [{ type: 'MOBILE', number: '64227654321' }],
      billingAccounts: [
        billingAccount({
          accountId: '880003',
          customerId: '770003',
          overdueStatus: 3,
          overdueAmountPayment: 129.9,
          overdueAmountFee: 15,
          suspended: true,
          paymentStopped: true,
          nextBillingDate: null,
        }),
      ],
    }),
    member({
      accountId: 'M1004',
      kognitivMemberId: 5004,
      firstName: 'Tom',
      lastName: 'Unverified',
      isVerified: false,
      billingAccounts: [
        billingAccount({
          accountId: '880004',
          customerId: '770004',
          closeReason: 'Cancelled by member',
          accountCloseDateTime: '2026-06-30T00:00:00Z',
          nextBillingDate: null,
        }),
      ],
    }),
    member({ accountId: 'M1005', kognitivMemberId: 5005, firstName: 'Priya', lastName: 'Prospect', isProspect: true }),
    member({ accountId: 'M1006', kognitivMemberId: 5006, firstName: 'Ian', lastName: 'Inactive', isInactive: true }),
    member({
      accountId: 'M1007',
      kognitivMemberId: 5007,
      firstName: 'Nina',
      lastName: 'Notenrolled',
      isEnrolled: false,
      phones: [{ type: 'MOBILE', number: '64211112222' }],
    }),
    member({
      accountId: 'M1008',
      kognitivMemberId: 5008,
      firstName: 'Grace',
      lastName: 'Guarantor',
      gender: 'female',
      birthdate: '30-Sep-2009',
      billingAccounts: [billingAccount({ accountId: '880008', customerId: '770008', hasGuarantor: true })],
    }),
    member({
      accountId: 'M1009',
      kognitivMemberId: 5009,
      firstName: 'Sam',
      lastName: 'Twoaccounts',
      isLocked: true,
      points: { earned: 80, used: 0, deducted: 0, expired: 0, locked: 80 },
      billingAccounts: [
        billingAccount({ accountId: '880009', customerId: '770009' }),
        billingAccount({
          accountId: '880010',
          customerId: '770009',
          termType: 'Fortnightly',
          term: 26,
          overdueStatus: 1,
          overdueAmountPayment: 45.5,
        }),
      ],
      billingPhones: [
        { phoneType: 'work', phoneName: null, countryCode: '+64', areaCode: '04', phoneNumber: '499 0000', isPrimary: true },
        {
          phoneType: 'emergency',
          phoneName: 'Alex Twoaccounts',
          countryCode: '+64',
          areaCode: '27',
          phoneNumber: '555 0199',
          isPrimary: false,
        },
      ],
    }),
  ];
}

import type { KognitivMethodKey } from '../../vendors/kognitiv/asmx-contract.js';
import {
  SANDBOX_INTERACTION_TYPES,
  SANDBOX_KOGNITIV_TOKENS,
  SANDBOX_LOCATIONS,
  SANDBOX_MOBILE_CARRIERS,
  SANDBOX_PHONE_TYPES,
  SANDBOX_PRODUCT_CODES,
  type SeedMember,
} from '../seed.js';
import { digitsOf, type KognitivState } from './kognitiv-state.js';

export type Values = Record<string, string | number>;
export type Answer = Record<string, string | number>;

export interface KognitivSandboxSettings {
  securityToken: string;
  loyaltyProgramId: number;
}

const rc = (code: number, extra: Answer = {}): Answer => ({ ReturnCode: code, ...extra });

/** Token first, as the vendor checks it before anything else. */
function tokenCode(token: string, settings: KognitivSandboxSettings): number {
  if (token === settings.securityToken) return 0;
  return (SANDBOX_KOGNITIV_TOKENS as Record<string, number>)[token] ?? 100;
}

/** `RC-<n>` account ids answer n where the method documents it. */
function accountTrigger(documented: readonly number[], accountId: string): number | undefined {
  const match = /^RC-(\d+)$/.exec(accountId);
  const code = match ? Number(match[1]) : undefined;
  return code !== undefined && documented.includes(code) ? code : undefined;
}

/** A phone whose last four digits are a documented non-zero code of the method answers that code. */
function phoneTrigger(documented: readonly number[], phone: string): number | undefined {
  const digits = digitsOf(phone);
  if (digits.length < 4) return undefined;
  const code = Number(digits.slice(-4));
  return code !== 0 && documented.includes(code) ? code : undefined;
}

/**
 * An account-keyed method's first steps: the token's code, then a trigger's (`RC-<n>` accounts), then the member the
 * account id names. `{ code }` to answer with at once, or the account id and its member (undefined: no such account).
 */
function accountOf(
  v: Values,
  fields: { token: string; account: string },
  settings: KognitivSandboxSettings,
  documented: readonly number[],
  state: KognitivState,
): { code: number } | { accountId: string; member: SeedMember | undefined } {
  const accountId = String(v[fields.account]);
  const code = tokenCode(String(v[fields.token]), settings) || accountTrigger(documented, accountId);
  return code ? { code } : { accountId, member: state.byAccountId(accountId) };
}

const BY_ACCOUNT_ID = { token: 'SecurityToken', account: 'AccountId' };

const knownLocation = (location: string) => (SANDBOX_LOCATIONS as readonly string[]).includes(location);

function available(m: SeedMember): number {
  const p = m.points;
  return p.earned - p.used - p.deducted - p.expired - p.locked;
}

/** `documented`: the method's return codes, as its contract lists them. */
export type MethodHandler = (
  values: Values,
  state: KognitivState,
  settings: KognitivSandboxSettings,
  documented: readonly number[],
) => Answer;

/** What each method of the contract does, by method key. */
export const KOGNITIV_BEHAVIOUR: Record<KognitivMethodKey, MethodHandler> = {
  fetchLoyaltyMemberCore(v, state, settings, documented) {
    const found = accountOf(v, BY_ACCOUNT_ID, settings, documented, state);
    if ('code' in found) return rc(found.code);
    const m = found.member;
    if (!m) return rc(300, { MemberId: -1 });
    if (m.isProspect) return rc(312, { MemberId: -1 });
    return rc(0, {
      MemberId: m.kognitivMemberId,
      FirstName: m.firstName,
      MiddleName: m.middleName,
      LastName: m.lastName,
      Suffix: m.suffix,
      NickName: m.nickName,
      Birthdate: m.birthdate,
      Gender: m.gender,
      IsEmployee: m.isEmployee ? 1 : 0,
      IsSuspended: m.isSuspended ? 1 : 0,
      IsLocked: m.isLocked ? 1 : 0,
    });
  },

  fetchMemberPointBalances(v, state, settings, documented) {
    const found = accountOf(v, { token: 'WSSecurityToken', account: 'MemberAccountId' }, settings, documented, state);
    if ('code' in found) return rc(found.code);
    const m = found.member;
    if (!m) return rc(300);
    if (Number(v.SBInternalMemberId) !== 0 && Number(v.SBInternalMemberId) !== m.kognitivMemberId) return rc(311);
    const p = m.points;
    return rc(0, {
      MemberPointsEarned: p.earned,
      MemberPointsUsed: p.used,
      MemberPointsDeducted: p.deducted,
      MemberPointsExpired: p.expired,
      MemberPointsLocked: p.locked,
      MemberPointsAvailable: available(m),
    });
  },

  saveAccountPhone(v, state, settings, documented) {
    const token = tokenCode(String(v.SecurityToken), settings);
    if (token) return rc(token);
    const phone = digitsOf(String(v.PhoneNumber));
    if (phone === '' || String(v.PhoneNumberTypeExternalReference) === '') return rc(2);
    const forced = phoneTrigger(documented, phone);
    if (forced) return rc(forced);
    const m = state.byKognitivMemberId(Number(v.MemberId));
    if (!m) return rc(311);
    const type = String(v.PhoneNumberTypeExternalReference);
    if (!(SANDBOX_PHONE_TYPES as readonly string[]).includes(type)) return rc(308);
    const carrier = String(v.MobileCarrierExternalReference);
    if (carrier !== '' && !(SANDBOX_MOBILE_CARRIERS as readonly string[]).includes(carrier)) return rc(316);
    const holder = state.byPhoneDigits(phone);
    if (holder && holder !== m) return rc(315);
    m.phones = [...m.phones.filter((p) => p.type !== type), { type, number: phone }];
    return rc(0, { SavedPhoneNumber: `+${phone}` });
  },

  productPromotionEntry(v, state, settings, documented) {
    const none = { ErrorMessage: '', SuccessfulPromotionMessage: '', MemberFirstName: '', MemberLastName: '', LoyaltyProgramName: '' };
    const fail = (code: number, message: string) => rc(code, { ...none, ErrorMessage: message });
    const token = tokenCode(String(v.SecurityToken), settings);
    if (token) return fail(token, 'Invalid Security Token');
    if (Number(v.LoyaltyProgramId) !== settings.loyaltyProgramId) return fail(303, 'Invalid Loyalty Program Id');
    const location = String(v.LocationExternalReference);
    if (location !== '' && !knownLocation(location)) return fail(1002, 'Invalid Location External Reference');
    const phone = digitsOf(String(v.PhoneNumber));
    if (phone === '') return fail(2, 'All parameters must be sent');
    const forced = phoneTrigger(documented, phone);
    if (forced === 1001) return fail(1001, 'This promotion could not be applied to your account. Please see the front desk.');
    if (forced) return fail(forced, 'Error');
    const m = state.byPhoneDigits(phone);
    if (!m) return fail(1000, 'No Account for Phone Number');
    if (m.isSuspended) return fail(302, 'Member Account is Suspended');
    if (!m.isEnrolled) return fail(305, 'Member is Not Enrolled in Loyalty Program');
    const productCode = String(v.ProductCode);
    const points = SANDBOX_PRODUCT_CODES[productCode];
    if (points === undefined) return fail(1001, `Sorry, product code ${productCode} is not part of a current promotion.`);
    m.points.earned += points;
    return rc(0, {
      ...none,
      SuccessfulPromotionMessage: `Thanks ${m.firstName}! ${points} points have been added to your account.`,
      MemberFirstName: m.firstName,
      MemberLastName: m.lastName,
      LoyaltyProgramName: 'Club Rewards',
      PointsEarned: m.points.earned,
      PointsUsed: m.points.used,
      PointsDeducted: m.points.deducted,
      PointsExpired: m.points.expired,
      PointsLocked: m.points.locked,
      PointsAvailable: available(m),
    });
  },

  externalLogin(v, state, settings, documented) {
    const found = accountOf(v, BY_ACCOUNT_ID, settings, documented, state);
    if ('code' in found) return rc(found.code);
    if (String(v.Password) === '') return rc(606);
    // 503 is not documented for this method: an unknown portal location is an undefined error.
    if (!knownLocation(String(v.LocationExternalReference))) return rc(1);
    const { accountId, member: m } = found;
    if (!m || m.portalPassword !== String(v.Password)) return rc(605);
    if (!m.isVerified) return rc(602);
    if (m.isSuspended) return rc(603);
    state.recordInteraction({ accountId, type: 'INTERNET-VISIT', location: String(v.LocationExternalReference), note: '' });
    return rc(0, { FirstName: m.firstName, LastName: m.lastName });
  },

  recordInteraction(v, state, settings, documented) {
    const found = accountOf(v, BY_ACCOUNT_ID, settings, documented, state);
    if ('code' in found) return rc(found.code, { InteractionId: -1 });
    const { accountId, member: m } = found;
    if (!m) return rc(300, { InteractionId: -1 });
    if (m.isInactive) return rc(301, { InteractionId: -1 });
    const location = String(v.LocationExternalReference);
    if (!knownLocation(location)) return rc(503, { InteractionId: -1 });
    const type = String(v.InteractionTypeExternalReference);
    if (!(SANDBOX_INTERACTION_TYPES as readonly string[]).includes(type)) return rc(1200, { InteractionId: -1 });
    return rc(0, { InteractionId: state.recordInteraction({ accountId, type, location, note: String(v.InteractionNote) }) });
  },
};

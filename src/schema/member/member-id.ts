import { userInputError } from '../errors/user-input-error.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { requireText } from '../shared/validate.js';
import type { Member } from './member.type.js';

/**
 * Parses a caller's member id: a malformed one throws a user input error naming `field`. A well-formed id always
 * gives a Member; whether the vendors know it shows in its fields.
 */
export function parseMemberId(field: string, id: string): Member {
  return { id: requireText(field, id, INPUT_LIMITS.accountId) };
}

/**
 * The club account id of an input that also takes it under its deprecated name `accountId` (README, "One name per
 * id"): one of the two is required, and both given must be the same id. Either name is the same member, so the same
 * vendor calls, throttle account and errors follow. `path` is the input's, e.g. `input`.
 */
export function parseMemberIdOrAccountId(path: string, input: { memberId?: string | null; accountId?: string | null }): Member {
  const { memberId, accountId } = input;
  if (memberId == null && accountId == null) throw userInputError(`${path}.memberId`, 'required');
  if (memberId != null && accountId != null && memberId !== accountId)
    throw userInputError(`${path}.accountId`, 'the old name of memberId: leave it out, or give the same id');
  return memberId != null ? parseMemberId(`${path}.memberId`, memberId) : parseMemberId(`${path}.accountId`, accountId!);
}

/** Ids longer than Debitsuccess's reference field cannot have a billing record there. */
export function canHaveBillingRecord(id: string): boolean {
  return id.length <= INPUT_LIMITS.externalAccountReference;
}

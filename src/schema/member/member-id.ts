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

/** Ids longer than Debitsuccess's reference field cannot have a billing record there. */
export function canHaveBillingRecord(id: string): boolean {
  return id.length <= INPUT_LIMITS.externalAccountReference;
}

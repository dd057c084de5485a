import type { MemberErrorBody } from '../errors/member-error.js';
import type { OutcomeCodec } from '../idempotency/idempotent.js';
import { clientError } from '../errors/client-error.js';
import { replayedError } from '../idempotency/replayed-error.js';
import type { BillingPhoneResult, LoyaltyPhoneResult, SavePhonePayload } from './save-phone.payload.js';

/** Marks a promise as handled now; whoever awaits it later still sees its rejection. */
export function settleLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** One vendor part as stored: its result, or the error body its path showed. */
type StoredPart<T> = { result: T } | { error: MemberErrorBody };

interface StoredSavePhone {
  member: SavePhonePayload['member'];
  loyalty: StoredPart<LoyaltyPhoneResult>;
  billing: StoredPart<BillingPhoneResult>;
}

async function storedPart<T>(outcome: Promise<T>): Promise<StoredPart<T>> {
  try {
    return { result: await outcome };
  } catch (error) {
    return { error: clientError(error) };
  }
}

function restoredPart<T>(part: StoredPart<T>): Promise<T> {
  return settleLater('result' in part ? Promise.resolve(part.result) : Promise.reject(replayedError(part.error)));
}

/** Both parts kept as first answered, partial success included; the key is released only when neither vendor may have written. */
export const SAVE_PHONE_OUTCOME: OutcomeCodec<SavePhonePayload> = {
  async save(payload) {
    const stored: StoredSavePhone = {
      member: payload.member,
      loyalty: await storedPart(payload.loyaltyOutcome),
      billing: await storedPart(payload.billingOutcome),
    };
    const parts = [stored.loyalty, stored.billing];
    return { stored, retryable: parts.every((part) => 'error' in part && part.error.extensions.retryable === true) };
  },
  restore(stored) {
    const { member, loyalty, billing } = stored as StoredSavePhone;
    return { member, loyaltyOutcome: restoredPart(loyalty), billingOutcome: restoredPart(billing) };
  },
};

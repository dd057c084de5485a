import { parsePhoneNumberWithError, ParseError } from 'libphonenumber-js/max';
import { userInputError } from '../errors/user-input-error.js';
import { INPUT_LIMITS } from './input-limits.js';
import { requireText } from './validate.js';

export interface ParsedPhone {
  /** Digits with country code, unformatted: what Kognitiv stores (`64211234567`). */
  internationalDigits: string;
  /** International calling code without `+` (`64`). */
  callingCode: string;
  /** The national significant number (`211234567`). */
  nationalNumber: string;
}

/**
 * Parses a number that must carry its country code (`+64 21 123 4567`, `0064…`). Formatting
 * characters are allowed; a number that cannot exist for its country is refused.
 */
export function parseInternationalPhone(field: string, raw: string): ParsedPhone {
  const text = requireText(field, raw, INPUT_LIMITS.phoneNumber).trim().replace(/^00/, '+');
  if (!text.startsWith('+')) throw userInputError(field, 'must start with + and the country code');
  try {
    const phone = parsePhoneNumberWithError(text);
    if (!phone.isPossible()) throw userInputError(field, 'is not a possible phone number for its country');
    return { internationalDigits: phone.number.slice(1), callingCode: phone.countryCallingCode, nationalNumber: phone.nationalNumber };
  } catch (error) {
    if (error instanceof ParseError) throw userInputError(field, 'is not a phone number with a country code');
    throw error;
  }
}

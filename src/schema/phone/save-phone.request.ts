import type { SchemaSettings } from '../context.js';
import { userInputError } from '../errors/user-input-error.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { parseInternationalPhone } from '../shared/phone-number.js';
import { optionalText, requireText } from '../shared/validate.js';
import type { UpdateClientPhoneNumberInput } from '../../vendors/debitsuccess/debitsuccess-messages.js';
import { DEBITSUCCESS_PHONE_TYPES, PhoneType } from './phone-type.enum.js';
import type { SavePhoneInput } from './save-phone.input.js';

export interface SavePhoneRequest {
  accountId: string;
  kognitiv: { phoneTypeRef: string; phoneNumber: string; mobileCarrierRef?: string; isValid: boolean };
  debitsuccess: UpdateClientPhoneNumberInput;
}

/**
 * Validates the whole input and builds both vendor requests before either vendor is called, so bad
 * input can never leave one vendor written and the other not.
 */
export function buildSavePhoneRequest(input: SavePhoneInput, settings: SchemaSettings): SavePhoneRequest {
  const accountId = requireText('input.memberId', input.memberId, INPUT_LIMITS.externalAccountReference);
  const phone = parseInternationalPhone('input.number', input.number);
  const stdCode = optionalText('input.areaCode', input.areaCode, INPUT_LIMITS.areaCode);
  const name = optionalText('input.contactName', input.contactName, INPUT_LIMITS.contactName);
  if (input.type === PhoneType.EMERGENCY && name === undefined)
    throw userInputError('input.contactName', 'is required for an EMERGENCY phone');
  const mobileCarrierRef = optionalText('input.mobileCarrier', input.mobileCarrier, INPUT_LIMITS.mobileCarrier);
  const countryCode = settings.debitsuccessCountryCodes[phone.callingCode];

  return {
    accountId,
    kognitiv: {
      phoneTypeRef: settings.kognitivPhoneTypes[input.type],
      phoneNumber: phone.internationalDigits,
      mobileCarrierRef,
      isValid: input.isValid,
    },
    debitsuccess: {
      externalAccountReferenceNo: accountId,
      phoneNumberType: DEBITSUCCESS_PHONE_TYPES[input.type],
      number: phone.nationalNumber,
      ...(countryCode !== undefined && { countryCode }),
      ...(stdCode !== undefined && { stdCode }),
      ...(name !== undefined && { name }),
      ...(input.preferred !== null && input.preferred !== undefined && { preferred: input.preferred }),
    },
  };
}

import { responseCode, UPDATE_PHONE_RESPONSE_CODES } from '../../vendors/debitsuccess/response-codes.js';
import type { VendorNote } from '../../vendors/vendor-error.js';
import { SANDBOX_CREDENTIALS } from '../seed.js';
import type { DebitsuccessState } from './debitsuccess-state.js';
import type { DataMembers } from './wcf-request.js';

export interface UpdatePhoneAnswer {
  status: 'Succeed' | 'Failed' | 'Unknown';
  notes: VendorNote[];
}

const ALLOWED_NUMBER = /^[A-Za-z0-9#+\-()*_ ,;:./]*$/;
const failed = (code: string): UpdatePhoneAnswer => ({ status: 'Failed', notes: [responseCode(code)] });

/** How many notes RC-MANY-NOTES and RC-MANY-WARNINGS answer: far more than a client should be sent. */
export const SANDBOX_MANY_NOTES = 3000;

/** SANDBOX_MANY_NOTES numbered notes of `type`, the first one 2,000 characters long. */
function manyNotes(code: string, type: VendorNote['type']): VendorNote[] {
  return Array.from({ length: SANDBOX_MANY_NOTES }, (_, i) => ({
    code,
    type,
    note: i === 0 ? `Note 1: ${'x'.repeat(2000)}` : `Note ${i + 1} of ${SANDBOX_MANY_NOTES}`,
  }));
}

/** `RC-<code>` references answer that code; RC-UNKNOWN, RC-FAILED, RC-99999 and RC-MANY-* answer what no rule can. */
function trigger(reference: string | undefined): UpdatePhoneAnswer | undefined {
  if (!reference?.startsWith('RC-')) return undefined;
  const code = reference.slice(3);
  if (code === 'MANY-NOTES') return { status: 'Failed', notes: manyNotes('99999', 'Error') };
  if (code === 'MANY-WARNINGS') return { status: 'Succeed', notes: [responseCode('00'), ...manyNotes('14030', 'Warning')] };
  if (code === 'UNKNOWN') return { status: 'Unknown', notes: [] };
  if (code === 'FAILED') return { status: 'Failed', notes: [] };
  if (code === '99999') return { status: 'Failed', notes: [{ code: '99999', note: 'Unexpected error', type: 'Error' }] };
  const row = UPDATE_PHONE_RESPONSE_CODES.find((r) => r.code === code && r.type === 'Error');
  return row ? failed(row.code) : undefined;
}

/** The vendor page's rules, in the order a careful implementation would check them. */
export function updateClientPhoneNumber(request: DataMembers, state: DebitsuccessState): UpdatePhoneAnswer {
  const user = (request.User ?? {}) as DataMembers;
  if (user.Username !== SANDBOX_CREDENTIALS.debitsuccessUsername || user.Password !== SANDBOX_CREDENTIALS.debitsuccessPassword)
    return failed('02');
  const external = request.ExternalAccountReferenceNo as string | undefined;
  const internal = request.AccountReferenceNo as string | undefined;
  const forced = trigger(external);
  if (forced) return forced;
  if (!external && !internal) return failed('12016');
  const phone = request.PhoneNumber as DataMembers | undefined;
  const number = phone?.Number as string | undefined;
  if (!phone || !number) return failed('12023');

  const matches = external
    ? (state.accountsByExternalId.get(external) ?? [])
    : [state.accountById(internal!)].filter((a) => a !== undefined);
  if (matches.length === 0) return failed('08');
  if (matches.length > 1) return failed('07');
  const account = matches[0]!;
  if (account.accountCloseDateTime !== null) return failed('10');

  const type = phone.PhoneNumberType as string | undefined;
  const name = phone.Name as string | undefined;
  if (type === 'Emergency' && !name) return failed('14122');
  const std = phone.STDCode as string | undefined;
  if (std !== undefined && !/^\d{0,4}$/.test(std)) return failed('13029');
  if (number.length > 75 || !ALLOWED_NUMBER.test(number) || number.replace(/\D/g, '').endsWith('4206')) return failed('14206');

  const notes = [responseCode('00')];
  let preferred = phone.Preferred === 'true';
  if (preferred && account.hasGuarantor) {
    preferred = false;
    notes.push(responseCode('14030'));
  }
  state.savePhone(account.customerId, {
    phoneType: (type ?? 'Home').toLowerCase() as 'home',
    phoneName: name ?? null,
    countryCode: (phone.CountryCode as string | undefined) ?? null,
    areaCode: std ?? null,
    phoneNumber: number,
    isPrimary: preferred,
  });
  return { status: 'Succeed', notes };
}

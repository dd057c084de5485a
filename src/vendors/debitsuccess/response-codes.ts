import type { VendorNote } from '../vendor-error.js';

// The two notes too long for a row of the table below, as the vendor writes them.
const NO_REFERENCE_NOTE =
  'Missing required reference number. Must provide either ExternalAccountReferenceNo or AccountReferenceNo or both.';
const GUARANTOR_PREFERRED_NOTE =
  "Preferred is set to FALSE as customers with Guarantor's contact are not allowed to update other phone numbers to Preferred";

/** The UpdateClientPhoneNumber page's "Error Message" table, as data (codes are strings: "02" keeps its zero). */
export const UPDATE_PHONE_RESPONSE_CODES: readonly (VendorNote & { meaning: string })[] = [
  { code: '00', type: 'Info', note: 'Success', meaning: 'success' },
  { code: '02', type: 'Error', note: 'Invalid user credentials', meaning: 'User is wrong' },
  { code: '07', type: 'Error', note: 'Multiple accounts found with this criteria', meaning: 'reference matches several accounts' },
  { code: '08', type: 'Error', note: 'There is no record found with this criteria', meaning: 'no account for the reference' },
  { code: '10', type: 'Error', note: 'Account is not active', meaning: 'account closed' },
  { code: '12016', type: 'Error', note: NO_REFERENCE_NOTE, meaning: 'no reference sent' },
  { code: '12023', type: 'Error', note: 'Missing phone number parameter', meaning: 'no PhoneNumber or Number sent' },
  { code: '13029', type: 'Error', note: 'Invalid Phone STD', meaning: 'STDCode rejected' },
  { code: '14122', type: 'Error', note: 'Name field is required for emergency phone type.', meaning: 'Emergency without Name' },
  { code: '14206', type: 'Error', note: 'Invalid Number', meaning: 'Number rejected' },
  { code: '14030', type: 'Warning', note: GUARANTOR_PREFERRED_NOTE, meaning: 'saved, but not as preferred' },
];

export function responseCode(code: string): VendorNote {
  const row = UPDATE_PHONE_RESPONSE_CODES.find((r) => r.code === code);
  if (!row) throw new Error(`no Debitsuccess response code ${code}`);
  return { code: row.code, type: row.type, note: row.note };
}

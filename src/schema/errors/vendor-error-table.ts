import type { VendorReturnCodeError } from '../../vendors/vendor-error.js';
import type { MemberErrorCode } from './member-error-code.js';

/**
 * Vendor return code → our error code: the contract of the README's error table, as data. The tests
 * iterate these rows, so a code added here without a test that provokes it fails the suite.
 * Codes are the vendor's raw strings (Debitsuccess keeps leading zeros: "02", "08").
 */
export type VendorCodeSource = 'KOGNITIV' | 'DEBITSUCCESS_SOAP' | 'DEBITSUCCESS_REST';

export interface VendorErrorRow {
  code: MemberErrorCode;
  source: VendorCodeSource;
  vendorCodes: readonly string[];
  /** For BAD_USER_INPUT rows: the input path the vendor complained about. */
  field?: string;
  /**
   * `staff`: the vendor's own text for this code (Kognitiv's `ErrorMessage`) is the client's message, for staff only
   * (and for everyone with AUTHORIZATION off): it is about whichever account the vendor matched, which may not be
   * the caller's, so, like a success text, a member gets this code's own message instead. Without it, the vendor's
   * text never reaches a client.
   */
  vendorMessage?: 'staff';
}

export const VENDOR_ERROR_TABLE: readonly VendorErrorRow[] = [
  { code: 'MEMBER_NOT_FOUND', source: 'KOGNITIV', vendorCodes: ['300', '311'] },
  { code: 'MEMBER_NOT_FOUND', source: 'DEBITSUCCESS_SOAP', vendorCodes: ['08'] },
  { code: 'ACCOUNT_INACTIVE', source: 'KOGNITIV', vendorCodes: ['301'] },
  { code: 'ACCOUNT_INACTIVE', source: 'DEBITSUCCESS_SOAP', vendorCodes: ['10'] },
  { code: 'MEMBER_SUSPENDED', source: 'KOGNITIV', vendorCodes: ['302', '603'] },
  { code: 'MEMBER_NOT_ENROLLED', source: 'KOGNITIV', vendorCodes: ['305'] },
  { code: 'MEMBER_IS_PROSPECT', source: 'KOGNITIV', vendorCodes: ['312'] },
  { code: 'INVALID_PHONE_TYPE', source: 'KOGNITIV', vendorCodes: ['308'] },
  { code: 'DUPLICATE_PHONE_NUMBER', source: 'KOGNITIV', vendorCodes: ['315'] },
  { code: 'INVALID_MOBILE_CARRIER', source: 'KOGNITIV', vendorCodes: ['316'] },
  { code: 'INVALID_LOCATION', source: 'KOGNITIV', vendorCodes: ['503', '1002'] },
  { code: 'ACCOUNT_NOT_VERIFIED', source: 'KOGNITIV', vendorCodes: ['602'] },
  { code: 'INVALID_CREDENTIALS', source: 'KOGNITIV', vendorCodes: ['605'] },
  { code: 'PHONE_NOT_FOUND', source: 'KOGNITIV', vendorCodes: ['1000'] },
  // Kognitiv finds the member by phone: its 1001 text ("already redeemed on …") is about the phone's owner.
  { code: 'PROMOTION_REJECTED', source: 'KOGNITIV', vendorCodes: ['1001'], vendorMessage: 'staff' },
  { code: 'INVALID_INTERACTION_TYPE', source: 'KOGNITIV', vendorCodes: ['1200'] },
  { code: 'MULTIPLE_ACCOUNTS', source: 'DEBITSUCCESS_SOAP', vendorCodes: ['07'] },
  { code: 'INVALID_AREA_CODE', source: 'DEBITSUCCESS_SOAP', vendorCodes: ['13029'] },
  { code: 'CONTACT_NAME_REQUIRED', source: 'DEBITSUCCESS_SOAP', vendorCodes: ['14122'] },
  { code: 'INVALID_PHONE_NUMBER', source: 'DEBITSUCCESS_SOAP', vendorCodes: ['12023', '14206'] },
  { code: 'VENDOR_CONFIGURATION', source: 'KOGNITIV', vendorCodes: ['100', '101', '102', '104', '105', '303'] },
  { code: 'VENDOR_CONFIGURATION', source: 'DEBITSUCCESS_SOAP', vendorCodes: ['02'] },
  { code: 'VENDOR_CONFIGURATION', source: 'DEBITSUCCESS_REST', vendorCodes: ['401', '403'] },
  { code: 'VENDOR_ERROR', source: 'KOGNITIV', vendorCodes: ['1', '2'] },
  { code: 'VENDOR_ERROR', source: 'DEBITSUCCESS_SOAP', vendorCodes: ['12016'] },
  { code: 'BAD_USER_INPUT', source: 'KOGNITIV', vendorCodes: ['606'], field: 'input.password' },
];

const bySourceAndCode = new Map(VENDOR_ERROR_TABLE.flatMap((row) => row.vendorCodes.map((vc) => [`${row.source}:${vc}`, row] as const)));

export function findVendorErrorRow(source: VendorCodeSource, vendorCode: string | undefined): VendorErrorRow | undefined {
  return vendorCode === undefined ? undefined : bySourceAndCode.get(`${source}:${vendorCode}`);
}

/** Which column of codes a vendor error's code is read in: its vendor's, for the transport the error says it came by. */
export function sourceOf(error: VendorReturnCodeError): VendorCodeSource {
  if (error.vendor === 'KOGNITIV') return 'KOGNITIV';
  return error.transport === 'REST' ? 'DEBITSUCCESS_REST' : 'DEBITSUCCESS_SOAP';
}

import { VendorReturnCodeError, VendorTransportError } from '../../vendors/vendor-error.js';
import { notesForClient } from '../shared/vendor-notes.js';
import { MEMBER_ERROR_CODES, type MemberErrorCode } from './member-error-code.js';
import { memberErrorBody, type MemberErrorBody } from './member-error.js';
import { findVendorErrorRow, sourceOf } from './vendor-error-table.js';

/** What a client receives for a vendor failure: a safe message and typed extensions, never raw vendor text. */
export type ClientVendorError = MemberErrorBody;

/** Our code for a vendor's return code, as the error table says: what the client is told. */
export function returnCodeErrorCode(error: VendorReturnCodeError): MemberErrorCode {
  if (error.details.status === 'Unknown') return 'VENDOR_OUTCOME_UNKNOWN';
  return findVendorErrorRow(sourceOf(error), error.vendorCode)?.code ?? 'VENDOR_ERROR';
}

function fromReturnCode(error: VendorReturnCodeError): ClientVendorError {
  const base = {
    vendor: error.vendor,
    operation: error.operation,
    retryable: false,
    ...(error.vendorCode !== undefined && { vendorCode: error.vendorCode }),
  };
  const clientNotes = notesForClient(error.details.notes ?? []);
  const notes =
    clientNotes.notes.length > 0
      ? { notes: clientNotes.notes, ...(clientNotes.notesOmitted > 0 && { notesOmitted: clientNotes.notesOmitted }) }
      : {};
  const code = returnCodeErrorCode(error);
  if (code === 'VENDOR_OUTCOME_UNKNOWN') return memberErrorBody('VENDOR_OUTCOME_UNKNOWN', { ...base, ...notes });
  const row = findVendorErrorRow(sourceOf(error), error.vendorCode);
  // Only where the table says so, and only what is left of it for this caller (vendorsSeenBy); other vendor text stays out.
  const message = (row?.vendorMessage && error.details.vendorMessage) || MEMBER_ERROR_CODES[code];
  return memberErrorBody(code, { ...base, ...notes, ...(row?.field && { field: row.field }) }, message);
}

function fromTransport(error: VendorTransportError): ClientVendorError {
  const isWrite = error.write;
  const lostInFlight = error.sent && (error.reason === 'TIMEOUT' || error.reason === 'CONNECTION');
  const base = {
    vendor: error.vendor,
    operation: error.operation,
    reason: error.reason,
    ...(error.extra.httpStatus !== undefined && { vendorCode: String(error.extra.httpStatus) }),
    ...(error.extra.retryAfterSeconds !== undefined && { retryAfter: error.extra.retryAfterSeconds }),
  };
  if (error.reason === 'REQUEST_REFUSED') {
    // The vendor judged this request, not its own health: the same request gets the same answer.
    return memberErrorBody('VENDOR_ERROR', { ...base, retryable: false });
  }
  if (isWrite && lostInFlight) {
    return memberErrorBody('VENDOR_OUTCOME_UNKNOWN', { ...base, retryable: false });
  }
  return memberErrorBody('VENDOR_UNAVAILABLE', { ...base, retryable: isRetryable(error, isWrite) });
}

/** Retrying is safe when the vendor cannot have acted on the request, or when it is a read. */
function isRetryable(error: VendorTransportError, isWrite: boolean): boolean {
  if (!error.sent) return true;
  const status = error.extra.httpStatus;
  if (error.reason === 'HTTP_STATUS' && (status === 429 || status === 503)) return true;
  if (isWrite) return false;
  return error.reason === 'TIMEOUT' || error.reason === 'CONNECTION' || error.reason === 'HTTP_STATUS';
}

export function clientVendorError(error: VendorReturnCodeError | VendorTransportError): ClientVendorError {
  return error instanceof VendorReturnCodeError ? fromReturnCode(error) : fromTransport(error);
}

import { VendorReturnCodeError } from '../../vendors/vendor-error.js';
import { callVendor, vendorsCalling, type Vendors } from '../../vendors/vendor-operations.js';
import { findVendorErrorRow, sourceOf } from './vendor-error-table.js';

/** The error as a caller who may not read the vendor's text for its code receives it: without that text. */
function withoutStaffText(error: unknown): unknown {
  if (!(error instanceof VendorReturnCodeError) || error.details.vendorMessage === undefined) return error;
  if (findVendorErrorRow(sourceOf(error), error.vendorCode)?.vendorMessage !== 'staff') return error;
  const { vendorMessage: _staffOnly, ...details } = error.details;
  return new VendorReturnCodeError(error, error.vendorCode, details);
}

/**
 * The vendors as one request's caller sees them. For a caller who may not read account details that may be another
 * member's (`readsAccountDetails`), the vendor texts the error table gives to staff leave the errors its calls throw,
 * before anything is made of them: the client's answer, and the idempotency record a repeat is answered from.
 */
export function vendorsSeenBy(vendors: Vendors, readsAccountDetails: boolean): Vendors {
  if (readsAccountDetails) return vendors;
  return vendorsCalling((datasource, method, _operation, args) =>
    callVendor(vendors, datasource, method, args).catch((error: unknown) => {
      throw withoutStaffText(error);
    }),
  );
}

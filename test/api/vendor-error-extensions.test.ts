import { describe, expect, it } from 'vitest';
import { clientVendorError } from '../../src/schema/errors/vendor-error-extensions.js';
import { restCall, soapCall, VendorReturnCodeError, VendorTransportError } from '../../src/vendors/vendor-error.js';

describe('clientVendorError', () => {
  it('maps a Kognitiv code the table does not know to VENDOR_ERROR, keeping the raw code', () => {
    const { extensions } = clientVendorError(new VendorReturnCodeError(soapCall('KOGNITIV', 'FetchLoyaltyMemberCore'), '777'));

    expect(extensions).toEqual({
      code: 'VENDOR_ERROR',
      vendor: 'KOGNITIV',
      vendorCode: '777',
      operation: 'FetchLoyaltyMemberCore',
      retryable: false,
    });
  });

  it('maps 606 to BAD_USER_INPUT at input.password', () => {
    const { extensions } = clientVendorError(new VendorReturnCodeError(soapCall('KOGNITIV', 'ExternalLogin'), '606'));

    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password', vendorCode: '606' });
  });

  it('maps REST codes other than 401/403 to VENDOR_ERROR', () => {
    expect(clientVendorError(new VendorReturnCodeError(restCall('DEBITSUCCESS', 'GET /accounts'), '400')).extensions.code).toBe(
      'VENDOR_ERROR',
    );
  });

  // Debitsuccess writes "02" over SOAP and 401 over REST for the same problem: the transport the error came by says which.
  it.each([
    ['a REST call, whatever its operation is named', 'REST', 'accounts', '401'],
    ['a SOAP call, whatever its operation is named', 'SOAP', 'GET /clients', '02'],
  ] as const)("reads the code of %s in its own transport's column", (_case, transport, operation, vendorCode) => {
    const error = new VendorReturnCodeError({ vendor: 'DEBITSUCCESS', transport, operation }, vendorCode);

    expect(clientVendorError(error).extensions).toMatchObject({ code: 'VENDOR_CONFIGURATION', vendorCode, operation });
  });

  it('uses the vendor text only for a rejected promotion', () => {
    expect(
      clientVendorError(
        new VendorReturnCodeError(soapCall('KOGNITIV', 'ProductPromotionEntry'), '1001', { vendorMessage: 'Code already used.' }),
      ).message,
    ).toBe('Code already used.');
    expect(
      clientVendorError(
        new VendorReturnCodeError(soapCall('KOGNITIV', 'ProductPromotionEntry'), '1002', { vendorMessage: 'raw vendor text' }),
      ).message,
    ).not.toContain('raw');
  });

  it.each([
    ['a read that timed out', 'FetchLoyaltyMemberCore', 'read', 'TIMEOUT', true, { code: 'VENDOR_UNAVAILABLE', retryable: true }],
    ['a write that timed out', 'SaveAccountPhone', 'write', 'TIMEOUT', true, { code: 'VENDOR_OUTCOME_UNKNOWN', retryable: false }],
    [
      'a write whose connection dropped after sending',
      'RecordInteraction',
      'write',
      'CONNECTION',
      true,
      { code: 'VENDOR_OUTCOME_UNKNOWN', retryable: false },
    ],
    ['a write refused before sending', 'ExternalLogin', 'write', 'CONNECTION', false, { code: 'VENDOR_UNAVAILABLE', retryable: true }],
    [
      'a write answered with a SOAP fault',
      'UpdateClientPhoneNumber',
      'write',
      'SOAP_FAULT',
      true,
      { code: 'VENDOR_UNAVAILABLE', retryable: false },
    ],
    ['a read answered with garbage', 'GET /accounts', 'read', 'MALFORMED_RESPONSE', true, { code: 'VENDOR_UNAVAILABLE', retryable: false }],
  ] as const)('maps %s', (_case, operation, kind, reason, sent, expected) => {
    const error = new VendorTransportError(soapCall('KOGNITIV', operation), reason, sent, 'raw detail <xml/>');
    // The resilience layer marks a write's failure (see resilient-vendors); the error table reads the mark.
    error.write = kind === 'write';
    const { extensions } = clientVendorError(error);

    expect(extensions).toMatchObject({ ...expected, reason, operation });
    expect(JSON.stringify(extensions)).not.toContain('raw detail');
  });

  it.each([
    ['a read the vendor refused with a SOAP Client fault', 'FetchLoyaltyMemberCore', 500],
    ['a write the vendor refused with a SOAP Client fault', 'ExternalLogin', 500],
    ['a REST read refused with 409', 'GET /accounts', 409],
  ] as const)('maps %s to VENDOR_ERROR, not retryable: the request was at fault, not the vendor', (_case, operation, httpStatus) => {
    const { extensions } = clientVendorError(
      new VendorTransportError(soapCall('KOGNITIV', operation), 'REQUEST_REFUSED', true, 'raw detail', { httpStatus }),
    );

    expect(extensions).toEqual({
      code: 'VENDOR_ERROR',
      retryable: false,
      vendor: 'KOGNITIV',
      operation,
      reason: 'REQUEST_REFUSED',
      vendorCode: String(httpStatus),
    });
  });

  it('passes Retry-After of a rate-limited read', () => {
    const { extensions } = clientVendorError(
      new VendorTransportError(restCall('DEBITSUCCESS', 'GET /accounts'), 'HTTP_STATUS', true, '', {
        httpStatus: 429,
        retryAfterSeconds: 2,
      }),
    );

    expect(extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendorCode: '429', retryAfter: 2, retryable: true });
  });
});

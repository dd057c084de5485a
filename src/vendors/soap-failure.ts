import { VendorTransportError, type Vendor } from './vendor-error.js';
import { transportFailureOf } from './vendor-http.js';

interface SoapLibraryError {
  code?: string;
  message?: string;
  root?: { Envelope?: { Body?: { Fault?: unknown } } };
  response?: { status?: number; headers?: Record<string, unknown> };
  body?: unknown;
}

function retryAfterSeconds(headers: Record<string, unknown> | undefined): number | undefined {
  const value = headers?.['retry-after'];
  const seconds = typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function rawText(error: SoapLibraryError): string {
  const body = typeof error.body === 'string' ? error.body.slice(0, 500) : '';
  return [error.code, error.message, body].filter(Boolean).join(' | ');
}

/**
 * Turns whatever node-soap or its HTTP transport threw into a VendorTransportError with the reason a client is
 * told. `detail` keeps the raw text for the log; it never holds the request (and so no secret).
 */
export function classifySoapFailure(vendor: Vendor, operation: string, thrown: unknown): VendorTransportError {
  const error = (thrown ?? {}) as SoapLibraryError;
  const detail = rawText(error);
  const fail = (reason: VendorTransportError['reason'], sent: boolean, extra: VendorTransportError['extra'] = {}) =>
    new VendorTransportError(vendor, operation, reason, sent, detail, extra);

  const transport = transportFailureOf(error.code);
  if (transport) return fail(transport.reason, transport.sent);
  if (/socket hang up|aborted/i.test(error.message ?? '')) return fail('CONNECTION', true);
  if (error.root?.Envelope?.Body?.Fault !== undefined) return fail('SOAP_FAULT', true, { httpStatus: error.response?.status });
  const status = error.response?.status;
  if (status !== undefined && status >= 300) {
    return fail('HTTP_STATUS', true, { httpStatus: status, retryAfterSeconds: retryAfterSeconds(error.response?.headers) });
  }
  return fail('MALFORMED_RESPONSE', true);
}

import { soapCall, VendorTransportError, type Vendor } from './vendor-error.js';
import { retryAfterSeconds } from './retry-after.js';
import { transportFailureOf } from './transport-failure.js';

interface SoapLibraryError {
  code?: string;
  message?: string;
  root?: { Envelope?: { Body?: { Fault?: unknown } } };
  response?: { status?: number; headers?: Record<string, unknown> };
  body?: unknown;
}

/** An element's text as node-soap parsed it: a string, or `$value` beside the element's attributes. */
function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  const value = (node as { $value?: unknown } | null | undefined)?.$value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether a fault blames the request rather than the service: SOAP 1.1 `faultcode` `Client` (any prefix, and dotted
 * refinements such as `soap:Client.Authentication`) or SOAP 1.2 `Code/Value` `Sender`. Anything else (`Server`,
 * `Receiver`, WCF's `InternalServiceFault`, `ActionNotSupported`, no code at all) is the service's own failure.
 */
function blamesTheRequest(fault: unknown): boolean {
  const f = fault as { faultcode?: unknown; Code?: { Value?: unknown } } | null;
  const code = textOf(f?.faultcode) ?? textOf(f?.Code?.Value);
  const localPart = code?.trim().split(':').pop()?.split('.')[0];
  return localPart === 'Client' || localPart === 'Sender';
}

/** The whole text: cutting it here could cut a secret it quotes in two, past any censor (see VendorTransportError.detail). */
function rawText(error: SoapLibraryError): string {
  const body = typeof error.body === 'string' ? error.body : '';
  return [error.code, error.message, body].filter(Boolean).join(' | ');
}

/**
 * Turns whatever node-soap or its HTTP transport threw into a VendorTransportError with the reason a client is
 * told. `detail` keeps the raw text for the log. It holds no request of ours, but a vendor may quote one back, secrets
 * and all: it is censored, masked and cut where it is logged.
 */
export function classifySoapFailure(vendor: Vendor, operation: string, thrown: unknown): VendorTransportError {
  const error = (thrown ?? {}) as SoapLibraryError;
  const detail = rawText(error);
  const fail = (reason: VendorTransportError['reason'], sent: boolean, extra: VendorTransportError['extra'] = {}) =>
    new VendorTransportError(soapCall(vendor, operation), reason, sent, detail, extra);

  const transport = transportFailureOf(error.code);
  if (transport) return fail(transport.reason, transport.sent);
  if (/socket hang up|aborted/i.test(error.message ?? '')) return fail('CONNECTION', true);
  const fault = error.root?.Envelope?.Body?.Fault;
  if (fault !== undefined)
    return fail(blamesTheRequest(fault) ? 'REQUEST_REFUSED' : 'SOAP_FAULT', true, { httpStatus: error.response?.status });
  const status = error.response?.status;
  if (status !== undefined && status >= 300) {
    return fail('HTTP_STATUS', true, {
      httpStatus: status,
      retryAfterSeconds: retryAfterSeconds(error.response?.headers?.['retry-after']),
    });
  }
  return fail('MALFORMED_RESPONSE', true);
}

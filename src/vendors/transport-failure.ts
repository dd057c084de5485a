/**
 * The Node-style `code`s a vendor exchange fails with, and what each means for the call. Both transports (node-soap's
 * `vendor-http` and the REST client over got) fail with these codes, and every datasource reads them here.
 */

/** Codes that mean the request never left this machine, so the vendor cannot have acted on it. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
/** got reports an answer cut before its declared length as a length mismatch: the connection closed mid-answer. */
const LOST_IN_FLIGHT = new Set(['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ERR_HTTP_CONTENT_LENGTH_MISMATCH']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/** An answer over the size bound, refused before it is parsed. */
export const RESPONSE_TOO_LARGE = 'ERR_RESPONSE_TOO_LARGE';

/**
 * What the `code` of a failed exchange means, for SOAP and REST alike: a timeout, or a connection
 * failure that did (`sent`) or cannot have reached the vendor. Undefined for any other failure.
 */
export function transportFailureOf(code: unknown): { reason: 'TIMEOUT' | 'CONNECTION'; sent: boolean } | undefined {
  if (typeof code !== 'string') return undefined;
  if (TIMED_OUT.has(code)) return { reason: 'TIMEOUT', sent: true };
  if (NOT_SENT.has(code)) return { reason: 'CONNECTION', sent: false };
  if (LOST_IN_FLIGHT.has(code)) return { reason: 'CONNECTION', sent: true };
  return undefined;
}

/** Errors carry a Node-style `code`, as transportFailureOf reads them. */
export function transportError(message: string, code: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

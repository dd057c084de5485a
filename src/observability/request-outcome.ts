import type { MemberErrorCode } from '../schema/errors/member-error-code.js';

/**
 * A request's outcome as `graphql_request_duration_seconds` labels it, by who must act: `ok`; `request` (the caller or
 * the member: refused input, not found, throttled; no one to page); `vendor` (a VENDOR_* code: an outage or our
 * configuration at a vendor); `unavailable` (this subgraph's own capacity or state store); `internal` (a bug).
 */
export type RequestOutcome = 'ok' | 'request' | 'vendor' | 'unavailable' | 'internal';

const UNAVAILABLE: readonly MemberErrorCode[] = ['SERVICE_OVERLOADED', 'IDEMPOTENCY_UNAVAILABLE'];
/** Worst first: a request with several codes is labelled by the worst. */
const BY_SEVERITY: readonly RequestOutcome[] = ['internal', 'unavailable', 'vendor', 'request'];

function outcomeOf(code: string): RequestOutcome {
  if (code === 'INTERNAL_SERVER_ERROR') return 'internal';
  if ((UNAVAILABLE as readonly string[]).includes(code)) return 'unavailable';
  return code.startsWith('VENDOR_') ? 'vendor' : 'request';
}

/** The outcome of a request that ended with the error `codes` its client saw (none: `ok`). */
export function requestOutcome(codes: readonly string[]): RequestOutcome {
  const outcomes = new Set(codes.map(outcomeOf));
  return BY_SEVERITY.find((outcome) => outcomes.has(outcome)) ?? 'ok';
}

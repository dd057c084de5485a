/**
 * A vendor's Retry-After header as whole seconds from `now`, or undefined when it says nothing usable.
 * RFC 9110 allows two forms: delta-seconds (digits only) and an HTTP-date. Anything else (a negative
 * number, `1e9`, `0x10`, a fraction, text) is not an answer we pass on to a client or wait out; a date
 * already past means "now" (0).
 */
export function retryAfterSeconds(header: unknown, now: number = Date.now()): number | undefined {
  if (typeof header !== 'string') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  // Date.parse also reads ISO strings and bare numbers; an HTTP-date names its weekday and zone, so ask for letters.
  if (!/^[A-Za-z]{3}, /.test(value) || !Number.isFinite(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

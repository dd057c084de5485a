import type { IncomingHttpHeaders } from 'node:http';
import { retryAfterSeconds } from '../retry-after.js';

/**
 * Debitsuccess announces its budget in X-RateLimit-* headers. Once it says none is left, calls
 * fail fast here until the announced reset instead of spending requests the vendor will refuse.
 */
export class RateLimitGate {
  private blockedUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds to wait before the next call, or 0 when it may go. */
  waitSeconds(): number {
    const wait = this.blockedUntil - this.now();
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  observe(headers: IncomingHttpHeaders): void {
    if (Number(headers['x-ratelimit-remaining']) !== 0 || headers['x-ratelimit-remaining'] === undefined) return;
    const retryAfter = retryAfterSeconds(headers['retry-after'], this.now());
    const reset = Number(headers['x-ratelimit-reset']);
    // Reset is epoch seconds in the vendor's headers; Retry-After, when present, is the more direct answer.
    const until = retryAfter !== undefined ? this.now() + retryAfter * 1000 : Number.isFinite(reset) ? reset * 1000 : this.now() + 1000;
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }
}

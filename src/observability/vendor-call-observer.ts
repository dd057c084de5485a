import type { Logger } from 'pino';
import { VendorReturnCodeError, VendorTransportError } from '../vendors/vendor-error.js';
import type { VendorCallObserver } from '../vendors/resilience/resilient-vendors.js';
import type { SubgraphMetrics } from './metrics.js';

/** ok, the vendor's return code, or the failure reason: the outcome label of a vendor call. */
export function outcomeOf(error: unknown): string {
  if (error === undefined) return 'ok';
  if (error instanceof VendorReturnCodeError) return `code:${error.vendorCode ?? error.details.status ?? 'none'}`;
  if (error instanceof VendorTransportError) return error.reason;
  return 'unexpected';
}

/** One log line (debug) and one histogram sample per vendor call attempt. */
export function vendorCallObserver(
  logger: Logger,
  metrics: SubgraphMetrics,
  breakerState: (breaker: string) => string | undefined,
): VendorCallObserver {
  return ({ vendor, service, operation, attempt, durationMs, error }) => {
    const outcome = outcomeOf(error);
    metrics.vendorCalls.observe({ vendor, operation, outcome }, durationMs / 1000);
    // Checked first: building the line on every call costs even when debug lines are off.
    if (!logger.isLevelEnabled('debug')) return;
    logger.debug(
      {
        vendor,
        operation,
        durationMs: Math.round(durationMs),
        outcome,
        attempt,
        breaker: breakerState(`${vendor}:${service}`) ?? 'closed',
      },
      'vendor call',
    );
  };
}

import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { VendorAttemptTracer } from '../vendors/resilience/resilient-vendors.js';
import { VendorReturnCodeError } from '../vendors/vendor-error.js';
import { outcomeOf } from './vendor-call-observer.js';

const tracer = trace.getTracer('member-subgraph');

/**
 * One span per vendor call attempt (`kognitiv FetchLoyaltyMemberCore`), its HTTP exchange beneath it
 * (vendors/http-client-span.ts). A retry is a span of its own with the next `vendor.attempt`. Attributes name the
 * call, never its arguments: no account id, phone number or credential is ever one.
 */
export function vendorAttemptTracer(breakerState: (breaker: string) => string | undefined): VendorAttemptTracer {
  return ({ vendor, service, operation, attempt }, call) =>
    tracer.startActiveSpan(
      `${vendor} ${operation}`,
      {
        attributes: {
          'vendor.name': vendor,
          'vendor.service': service,
          'vendor.operation': operation,
          'vendor.attempt': attempt,
          'vendor.breaker_state': breakerState(`${vendor}:${service}`) ?? 'closed',
        },
      },
      async (span) => {
        try {
          const result = await call();
          span.setAttribute('vendor.outcome', 'ok');
          return result;
        } catch (error) {
          span.setAttribute('vendor.outcome', outcomeOf(error));
          if (error instanceof VendorReturnCodeError && error.vendorCode !== undefined)
            span.setAttribute('vendor.return_code', String(error.vendorCode));
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
}

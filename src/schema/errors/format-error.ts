import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { boundPath } from '../../observability/bounded-text.js';
import { correlationIdOfRequest } from '../../observability/correlation-scope.js';
import type { LogText } from '../../observability/log-text.js';
import { VendorReturnCodeError, VendorTransportError } from '../../vendors/vendor-error.js';
import { clientError } from './client-error.js';

/**
 * How loud a vendor error is in the log: operators must act on configuration errors and watch outages;
 * a member's own outcome (not found, wrong password, …) is routine, and the request's log line already
 * names its code, so its vendor detail is for debugging only.
 */
export function vendorErrorLogLevel(code: string): 'error' | 'warn' | 'debug' {
  if (code === 'VENDOR_CONFIGURATION') return 'error';
  if (code === 'VENDOR_UNAVAILABLE' || code === 'VENDOR_ERROR' || code === 'VENDOR_OUTCOME_UNKNOWN') return 'warn';
  return 'debug';
}

/**
 * Apollo's formatError: each error leaves as `clientError` makes it, at its place in the operation. A vendor error is
 * logged here, once, with any raw vendor text only as `logText` makes it a log field (censored, masked and cut,
 * observability/log-text.ts); an unexpected one is logged by the unexpected-errors plugin.
 */
export function createFormatError(logger: Logger, logText: LogText) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { message, extensions } = clientError(original, correlationIdOfRequest());

    if (original instanceof VendorReturnCodeError || original instanceof VendorTransportError) {
      // Named fields only: a vendor error's cause (an HTTP client error) holds the request, and so the secrets in it.
      logger[vendorErrorLogLevel(extensions.code)](
        {
          path: boundPath(formatted.path),
          code: extensions.code,
          vendor: original.vendor,
          operation: original.operation,
          vendorCode: extensions.vendorCode,
          reason: extensions.reason,
          detail: original instanceof VendorTransportError ? logText.vendor(original.detail) : undefined,
        },
        'vendor error',
      );
    }
    return { ...formatted, message, extensions };
  };
}

import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { boundPath } from '../../observability/bounded-text.js';
import type { LogText } from '../../observability/log-text.js';
import { VendorReturnCodeError, VendorTransportError } from '../../vendors/vendor-error.js';
import { isMemberErrorCode } from './member-error-code.js';
import { memberErrorBody } from './member-error.js';
import { clientVendorError } from './vendor-error-extensions.js';

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
 * Whether an error is one we (or Apollo, refusing a request) raised on purpose with a code the client
 * may see. Decided on the original error, never on the formatted code: Apollo labels every unknown
 * error INTERNAL_SERVER_ERROR, which is one of our codes too, so that label proves nothing.
 */
export function isDeliberateError(original: unknown): boolean {
  if (original instanceof VendorReturnCodeError || original instanceof VendorTransportError) return true;
  // Duck-typed, not `instanceof GraphQLError`: Apollo's errors are built from graphql's CommonJS build, ours from its ESM one.
  const code =
    original instanceof Error && 'extensions' in original ? (original.extensions as { code?: unknown } | undefined)?.code : undefined;
  // Apollo Server's own pre-execution codes (parse, validation, variables, bad HTTP requests) are MemberErrorCodes too.
  return code !== 'INTERNAL_SERVER_ERROR' && isMemberErrorCode(code);
}

/**
 * The one place where errors become what the client sees. Vendor failures get their typed
 * extensions; errors we raised on purpose pass; anything else is masked as INTERNAL_SERVER_ERROR
 * (the unexpected-errors plugin logs it and adds the request's correlation id for the operator).
 * The real error, with any raw vendor text, goes to the log only, as `logText` makes it a log field (censored, masked
 * and cut, observability/log-text.ts).
 */
export function createFormatError(logger: Logger, logText: LogText) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const place = { path: formatted.path, locations: formatted.locations };

    if (original instanceof VendorReturnCodeError || original instanceof VendorTransportError) {
      const { message, extensions } = clientVendorError(original);
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
      return { message, ...place, extensions };
    }

    if (isDeliberateError(original)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      // Apollo Server's own refusals say nothing of retrying; the same malformed request fails again.
      return { ...formatted, extensions: { ...extensions, retryable: extensions.retryable ?? false } };
    }

    return { ...memberErrorBody('INTERNAL_SERVER_ERROR', { retryable: false }), ...place };
  };
}

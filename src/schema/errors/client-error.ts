import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import { VendorReturnCodeError, VendorTransportError } from '../../vendors/vendor-error.js';
import { isMemberErrorCode } from './member-error-code.js';
import { memberErrorBody, type MemberErrorBody } from './member-error.js';
import { userInputErrorBody } from './user-input-error.js';
import { variableValueProblem } from './variable-value-error.js';
import { clientVendorError } from './vendor-error-extensions.js';

const INTROSPECTION_OFF = 'Introspection is off on this subgraph: set INTROSPECTION=on to answer __schema and __type.';

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
 * What a client reads for any error, decided here only (as graphql-yoga's mask-error): a vendor failure through the
 * error table (vendor-error-extensions.ts); a variable graphql-js could not coerce as our own refused input
 * (`field`, and words that never quote the value: variable-value-error.ts); an error raised on purpose as it is,
 * `retryable: false` when it does not say (Apollo's own refusals: the same malformed request fails again); anything
 * else masked as INTERNAL_SERVER_ERROR,
 * with the request's `correlationId` by which the operator finds its log line (unexpected-errors-plugin.ts).
 * formatError sends it, the idempotency store keeps it to answer repeats with.
 */
export function clientError(error: unknown, correlationId?: string): MemberErrorBody {
  const original = unwrapResolverError(error);
  if (original instanceof VendorReturnCodeError || original instanceof VendorTransportError) return clientVendorError(original);
  if (isDeliberateError(original)) {
    const { message, extensions } = original as GraphQLError;
    const variable = extensions.code === 'BAD_USER_INPUT' ? variableValueProblem(original as GraphQLError) : undefined;
    if (variable !== undefined) return userInputErrorBody(variable.field, variable.problem);
    // `http` is Apollo's instruction for the response (status, headers), never part of the body; a stack never is either.
    const { http: _http, stacktrace: _stacktrace, ...body } = extensions;
    // Apollo's text tells its own users to "pass introspection: true to ApolloServer"; ours set a variable.
    const text = body.validationErrorCode === 'INTROSPECTION_DISABLED' ? INTROSPECTION_OFF : message;
    return { message: text, extensions: { ...body, retryable: body.retryable ?? false } } as MemberErrorBody;
  }
  return memberErrorBody('INTERNAL_SERVER_ERROR', { retryable: false, ...(correlationId !== undefined && { correlationId }) });
}

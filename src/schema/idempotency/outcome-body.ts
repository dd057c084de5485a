import { GraphQLError } from 'graphql';
import { VendorReturnCodeError, VendorTransportError } from '../../vendors/vendor-error.js';
import { isDeliberateError } from '../errors/format-error.js';
import { memberErrorBody, type MemberErrorBody } from '../errors/member-error.js';
import { clientVendorError } from '../errors/vendor-error-extensions.js';

/** The body a client reads for `error` (what formatError makes of it), to be stored and replayed as it was. */
export function clientErrorBody(error: unknown): MemberErrorBody {
  if (error instanceof VendorReturnCodeError || error instanceof VendorTransportError) return clientVendorError(error);
  if (isDeliberateError(error)) {
    const { message, extensions } = error as GraphQLError;
    return { message, extensions: { ...extensions, retryable: extensions.retryable === true } } as MemberErrorBody;
  }
  return memberErrorBody('INTERNAL_SERVER_ERROR', { retryable: false });
}

/**
 * A stored error answered again: the same body, marked `replayed`, and not retryable whatever the first
 * answer said, since a retry with the same key can only replay it again.
 */
export function replayedError(body: MemberErrorBody): GraphQLError {
  return new GraphQLError(body.message, { extensions: { ...body.extensions, retryable: false, replayed: true } });
}

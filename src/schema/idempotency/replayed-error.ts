import { GraphQLError } from 'graphql';
import type { MemberErrorBody } from '../errors/member-error.js';

/**
 * A stored error answered again: the same body, marked `replayed`, and not retryable whatever the first
 * answer said, since a retry with the same key can only replay it again.
 */
export function replayedError(body: MemberErrorBody): GraphQLError {
  return new GraphQLError(body.message, { extensions: { ...body.extensions, retryable: false, replayed: true } });
}

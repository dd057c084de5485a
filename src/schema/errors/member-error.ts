import { GraphQLError } from 'graphql';
import { withoutStackTrace } from '../../vendors/without-stack-trace.js';
import { MEMBER_ERROR_CODES, type MemberErrorCode } from './member-error-code.js';

/** What every error says besides its code; an error may add its own fields (`limit`, `retryAfter`, `field`, …). */
export interface MemberErrorExtensions {
  retryable: boolean;
  [name: string]: unknown;
}

/** One error as a client reads it: the README's promise (a `MemberErrorCode` and `retryable`) holds by its type. */
export interface MemberErrorBody {
  message: string;
  extensions: MemberErrorExtensions & { code: MemberErrorCode };
}

/** The one way an error body of ours is built, whether it leaves as an HTTP refusal or a GraphQL error. */
export function memberErrorBody(
  code: MemberErrorCode,
  extensions: MemberErrorExtensions,
  message: string = MEMBER_ERROR_CODES[code],
): MemberErrorBody {
  return { message, extensions: { code, ...extensions } };
}

/**
 * An error raised on purpose inside GraphQL (a resolver, a plugin), carrying its code and `retryable`: an answer, so
 * built without a stack trace.
 */
export function memberError(code: MemberErrorCode, extensions: MemberErrorExtensions, message?: string): GraphQLError {
  const body = memberErrorBody(code, extensions, message);
  return withoutStackTrace(() => new GraphQLError(body.message, { extensions: body.extensions }));
}

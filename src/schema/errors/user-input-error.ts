import type { GraphQLError } from 'graphql';
import { MEMBER_ERROR_CODES } from './member-error-code.js';
import { memberError, memberErrorBody, type MemberErrorBody } from './member-error.js';

/** What a client reads for input refused before any vendor is called. `field` is the input path, e.g. `input.note`. */
export function userInputErrorBody(field: string, problem: string): MemberErrorBody {
  return memberErrorBody('BAD_USER_INPUT', { field, retryable: false }, `${MEMBER_ERROR_CODES.BAD_USER_INPUT} ${field}: ${problem}`);
}

/** Input we refuse before any vendor is called, raised inside GraphQL. */
export function userInputError(field: string, problem: string): GraphQLError {
  const { message, extensions } = userInputErrorBody(field, problem);
  return memberError(extensions.code, extensions, message);
}

import type { GraphQLError } from 'graphql';
import { MEMBER_ERROR_CODES } from './member-error-code.js';
import { memberError } from './member-error.js';

/** Input we refuse before any vendor is called. `field` is the input path, e.g. `input.note`. */
export function userInputError(field: string, problem: string): GraphQLError {
  return memberError('BAD_USER_INPUT', { field, retryable: false }, `${MEMBER_ERROR_CODES.BAD_USER_INPUT} ${field}: ${problem}`);
}

import { GraphQLEnumType } from 'graphql';
import { MEMBER_ERROR_CODES } from './member-error-code.js';

/**
 * `enum MemberErrorCode` for the schema. No field returns it (codes travel in `extensions.code`),
 * so it is added to the schema explicitly for clients to generate and switch on.
 */
export const MemberErrorCodeEnum = new GraphQLEnumType({
  name: 'MemberErrorCode',
  description:
    'Every `extensions.code` this subgraph puts on an error. Vendor errors also carry `vendor`, `vendorCode`, `operation` and `retryable`.',
  values: Object.fromEntries(Object.entries(MEMBER_ERROR_CODES).map(([code, description]) => [code, { value: code, description }])),
});

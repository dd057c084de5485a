/**
 * Every `extensions.code` this subgraph raises, with the message a client sees. Declared in the
 * schema as `enum MemberErrorCode` so front ends can generate it and switch on it.
 * The codes Apollo Server raises itself before execution are listed too, under their own names:
 * clients and Apollo's tooling know them (an APQ client resends the full query on
 * PERSISTED_QUERY_NOT_FOUND), so they are kept, and Apollo's more precise message is what the client
 * reads for them; the text here describes them in the schema.
 */
export const MEMBER_ERROR_CODES = {
  MEMBER_NOT_FOUND: 'No member has that account id.',
  ACCOUNT_INACTIVE: 'The member account is inactive.',
  MEMBER_SUSPENDED: 'The member account is suspended.',
  MEMBER_NOT_ENROLLED: 'The member is not enrolled in the loyalty program.',
  MEMBER_IS_PROSPECT: 'The account belongs to a prospect, not yet a member.',
  INVALID_PHONE_TYPE: 'The loyalty platform does not know this phone type.',
  DUPLICATE_PHONE_NUMBER: 'This phone number is already in use by another member.',
  INVALID_MOBILE_CARRIER: 'The loyalty platform does not know this mobile carrier.',
  INVALID_LOCATION: 'The loyalty platform does not know this location.',
  ACCOUNT_NOT_VERIFIED: 'The member account has not been verified yet.',
  INVALID_CREDENTIALS: 'The account id or password is not correct.',
  PHONE_NOT_FOUND: 'No member account has this phone number.',
  PROMOTION_REJECTED: 'The promotion entry was not accepted.',
  INVALID_INTERACTION_TYPE: 'The loyalty platform does not know this interaction type.',
  MULTIPLE_ACCOUNTS: 'More than one billing account matches this member.',
  INVALID_AREA_CODE: 'The billing platform rejected the area code.',
  CONTACT_NAME_REQUIRED: 'An emergency phone number needs a contact name.',
  INVALID_PHONE_NUMBER: 'The billing platform rejected the phone number.',
  VENDOR_CONFIGURATION: 'The member service is not configured correctly for a vendor; operators have been alerted.',
  VENDOR_ERROR: 'A vendor could not complete the request.',
  VENDOR_OUTCOME_UNKNOWN: 'A vendor may or may not have applied this change; check before repeating it.',
  VENDOR_UNAVAILABLE: 'A vendor is unavailable right now.',
  BAD_USER_INPUT: 'The input is not valid.',
  BAD_REQUEST: 'The request could not be read.',
  GRAPHQL_PARSE_FAILED: 'The operation is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The operation does not fit the schema (or asks for introspection where it is off).',
  OPERATION_RESOLUTION_FAILURE: 'The request names an operation the document does not hold, or holds several without naming one.',
  PERSISTED_QUERY_NOT_FOUND: 'The persisted query hash is not known here; send the full query.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'This service does not take persisted queries.',
  UNAUTHENTICATED: 'Sign in to do this.',
  FORBIDDEN: "You may not act on another member's account.",
  QUERY_TOO_COSTLY: 'The operation asks for more than this service allows in one request.',
  LOGIN_THROTTLED: 'Too many failed sign-in attempts; try again later.',
  SERVICE_OVERLOADED: 'The member service is busy; retry shortly.',
  IDEMPOTENCY_KEY_REUSED: 'This idempotency key was already used with a different input; use a new key for a new request.',
  IDEMPOTENCY_IN_PROGRESS: 'A request with this idempotency key is still running; retry shortly with the same key.',
  IDEMPOTENCY_UNAVAILABLE: 'Requests with an idempotency key cannot be accepted right now; retry shortly with the same key.',
  INTERNAL_SERVER_ERROR: 'Internal server error.',
} as const;

export type MemberErrorCode = keyof typeof MEMBER_ERROR_CODES;

export function isMemberErrorCode(value: unknown): value is MemberErrorCode {
  return typeof value === 'string' && Object.hasOwn(MEMBER_ERROR_CODES, value);
}

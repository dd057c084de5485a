/** Debitsuccess response note type. */
export type BillingNoteType =
  /** The request was refused for this reason. */
  | 'ERROR'
  /** Information, e.g. `00` Success. */
  | 'INFO'
  /** Applied, with a caveat (e.g. 14030). */
  | 'WARNING';

/** A phone number's type at Debitsuccess (`phoneType`); the names it shares with `PhoneType` mean the same type. */
export type BillingPhoneType =
  /** Debitsuccess `emergency`: an emergency contact, named in `name`. */
  | 'EMERGENCY'
  /** Debitsuccess `fax` (`savePhone` does not write this type). */
  | 'FAX'
  /** Debitsuccess `home`. */
  | 'HOME'
  /** Debitsuccess `mobile`. */
  | 'MOBILE'
  /** Debitsuccess `work`. */
  | 'WORK';

/** Debitsuccess `Status` of a write that succeeded. `Failed` and `Unknown` arrive as errors instead (VENDOR_OUTCOME_UNKNOWN for `Unknown`). */
export type BillingUpdateStatus =
  /** Debitsuccess applied the change (`Succeed`). */
  | 'SUCCEED';

/** Gender as recorded by Kognitiv; an empty vendor value is `null`. */
export type Gender =
  /** Kognitiv `female`. */
  | 'FEMALE'
  /** Kognitiv `male`. */
  | 'MALE';

/** Every `extensions.code` this subgraph puts on an error. Vendor errors also carry `vendor`, `vendorCode`, `operation` and `retryable`. */
export type MemberErrorCode =
  /** The member account is inactive. */
  | 'ACCOUNT_INACTIVE'
  /** The member account has not been verified yet. */
  | 'ACCOUNT_NOT_VERIFIED'
  /** The request could not be read. */
  | 'BAD_REQUEST'
  /** The input is not valid. */
  | 'BAD_USER_INPUT'
  /** An emergency phone number needs a contact name. */
  | 'CONTACT_NAME_REQUIRED'
  /** This phone number is already in use by another member. */
  | 'DUPLICATE_PHONE_NUMBER'
  /** You may not act on another member's account. */
  | 'FORBIDDEN'
  /** The operation is not valid GraphQL syntax. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The operation does not fit the schema (or asks for introspection where it is off). */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** A request with this idempotency key is still running; retry shortly with the same key. */
  | 'IDEMPOTENCY_IN_PROGRESS'
  /** This idempotency key was already used with a different input; use a new key for a new request. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** Requests with an idempotency key cannot be accepted right now; retry shortly with the same key. */
  | 'IDEMPOTENCY_UNAVAILABLE'
  /** Internal server error. */
  | 'INTERNAL_SERVER_ERROR'
  /** The billing platform rejected the area code. */
  | 'INVALID_AREA_CODE'
  /** The account id or password is not correct. */
  | 'INVALID_CREDENTIALS'
  /** The loyalty platform does not know this interaction type. */
  | 'INVALID_INTERACTION_TYPE'
  /** The loyalty platform does not know this location. */
  | 'INVALID_LOCATION'
  /** The loyalty platform does not know this mobile carrier. */
  | 'INVALID_MOBILE_CARRIER'
  /** The billing platform rejected the phone number. */
  | 'INVALID_PHONE_NUMBER'
  /** The loyalty platform does not know this phone type. */
  | 'INVALID_PHONE_TYPE'
  /** Too many failed sign-in attempts; try again later. */
  | 'LOGIN_THROTTLED'
  /** The account belongs to a prospect, not yet a member. */
  | 'MEMBER_IS_PROSPECT'
  /** The member is not enrolled in the loyalty program. */
  | 'MEMBER_NOT_ENROLLED'
  /** No member has that account id. */
  | 'MEMBER_NOT_FOUND'
  /** The member account is suspended. */
  | 'MEMBER_SUSPENDED'
  /** More than one billing account matches this member. */
  | 'MULTIPLE_ACCOUNTS'
  /** The request names an operation the document does not hold, or holds several without naming one. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** The persisted query hash is not known here; send the full query. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** This service does not take persisted queries. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** No member account has this phone number. */
  | 'PHONE_NOT_FOUND'
  /** The promotion entry was not accepted. */
  | 'PROMOTION_REJECTED'
  /** The operation asks for more than this service allows in one request. */
  | 'QUERY_TOO_COSTLY'
  /** The member service is busy; retry shortly. */
  | 'SERVICE_OVERLOADED'
  /** Sign in to do this. */
  | 'UNAUTHENTICATED'
  /** The member service is not configured correctly for a vendor; operators have been alerted. */
  | 'VENDOR_CONFIGURATION'
  /** A vendor could not complete the request. */
  | 'VENDOR_ERROR'
  /** A vendor may or may not have applied this change; check before repeating it. */
  | 'VENDOR_OUTCOME_UNKNOWN'
  /** A vendor is unavailable right now. */
  | 'VENDOR_UNAVAILABLE';

/** Phone type. Kognitiv receives the configured external reference (KOGNITIV_PHONE_TYPES), Debitsuccess its own enum. */
export type PhoneType =
  /** Emergency contact (Debitsuccess `Emergency`); needs `contactName`. */
  | 'EMERGENCY'
  /** Home phone (Debitsuccess `Home`). */
  | 'HOME'
  /** Mobile phone (Debitsuccess `Mobile`). */
  | 'MOBILE'
  /** Work phone (Debitsuccess `Work`). */
  | 'WORK';

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

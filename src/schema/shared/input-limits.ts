/**
 * The maximum length of every input string, as data: validation, schema descriptions and tests read
 * them here. Checked before any vendor call, so a dual write never half-happens because of bad input.
 * Lengths are in UTF-16 code units, as .NET (both vendors) counts a string's length. Where a vendor
 * page gives a limit it is quoted; the others are our choice, each far above any real value, so that
 * no caller string is bounded only by the request body limit.
 */
export const INPUT_LIMITS = {
  /** Kognitiv AccountId: "Required Max Length(60)". */
  accountId: 60,
  /** Debitsuccess ExternalAccountReferenceNo, which carries our account id: 50. */
  externalAccountReference: 50,
  /** Kognitiv InteractionNote: "Optional Max Length (256)". */
  interactionNote: 256,
  /** Debitsuccess PhoneNumber.STDCode: 4. */
  areaCode: 4,
  /**
   * A phone number as typed, before parsing. Ours: E.164 numbers have at most 15 digits, so 40 leaves
   * room for any formatting and stays under Debitsuccess's PhoneNumber.Number limit of 75.
   */
  phoneNumber: 40,
  /** Debitsuccess PhoneNumber.Name: 50, required for Emergency. */
  contactName: 50,
  /** Kognitiv Password: no documented limit. Ours: 128 holds any passphrase a person types. */
  password: 128,
  /**
   * Kognitiv external references (LocationExternalReference, InteractionTypeExternalReference,
   * MobileCarrierExternalReference) and ProductCode: no documented limit; staff set them up in
   * Kognitiv's admin application. Ours: 128, far beyond any code in use.
   */
  location: 128,
  interactionType: 128,
  mobileCarrier: 128,
  productCode: 128,
  /** An idempotency key (input or `Idempotency-Key` header). Ours: 100 holds a UUID or ULID with any prefix a client adds. */
  idempotencyKey: 100,
} as const;

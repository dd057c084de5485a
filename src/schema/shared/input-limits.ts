/**
 * Input limits from the vendor pages, as data: validation, schema descriptions and tests read them
 * here. Checked before any vendor call, so a dual write never half-happens because of bad input.
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
  /** Debitsuccess PhoneNumber.Number: 75. */
  phoneNumber: 75,
  /** Debitsuccess PhoneNumber.Name: 50, required for Emergency. */
  contactName: 50,
} as const;

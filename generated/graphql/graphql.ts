/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/** A product code entered by a member, identified by phone number. */
export type EnterPromotionInput = {
  /** Optional. Makes the mutation safe to retry: a repeat with the same key and input, by the same caller, within the retention (24 h by default), gets the first answer again without calling a vendor (the response header `Idempotent-Replayed: true` says so; a replayed error carries `extensions.replayed: true` and is not retryable: to try again, check the member's state and use a new key). The same key with other input is IDEMPOTENCY_KEY_REUSED (an optional field left out, `null` or `""` is the same input). A UUID, say: at most 100 characters; the `Idempotency-Key` header may carry it instead (both given: they must match). */
  idempotencyKey?: string | null | undefined;
  /** Kognitiv location external reference, at most 128 characters; defaults to the configured location. */
  location?: string | null | undefined;
  /** The member's phone number with its country code, e.g. `+64 21 123 4567`, at most 40 characters. */
  phoneNumber: string;
  /** The product code being entered, at most 128 characters. */
  productCode: string;
};

/** Gender as recorded by Kognitiv; an empty vendor value is `null`. */
export type Gender =
  /** Kognitiv `female`. */
  | 'FEMALE'
  /** Kognitiv `male`. */
  | 'MALE';

/** Member portal credentials. */
export type LoginInput = {
  /**
   * The club account id under its old name, at most 60 characters; giving both, they must be equal.
   * @deprecated Use memberId.
   */
  accountId?: string | number | null | undefined;
  /** Kognitiv location external reference of the portal, at most 128 characters; defaults to the configured location. */
  location?: string | null | undefined;
  /** Club account id, at most 60 characters. Required (or, until clients move, `accountId`). */
  memberId?: string | number | null | undefined;
  /** Portal password, at most 128 characters; never logged. */
  password: string;
};

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

/** An interaction to record for a member or prospect. */
export type RecordInteractionInput = {
  /** Optional. Makes the mutation safe to retry: a repeat with the same key and input, by the same caller, within the retention (24 h by default), gets the first answer again without calling a vendor (the response header `Idempotent-Replayed: true` says so; a replayed error carries `extensions.replayed: true` and is not retryable: to try again, check the member's state and use a new key). The same key with other input is IDEMPOTENCY_KEY_REUSED (an optional field left out, `null` or `""` is the same input). A UUID, say: at most 100 characters; the `Idempotency-Key` header may carry it instead (both given: they must match). */
  idempotencyKey?: string | null | undefined;
  /** Kognitiv location external reference, at most 128 characters; defaults to the configured location. */
  location?: string | null | undefined;
  /** Club account id, at most 60 characters. */
  memberId: string | number;
  /** Free-text note, at most 256 characters. */
  note?: string | null | undefined;
  /** Kognitiv interaction type external reference, e.g. `CLUB-VISIT`, at most 128 characters. */
  type: string;
};

/** A phone number to save for a member at both vendors. */
export type SavePhoneInput = {
  /** Area (STD) code for Debitsuccess, at most 4 characters. */
  areaCode?: string | null | undefined;
  /** Name of the contact, at most 50 characters; required for EMERGENCY. */
  contactName?: string | null | undefined;
  /** Optional. Makes the mutation safe to retry: a repeat with the same key and input, by the same caller, within the retention (24 h by default), gets the first answer again without calling a vendor (the response header `Idempotent-Replayed: true` says so; a replayed error carries `extensions.replayed: true` and is not retryable: to try again, check the member's state and use a new key). The same key with other input is IDEMPOTENCY_KEY_REUSED (an optional field left out, `null` or `""` is the same input). A UUID, say: at most 100 characters; the `Idempotency-Key` header may carry it instead (both given: they must match). */
  idempotencyKey?: string | null | undefined;
  /** Whether Kognitiv should mark the number as valid. */
  isValid?: boolean;
  /** Club account id, at most 50 characters (the Debitsuccess reference limit). */
  memberId: string | number;
  /** Kognitiv mobile carrier external reference, at most 128 characters. */
  mobileCarrier?: string | null | undefined;
  /** The number with its country code, e.g. `+64 21 123 4567`, at most 40 characters; formatting characters are allowed. */
  number: string;
  /** Make this the member's preferred number at Debitsuccess. */
  preferred?: boolean | null | undefined;
  /** Which of the member's numbers this is; an existing number of the type is replaced. */
  type: PhoneType;
};

export type EnterPromotionMutationVariables = Exact<{
  promotionInput: EnterPromotionInput;
}>;


export type EnterPromotionMutation = { enterPromotion: { message: string | null, firstName: string | null, lastName: string | null, programName: string | null, points: { earned: number, available: number } | null } };

export type LoginMutationVariables = Exact<{
  loginInput: LoginInput;
}>;


export type LoginMutation = { login: { firstName: string | null, lastName: string | null, member: { id: string } } };

export type MemberPhonesQueryVariables = Exact<{
  id: string | number;
}>;


export type MemberPhonesQuery = { member: { id: string, billingPhones: Array<{ type: BillingPhoneType, countryCode: string | null, areaCode: string | null, number: string, name: string | null, preferred: boolean }> | null } | null };

export type MemberQueryVariables = Exact<{
  id: string | number;
}>;


export type MemberQuery = { member: { id: string, loyalty: { kognitivMemberId: number, firstName: string | null, lastName: string | null, birthDate: unknown, gender: Gender | null, isSuspended: boolean } | null, points: { earned: number, used: number, available: number } | null, billingAccounts: Array<{ accountId: string, overdueStatus: number, overdueAmount: number, nextBillingDate: unknown, closed: boolean }> | null } | null };

export type RecordInteractionMutationVariables = Exact<{
  interactionInput: RecordInteractionInput;
}>;


export type RecordInteractionMutation = { recordInteraction: { interactionId: number, member: { id: string } } };

export type SavePhoneMutationVariables = Exact<{
  phoneInput: SavePhoneInput;
}>;


export type SavePhoneMutation = { savePhone: { member: { id: string }, loyalty: { savedPhoneNumber: string } | null, billing: { status: BillingUpdateStatus, messageId: string | null, notes: Array<{ code: string, note: string, type: BillingNoteType }> } | null } };


export const EnterPromotionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnterPromotion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"promotionInput"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterPromotionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterPromotion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"promotionInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"programName"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"earned"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}}]}}]}}]} as unknown as DocumentNode<EnterPromotionMutation, EnterPromotionMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"loginInput"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"loginInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const MemberPhonesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemberPhones"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"billingPhones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preferred"}}]}}]}}]}}]} as unknown as DocumentNode<MemberPhonesQuery, MemberPhonesQueryVariables>;
export const MemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Member"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"loyalty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kognitivMemberId"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"isSuspended"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"earned"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}},{"kind":"Field","name":{"kind":"Name","value":"billingAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"overdueStatus"}},{"kind":"Field","name":{"kind":"Name","value":"overdueAmount"}},{"kind":"Field","name":{"kind":"Name","value":"nextBillingDate"}},{"kind":"Field","name":{"kind":"Name","value":"closed"}}]}}]}}]}}]} as unknown as DocumentNode<MemberQuery, MemberQueryVariables>;
export const RecordInteractionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordInteraction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"interactionInput"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordInteractionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordInteraction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"interactionInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interactionId"}},{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<RecordInteractionMutation, RecordInteractionMutationVariables>;
export const SavePhoneDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SavePhone"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phoneInput"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SavePhoneInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savePhone"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phoneInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"loyalty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savedPhoneNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"billing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"notes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SavePhoneMutation, SavePhoneMutationVariables>;
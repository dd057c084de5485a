/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation EnterPromotion($promotionInput: EnterPromotionInput!) {\n  enterPromotion(input: $promotionInput) {\n    message\n    firstName\n    lastName\n    programName\n    points {\n      earned\n      available\n    }\n  }\n}": typeof types.EnterPromotionDocument,
    "mutation Login($loginInput: LoginInput!) {\n  login(input: $loginInput) {\n    firstName\n    lastName\n    member {\n      id\n    }\n  }\n}": typeof types.LoginDocument,
    "query MemberPhones($id: ID!) {\n  member(id: $id) {\n    id\n    billingPhones {\n      type\n      countryCode\n      areaCode\n      number\n      name\n      preferred\n    }\n  }\n}": typeof types.MemberPhonesDocument,
    "query Member($id: ID!) {\n  member(id: $id) {\n    id\n    loyalty {\n      kognitivMemberId\n      firstName\n      lastName\n      birthDate\n      gender\n      isSuspended\n    }\n    points {\n      earned\n      used\n      available\n    }\n    billingAccounts {\n      accountId\n      overdueStatus\n      overdueAmount\n      nextBillingDate\n      closed\n    }\n  }\n}": typeof types.MemberDocument,
    "mutation RecordInteraction($interactionInput: RecordInteractionInput!) {\n  recordInteraction(input: $interactionInput) {\n    interactionId\n    member {\n      id\n    }\n  }\n}": typeof types.RecordInteractionDocument,
    "mutation SavePhone($phoneInput: SavePhoneInput!) {\n  savePhone(input: $phoneInput) {\n    member {\n      id\n    }\n    loyalty {\n      savedPhoneNumber\n    }\n    billing {\n      status\n      messageId\n      notes {\n        code\n        note\n        type\n      }\n    }\n  }\n}": typeof types.SavePhoneDocument,
};
const documents: Documents = {
    "mutation EnterPromotion($promotionInput: EnterPromotionInput!) {\n  enterPromotion(input: $promotionInput) {\n    message\n    firstName\n    lastName\n    programName\n    points {\n      earned\n      available\n    }\n  }\n}": types.EnterPromotionDocument,
    "mutation Login($loginInput: LoginInput!) {\n  login(input: $loginInput) {\n    firstName\n    lastName\n    member {\n      id\n    }\n  }\n}": types.LoginDocument,
    "query MemberPhones($id: ID!) {\n  member(id: $id) {\n    id\n    billingPhones {\n      type\n      countryCode\n      areaCode\n      number\n      name\n      preferred\n    }\n  }\n}": types.MemberPhonesDocument,
    "query Member($id: ID!) {\n  member(id: $id) {\n    id\n    loyalty {\n      kognitivMemberId\n      firstName\n      lastName\n      birthDate\n      gender\n      isSuspended\n    }\n    points {\n      earned\n      used\n      available\n    }\n    billingAccounts {\n      accountId\n      overdueStatus\n      overdueAmount\n      nextBillingDate\n      closed\n    }\n  }\n}": types.MemberDocument,
    "mutation RecordInteraction($interactionInput: RecordInteractionInput!) {\n  recordInteraction(input: $interactionInput) {\n    interactionId\n    member {\n      id\n    }\n  }\n}": types.RecordInteractionDocument,
    "mutation SavePhone($phoneInput: SavePhoneInput!) {\n  savePhone(input: $phoneInput) {\n    member {\n      id\n    }\n    loyalty {\n      savedPhoneNumber\n    }\n    billing {\n      status\n      messageId\n      notes {\n        code\n        note\n        type\n      }\n    }\n  }\n}": types.SavePhoneDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnterPromotion($promotionInput: EnterPromotionInput!) {\n  enterPromotion(input: $promotionInput) {\n    message\n    firstName\n    lastName\n    programName\n    points {\n      earned\n      available\n    }\n  }\n}"): (typeof documents)["mutation EnterPromotion($promotionInput: EnterPromotionInput!) {\n  enterPromotion(input: $promotionInput) {\n    message\n    firstName\n    lastName\n    programName\n    points {\n      earned\n      available\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($loginInput: LoginInput!) {\n  login(input: $loginInput) {\n    firstName\n    lastName\n    member {\n      id\n    }\n  }\n}"): (typeof documents)["mutation Login($loginInput: LoginInput!) {\n  login(input: $loginInput) {\n    firstName\n    lastName\n    member {\n      id\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MemberPhones($id: ID!) {\n  member(id: $id) {\n    id\n    billingPhones {\n      type\n      countryCode\n      areaCode\n      number\n      name\n      preferred\n    }\n  }\n}"): (typeof documents)["query MemberPhones($id: ID!) {\n  member(id: $id) {\n    id\n    billingPhones {\n      type\n      countryCode\n      areaCode\n      number\n      name\n      preferred\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Member($id: ID!) {\n  member(id: $id) {\n    id\n    loyalty {\n      kognitivMemberId\n      firstName\n      lastName\n      birthDate\n      gender\n      isSuspended\n    }\n    points {\n      earned\n      used\n      available\n    }\n    billingAccounts {\n      accountId\n      overdueStatus\n      overdueAmount\n      nextBillingDate\n      closed\n    }\n  }\n}"): (typeof documents)["query Member($id: ID!) {\n  member(id: $id) {\n    id\n    loyalty {\n      kognitivMemberId\n      firstName\n      lastName\n      birthDate\n      gender\n      isSuspended\n    }\n    points {\n      earned\n      used\n      available\n    }\n    billingAccounts {\n      accountId\n      overdueStatus\n      overdueAmount\n      nextBillingDate\n      closed\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RecordInteraction($interactionInput: RecordInteractionInput!) {\n  recordInteraction(input: $interactionInput) {\n    interactionId\n    member {\n      id\n    }\n  }\n}"): (typeof documents)["mutation RecordInteraction($interactionInput: RecordInteractionInput!) {\n  recordInteraction(input: $interactionInput) {\n    interactionId\n    member {\n      id\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SavePhone($phoneInput: SavePhoneInput!) {\n  savePhone(input: $phoneInput) {\n    member {\n      id\n    }\n    loyalty {\n      savedPhoneNumber\n    }\n    billing {\n      status\n      messageId\n      notes {\n        code\n        note\n        type\n      }\n    }\n  }\n}"): (typeof documents)["mutation SavePhone($phoneInput: SavePhoneInput!) {\n  savePhone(input: $phoneInput) {\n    member {\n      id\n    }\n    loyalty {\n      savedPhoneNumber\n    }\n    billing {\n      status\n      messageId\n      notes {\n        code\n        note\n        type\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
import { readFileSync } from 'node:fs';

/**
 * GraphQL documents that more than one test sends, written once. The example operations come from `operations/`
 * (what the README shows and Apollo Sandbox preloads); the short forms select a field or two, for tests about errors,
 * vendor calls and stored state rather than the shape of an answer. A test whose point is a hand-made document
 * (aliases, depth, injection, inline arguments) keeps its own.
 */
const example = (file: string) => readFileSync(new URL(`../../operations/${file}`, import.meta.url), 'utf8');

/** The files of `operations/`, as a client sends them. */
export const EXAMPLE_OPERATIONS = {
  member: example('member.graphql'),
  memberPhones: example('member-phones.graphql'),
  savePhone: example('save-phone.graphql'),
  enterPromotion: example('enter-promotion.graphql'),
  login: example('login.graphql'),
  recordInteraction: example('record-interaction.graphql'),
};

export const SAVE_PHONE =
  'mutation($input: SavePhoneInput!) { savePhone(input: $input) { loyalty { savedPhoneNumber } billing { status } } }';
export const ENTER_PROMOTION = 'mutation($input: EnterPromotionInput!) { enterPromotion(input: $input) { message } }';
/** enterPromotion with what changes between a first answer and a replay told apart: program and points earned. */
export const ENTER_PROMOTION_POINTS =
  'mutation($input: EnterPromotionInput!) { enterPromotion(input: $input) { message programName points { earned } } }';
export const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { firstName } }';
export const RECORD_INTERACTION = 'mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) { interactionId } }';

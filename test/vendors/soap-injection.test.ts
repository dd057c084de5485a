import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedCall, ReceivedFields } from '../../src/sandbox/shared/received-calls.js';
import { INPUT_LIMITS } from '../../src/schema/shared/input-limits.js';
import { errorAt, startSubgraph, type GraphQLResponse, type Subgraph, useSandboxedSubgraph } from '../support/test-stack.js';
import { ENTER_PROMOTION } from '../support/documents.js';

/** Text an attacker writes into a SOAP field, each kept short enough for most fields' limits. */
const HOSTILE: readonly (readonly [name: string, value: string])[] = [
  ['a CDATA section', '<![CDATA[x]]>'],
  ['the login exploit of issue 9', '<![CDATA[x]]></Password><AccountId>M1002</AccountId><Password><![CDATA[correct-horse]]>'],
  ['a CDATA end', ']]>'],
  ['closing and opening tags', '</Password><AccountId>M1002</AccountId><Password>'],
  ['a tag', '<a>'],
  ['an &amp; entity', '&amp;'],
  ['an &lt; entity', '&lt;'],
  ['a character reference', '&#x41;'],
  ['an undeclared entity', '&e;'],
  ['a bare ampersand', 'a & b'],
  ['a DOCTYPE declaring an entity', '<!DOCTYPE x [<!ENTITY e "boom">]>'],
  ['an XML declaration', '<?xml?>'],
  ['a comment', '<!-- -->'],
  ['quotes', `"'`],
  ['a CR', 'a\rb'],
  ['a CRLF', 'a\r\nb'],
  ['a trailing CR', 'ab\r'],
  ['a LF', 'a\nb'],
  ['a tab', 'a\tb'],
  ['non-BMP characters', '😀𝄞'],
];

/** Characters XML 1.0 cannot carry; JSON carries every one of them, a lone surrogate included. */
const XML_ILLEGAL: readonly (readonly [name: string, character: string])[] = [
  ['NUL', '\u0000'],
  ['U+0001', '\u0001'],
  ['backspace', '\u0008'],
  ['vertical tab', '\u000B'],
  ['form feed', '\u000C'],
  ['U+001F', '\u001F'],
  ['U+FFFE', '\uFFFE'],
  ['U+FFFF', '\uFFFF'],
  ['a lone high surrogate', '\uD800'],
  ['a lone low surrogate', '\uDC00'],
];

type Vendor = 'kognitiv' | 'debitsuccess';

/** Where a caller's string lands: the SOAP operation and the field path the sandbox parsed. */
interface WireField {
  vendor: Vendor;
  operation: string;
  path: readonly string[];
}

interface StringInput {
  /** The operation and input, for the test's name. */
  name: string;
  /** The input path a refusal names. */
  field: string;
  limit: number;
  send(value: string): Promise<GraphQLResponse>;
}

interface TextInput extends StringInput {
  wire: readonly WireField[];
}

const MEMBER = 'query($id: ID!) { member(id: $id) { loyalty { firstName } points { available } } }';
const ENTITIES =
  'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { loyalty { firstName } points { available } } } }';
const SAVE_PHONE =
  'mutation($input: SavePhoneInput!) { savePhone(input: $input) { member { id } loyalty { savedPhoneNumber } billing { status } } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { member { id } firstName } }';
const RECORD_INTERACTION = 'mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) { interactionId member { id } } }';

const LOYALTY_CORE: WireField = { vendor: 'kognitiv', operation: 'FetchLoyaltyMemberCore', path: ['AccountId'] };
const POINTS: WireField = { vendor: 'kognitiv', operation: 'FetchMemberPointBalances', path: ['MemberAccountId'] };
const UPDATE_PHONE = (...path: string[]): WireField => ({ vendor: 'debitsuccess', operation: 'UpdateClientPhoneNumber', path });
const KOGNITIV = (operation: string, field: string): WireField => ({ vendor: 'kognitiv', operation, path: [field] });

function sandboxOf(vendor: Vendor) {
  return vendor === 'kognitiv' ? stack.sandboxes.kognitiv!.sandbox : stack.sandboxes.debitsuccess!.sandbox;
}

function vendorCalls(): number {
  return stack.sandboxes.kognitiv!.sandbox.callCount() + stack.sandboxes.debitsuccess!.sandbox.callCount();
}

/** Sends with a clean record of what each sandbox received. */
async function sendFresh(input: StringInput, value: string): Promise<GraphQLResponse> {
  stack.sandboxes.kognitiv!.sandbox.resetReceivedCalls();
  stack.sandboxes.debitsuccess!.sandbox.resetReceivedCalls();
  return input.send(value);
}

function receivedAt(wire: WireField): ReceivedCall[] {
  return sandboxOf(wire.vendor)
    .receivedCalls()
    .filter((call) => call.operation === wire.operation);
}

function valueAt(fields: ReceivedFields, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, name) => (node as ReceivedFields | undefined)?.[name], fields);
}

type Input = Record<string, unknown>;
const savePhone = (input: Input) =>
  stack.subgraph.request(SAVE_PHONE, { input: { memberId: 'M1002', type: 'HOME', number: '+64 9 301 2345', ...input } });
const enterPromotion = (input: Input) =>
  stack.subgraph.request(ENTER_PROMOTION, { input: { phoneNumber: '+64 21 123 4567', productCode: 'NONE', ...input } });
const login = (input: Input) => stack.subgraph.request(LOGIN, { input: { accountId: 'M1001', password: 'wrong', ...input } });
const recordInteraction = (input: Input) =>
  stack.subgraph.request(RECORD_INTERACTION, { input: { memberId: 'M1002', type: 'CLUB-VISIT', ...input } });

const text = (
  name: string,
  field: string,
  limit: number,
  send: (value: string) => Promise<GraphQLResponse>,
  ...wire: WireField[]
): TextInput => ({ name, field, limit, send, wire });

const TEXT_INPUTS: readonly TextInput[] = [
  text('member(id)', 'id', INPUT_LIMITS.accountId, (v) => stack.subgraph.request(MEMBER, { id: v }), LOYALTY_CORE, POINTS),
  text(
    '_entities id',
    'id',
    INPUT_LIMITS.accountId,
    (v) => stack.subgraph.request(ENTITIES, { reps: [{ __typename: 'Member', id: v }] }),
    LOYALTY_CORE,
    POINTS,
  ),
  text(
    'savePhone memberId',
    'input.memberId',
    INPUT_LIMITS.externalAccountReference,
    (v) => savePhone({ memberId: v }),
    LOYALTY_CORE,
    UPDATE_PHONE('ExternalAccountReferenceNo'),
  ),
  text(
    'savePhone areaCode',
    'input.areaCode',
    INPUT_LIMITS.areaCode,
    (v) => savePhone({ areaCode: v }),
    UPDATE_PHONE('PhoneNumber', 'STDCode'),
  ),
  text(
    'savePhone contactName',
    'input.contactName',
    INPUT_LIMITS.contactName,
    (v) => savePhone({ contactName: v }),
    UPDATE_PHONE('PhoneNumber', 'Name'),
  ),
  text(
    'savePhone mobileCarrier',
    'input.mobileCarrier',
    INPUT_LIMITS.mobileCarrier,
    (v) => savePhone({ mobileCarrier: v }),
    KOGNITIV('SaveAccountPhone', 'MobileCarrierExternalReference'),
  ),
  text(
    'enterPromotion productCode',
    'input.productCode',
    INPUT_LIMITS.productCode,
    (v) => enterPromotion({ productCode: v }),
    KOGNITIV('ProductPromotionEntry', 'ProductCode'),
  ),
  text(
    'enterPromotion location',
    'input.location',
    INPUT_LIMITS.location,
    (v) => enterPromotion({ location: v }),
    KOGNITIV('ProductPromotionEntry', 'LocationExternalReference'),
  ),
  text(
    'login accountId',
    'input.accountId',
    INPUT_LIMITS.accountId,
    (v) => login({ accountId: v }),
    KOGNITIV('ExternalLogin', 'AccountId'),
  ),
  text('login password', 'input.password', INPUT_LIMITS.password, (v) => login({ password: v }), KOGNITIV('ExternalLogin', 'Password')),
  text(
    'login location',
    'input.location',
    INPUT_LIMITS.location,
    (v) => login({ location: v }),
    KOGNITIV('ExternalLogin', 'LocationExternalReference'),
  ),
  text(
    'recordInteraction memberId',
    'input.memberId',
    INPUT_LIMITS.accountId,
    (v) => recordInteraction({ memberId: v }),
    KOGNITIV('RecordInteraction', 'AccountId'),
  ),
  text(
    'recordInteraction type',
    'input.type',
    INPUT_LIMITS.interactionType,
    (v) => recordInteraction({ type: v }),
    KOGNITIV('RecordInteraction', 'InteractionTypeExternalReference'),
  ),
  text(
    'recordInteraction location',
    'input.location',
    INPUT_LIMITS.location,
    (v) => recordInteraction({ location: v }),
    KOGNITIV('RecordInteraction', 'LocationExternalReference'),
  ),
  text(
    'recordInteraction note',
    'input.note',
    INPUT_LIMITS.interactionNote,
    (v) => recordInteraction({ note: v }),
    KOGNITIV('RecordInteraction', 'InteractionNote'),
  ),
];

/** Phone numbers are parsed, never sent as typed: hostile text there cannot be a number. */
const PHONE_INPUTS: readonly StringInput[] = [
  { name: 'savePhone number', field: 'input.number', limit: INPUT_LIMITS.phoneNumber, send: (v) => savePhone({ number: v }) },
  {
    name: 'enterPromotion phoneNumber',
    field: 'input.phoneNumber',
    limit: INPUT_LIMITS.phoneNumber,
    send: (v) => enterPromotion({ phoneNumber: v }),
  },
];

/** A value of this input the vendor accepts as text, to refuse or send with one bad character in it. */
const plainValue = (input: StringInput) => (PHONE_INPUTS.includes(input) ? '+64 21 123 4567' : 'ab');

// Every hostile password is a wrong one: the throttle must not stop them before the wire.
const stack = useSandboxedSubgraph(() => ({ env: { LOGIN_MAX_FAILURES: '100000' } }));

describe('hostile text reaches the vendor exactly as sent', () => {
  const cases = TEXT_INPUTS.flatMap((input) =>
    HOSTILE.filter(([, value]) => value.length <= input.limit).map(([name, value]) => [input.name, name, input, value] as const),
  );

  it.each(cases)('%s: %s', async (_input, _name, input, value) => {
    await sendFresh(input, 'x');
    const benign = input.wire.map((wire) => receivedAt(wire).map((call) => call.elementCount));

    await sendFresh(input, value);

    input.wire.forEach((wire, i) => {
      const calls = receivedAt(wire);
      expect(calls.length, `${wire.operation} received`).toBeGreaterThan(0);
      expect(calls.map((call) => valueAt(call.fields, wire.path))).toEqual(calls.map(() => value));
      expect(calls.map((call) => call.elementCount)).toEqual(benign[i]);
    });
  });

  it.each(
    PHONE_INPUTS.flatMap((input) =>
      HOSTILE.filter(([, value]) => value.length <= input.limit).map(([name, value]) => [input.name, name, input, value] as const),
    ),
  )('%s: %s is refused as no phone number, before any vendor call', async (_input, _name, input, value) => {
    const before = vendorCalls();

    const response = await input.send(value);

    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', input.field]]);
    expect(vendorCalls()).toBe(before);
  });
});

describe('text XML 1.0 cannot carry', () => {
  const inputs = [...TEXT_INPUTS, ...PHONE_INPUTS];
  const cases = inputs.flatMap((input) => XML_ILLEGAL.map(([name, character]) => [input.name, name, input, character] as const));

  it.each(cases)('%s with %s is BAD_USER_INPUT before any vendor call', async (_input, _name, input, character) => {
    const before = vendorCalls();

    const response = await input.send(`${plainValue(input)}${character}`);

    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.extensions?.retryable])).toEqual([
      ['BAD_USER_INPUT', input.field, false],
    ]);
    expect(vendorCalls()).toBe(before);
  });
});

describe('input limits', () => {
  it.each([...TEXT_INPUTS, ...PHONE_INPUTS].map((input) => [input.name, input] as const))(
    '%s over its limit is BAD_USER_INPUT before any vendor call',
    async (_input, input) => {
      const before = vendorCalls();

      const response = await input.send(plainValue(input).padEnd(input.limit + 1, '1'));

      expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', input.field]]);
      expect(response.errors?.[0]?.message).toContain(`at most ${input.limit} characters`);
      expect(vendorCalls()).toBe(before);
    },
  );
});

describe('the exploits of issue 9, with authorization on', () => {
  const ROUTER_SECRET = 'router-shared-secret-for-tests';
  const ROUTER = { 'router-authorization': ROUTER_SECRET };
  const AS_M1002 = { ...ROUTER, 'x-member-id': 'M1002' };
  let guarded: Subgraph;

  beforeAll(async () => {
    guarded = await startSubgraph(stack.sandboxes, { env: { ROUTER_SECRET, AUTHORIZATION: 'on' } });
  });

  afterAll(async () => {
    await guarded?.close();
  });

  it("a login whose password injects another account's credentials gives no access to M1001", async () => {
    const password = '<![CDATA[x]]></Password><AccountId>M1002</AccountId><Password><![CDATA[correct-horse]]>';
    stack.sandboxes.kognitiv!.sandbox.resetReceivedCalls();

    const response = await guarded.request(
      `mutation($input: LoginInput!) { login(input: $input) { member { id loyalty { firstName } } firstName } }`,
      { input: { accountId: 'M1001', password } },
      ROUTER,
    );

    expect(response.data?.login ?? null).toBeNull();
    expect(JSON.stringify(response)).not.toContain('Aroha');
    expect(errorAt(response, ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(stack.sandboxes.kognitiv!.sandbox.receivedCalls().map((call) => call.fields)).toEqual([
      expect.objectContaining({ AccountId: 'M1001', Password: password }),
    ]);
  });

  it('a note that closes InteractionNote and names M1001 is recorded on M1002, note intact', async () => {
    const note = '<![CDATA[x]]></InteractionNote><AccountId>M1001</AccountId><InteractionNote><![CDATA[y]]>';
    const interactions = stack.sandboxes.kognitiv!.sandbox.state.interactions;
    const before = interactions.length;

    const response = await guarded.request(RECORD_INTERACTION, { input: { memberId: 'M1002', type: 'CLUB-VISIT', note } }, AS_M1002);

    expect(response.errors).toBeUndefined();
    expect(response.data?.recordInteraction.member.id).toBe('M1002');
    expect(interactions.slice(before)).toEqual([expect.objectContaining({ accountId: 'M1002', note })]);
  });

  it("a mobileCarrier that injects M1001's MemberId never writes M1001's phone", async () => {
    const mobileCarrier =
      '<![CDATA[]]></MobileCarrierExternalReference><MemberId>5001</MemberId><MobileCarrierExternalReference><![CDATA[]]>';
    const m1001 = stack.sandboxes.kognitiv!.sandbox.state.byAccountId('M1001')!;
    const phonesBefore = structuredClone(m1001.phones);
    stack.sandboxes.kognitiv!.sandbox.resetReceivedCalls();

    const response = await guarded.request(
      SAVE_PHONE,
      { input: { memberId: 'M1002', type: 'MOBILE', number: '+64 21 555 0101', mobileCarrier } },
      AS_M1002,
    );

    expect(m1001.phones).toEqual(phonesBefore);
    expect(errorAt(response, ['savePhone', 'loyalty']).extensions?.code).not.toBeUndefined();
    const saves = stack.sandboxes.kognitiv!.sandbox.receivedCalls().filter((call) => call.operation === 'SaveAccountPhone');
    expect(saves.map((call) => [call.fields.MemberId, call.fields.MobileCarrierExternalReference])).toEqual([[5002, mobileCarrier]]);
  });
});

describe('configured strings travel the same way', () => {
  const location = '<![CDATA[x]]></LocationExternalReference><AccountId>M1002</AccountId><LocationExternalReference><![CDATA[WEB]]>';
  const requestInitiator =
    '<![CDATA[x]]></RequestInitiator><ExternalAccountReferenceNo>M1001</ExternalAccountReferenceNo><RequestInitiator>&';
  let configured: Subgraph;

  beforeAll(async () => {
    configured = await startSubgraph(stack.sandboxes, { kognitiv: { defaultLocation: location }, debitsuccess: { requestInitiator } });
  });

  afterAll(async () => {
    await configured?.close();
  });

  it('sends the default location and the request initiator exactly as configured', async () => {
    stack.sandboxes.kognitiv!.sandbox.resetReceivedCalls();
    stack.sandboxes.debitsuccess!.sandbox.resetReceivedCalls();

    await configured.request(RECORD_INTERACTION, { input: { memberId: 'M1001', type: 'CLUB-VISIT' } });
    await configured.request(SAVE_PHONE, { input: { memberId: 'M1008', type: 'HOME', number: '+64 9 301 9999' } });

    expect(stack.sandboxes.kognitiv!.sandbox.receivedCalls().find((call) => call.operation === 'RecordInteraction')?.fields).toMatchObject({
      AccountId: 'M1001',
      LocationExternalReference: location,
    });
    expect(stack.sandboxes.debitsuccess!.sandbox.receivedCalls()[0]?.fields).toMatchObject({
      ExternalAccountReferenceNo: 'M1008',
      RequestInitiator: requestInitiator,
    });
  });
});

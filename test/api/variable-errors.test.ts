import { describe, expect, it } from 'vitest';
import { SAVE_PHONE } from '../support/documents.js';
import { useSandboxedSubgraph, type GraphQLResponse } from '../support/test-stack.js';

/**
 * Variables graphql-js cannot coerce to their types are refused before execution (by Apollo Server), in the product's
 * shape: `BAD_USER_INPUT` with `field`, the path of the offending input field as `userInputError` names it, and
 * `retryable: false`, never quoting the value sent (a phone number, a password).
 */

const PHONE = '+64 21 555 0199';
const VALID = { memberId: 'M1001', type: 'MOBILE', number: PHONE };
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

/** The one error of a refused request, checked for what every variable error must say and must not. */
function refusal(response: GraphQLResponse, ...neverQuoted: string[]) {
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  for (const value of neverQuoted) expect(JSON.stringify(error)).not.toContain(value);
  return error!;
}

describe('variable coercion errors', () => {
  const stack = useSandboxedSubgraph();
  const send = (variables: Record<string, unknown>, query = SAVE_PHONE) => stack.subgraph.request(query, variables);

  it('a required input field left out: BAD_USER_INPUT at that field', async () => {
    const error = refusal(await send({ input: { type: 'MOBILE', number: PHONE } }), PHONE, '555');

    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.memberId', retryable: false });
    expect(error.message).toBe('The input is not valid. input.memberId: required (ID!), not provided');
  });

  it('a value of the wrong type: at that field, without the value', async () => {
    const error = refusal(await send({ input: { ...VALID, number: 64215550199 } }), '64215550199', '555');

    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.number', retryable: false });
    expect(error.message).toBe('The input is not valid. input.number: expected String');
  });

  it('an unknown field: at that field, without its value', async () => {
    const error = refusal(await send({ input: { ...VALID, phone: PHONE } }), PHONE, '555');

    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.phone', retryable: false });
    expect(error.message).toBe('The input is not valid. input.phone: not a field of SavePhoneInput');
  });

  it('a phone number where an enum value belongs: at that field, without the number', async () => {
    const error = refusal(await send({ input: { ...VALID, type: PHONE } }), PHONE, '555');

    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.type', retryable: false });
    expect(error.message).toBe('The input is not valid. input.type: expected PhoneType');
  });

  it('a phone number where the input object belongs: at the variable, without the number', async () => {
    const error = refusal(await send({ input: PHONE }), PHONE, '555');

    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input', retryable: false });
    expect(error.message).toBe('The input is not valid. input: expected SavePhoneInput, an input object');
  });

  it('null for a required field: at that field', async () => {
    const error = refusal(await send({ input: { ...VALID, memberId: null } }), PHONE);

    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.memberId', retryable: false });
    expect(error.message).toBe('The input is not valid. input.memberId: must not be null (ID!)');
  });

  it('a required variable left out, or null: at the variable', async () => {
    const missing = refusal(await send({}));
    const nulled = refusal(await send({ input: null }));

    expect(missing.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input', retryable: false });
    expect(missing.message).toBe('The input is not valid. input: required (SavePhoneInput!), not provided');
    expect(nulled.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input', retryable: false });
    expect(nulled.message).toBe('The input is not valid. input: must not be null (SavePhoneInput!)');
  });

  it('an item of a list: at its index', async () => {
    const error = refusal(await send({ r: [{ __typename: 'Member', id: 'M1001', phone: PHONE }, null] }, ENTITIES), PHONE, '555');

    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'r[1]', retryable: false });
    expect(error.message).toBe('The input is not valid. r[1]: must not be null (_Any!)');
  });

  it('one error per bad field, each at its own path', async () => {
    const response = await send({ input: { type: 'CELL', number: 64215550199 } });

    expect(response.errors?.map((error) => error.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'input.memberId', retryable: false },
      { code: 'BAD_USER_INPUT', field: 'input.type', retryable: false },
      { code: 'BAD_USER_INPUT', field: 'input.number', retryable: false },
    ]);
    expect(JSON.stringify(response)).not.toContain('64215550199');
  });
});

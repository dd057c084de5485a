import { describe, expect, it } from 'vitest';
import { SANDBOX_MANY_NOTES } from '../../src/sandbox/debitsuccess/update-phone.js';
import { CLIENT_NOTE_LIMITS } from '../../src/schema/shared/vendor-notes.js';
import { errorAt, useSandboxedSubgraph, type GraphQLResponse } from '../support/test-stack.js';

const SAVE_PHONE =
  'mutation($id: ID!) { savePhone(input: { memberId: $id, type: HOME, number: "+64 9 300 1111" }) { billing { status notes { code note type } notesOmitted } } }';
const SAVE_PHONE_STATUS =
  'mutation($id: ID!) { savePhone(input: { memberId: $id, type: HOME, number: "+64 9 300 1111" }) { billing { status } } }';

/** The response as the router receives it, with its size on the wire. */
async function savePhone(url: string, id: string, query = SAVE_PHONE) {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { id } }),
  });
  const body = await answer.text();
  return { bytes: Buffer.byteLength(body), response: { status: answer.status, ...(JSON.parse(body) as object) } as GraphQLResponse };
}

describe('Debitsuccess notes reaching a client', () => {
  const stack = useSandboxedSubgraph();

  it('caps the notes of an error: the first ones, cut to length, with how many were left out', async () => {
    const { bytes, response } = await savePhone(stack.subgraph.url, 'RC-MANY-NOTES', SAVE_PHONE_STATUS);

    const { extensions } = errorAt(response, ['savePhone', 'billing']);
    expect(bytes).toBeLessThan(20_000);
    expect(extensions?.notes).toHaveLength(CLIENT_NOTE_LIMITS.count);
    expect(extensions?.notes[0].note).toHaveLength(CLIENT_NOTE_LIMITS.textLength);
    expect(extensions?.notes[0].note).toMatch(/^Note 1: x+…$/);
    expect(extensions?.notes[1]).toEqual({ code: '99999', note: `Note 2 of ${SANDBOX_MANY_NOTES}`, type: 'Error' });
    expect(extensions?.notesOmitted).toBe(SANDBOX_MANY_NOTES - CLIENT_NOTE_LIMITS.count);
  });

  it("caps savePhone's billing notes the same way", async () => {
    const { bytes, response } = await savePhone(stack.subgraph.url, 'RC-MANY-WARNINGS');

    const billing = response.data?.savePhone.billing;
    expect(billing.status).toBe('SUCCEED');
    expect(billing.notes).toHaveLength(CLIENT_NOTE_LIMITS.count);
    expect(billing.notes[0]).toEqual({ code: '00', note: 'Success', type: 'INFO' });
    expect(billing.notes[1].note).toMatch(/^Note 1: x+…$/);
    expect(billing.notes[2]).toEqual({ code: '14030', note: `Note 2 of ${SANDBOX_MANY_NOTES}`, type: 'WARNING' });
    // The vendor's 00 and its 3,000 warnings, less the first 20.
    expect(billing.notesOmitted).toBe(SANDBOX_MANY_NOTES + 1 - CLIENT_NOTE_LIMITS.count);
    expect(bytes).toBeLessThan(20_000);
  });

  it('says nothing is omitted when nothing is', async () => {
    const { response } = await savePhone(stack.subgraph.url, 'M1001');

    expect(response.data?.savePhone.billing).toMatchObject({ notes: [{ code: '00', type: 'INFO' }], notesOmitted: 0 });
  });
});

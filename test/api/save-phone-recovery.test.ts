import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/sandbox/shared/faults.js';
import { EXAMPLE_OPERATIONS } from '../support/documents.js';
import { errorAt, useSandboxedSubgraph } from '../support/test-stack.js';

/**
 * The README's recovery from an unknown outcome (Idempotency keys), followed as a client would: a savePhone whose
 * Debitsuccess write was cut after it was sent, the read that shows whether it landed, the second write with a new key.
 */
const stack = useSandboxedSubgraph();
const debitsuccess = () => stack.sandboxes.debitsuccess!.sandbox;

async function savePhone(number: string, idempotencyKey: string) {
  return stack.subgraph.request(EXAMPLE_OPERATIONS.savePhone, {
    phoneInput: { memberId: 'M1001', type: 'MOBILE', number, idempotencyKey },
  });
}

async function mobileNumbers(): Promise<string[]> {
  const read = await stack.subgraph.request<{ member: { billingPhones: { type: string; number: string }[] } }>(
    EXAMPLE_OPERATIONS.memberPhones,
    { id: 'M1001' },
  );
  expect(read.errors).toBeUndefined();
  return read.data!.member.billingPhones.filter((p) => p.type === 'MOBILE').map((p) => p.number);
}

async function cutWrite(fault: Fault, number: string, key: string): Promise<void> {
  debitsuccess().injectFault(fault, 1);
  const first = await savePhone(number, key);
  expect(first.data?.savePhone.loyalty).toEqual({ savedPhoneNumber: number.replace(/ /g, '') });
  expect(errorAt(first, ['savePhone', 'billing']).extensions).toMatchObject({
    code: 'VENDOR_OUTCOME_UNKNOWN',
    vendor: 'DEBITSUCCESS',
    retryable: false,
  });
  // The same key only replays the unknown outcome, never sending the write again.
  const writes = debitsuccess().callCount('UpdateClientPhoneNumber');
  const repeat = await savePhone(number, key);
  expect(errorAt(repeat, ['savePhone', 'billing']).extensions).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN', replayed: true });
  expect(debitsuccess().callCount('UpdateClientPhoneNumber')).toBe(writes);
}

describe('savePhone: recovering from VENDOR_OUTCOME_UNKNOWN as the README says', () => {
  it('a write that landed shows on the read; sending it again with a new key leaves one number of the type', async () => {
    await cutWrite({ kind: 'reset' }, '+64 21 444 5555', 'recovery-landed-1');

    expect(await mobileNumbers()).toEqual(['214445555']);

    const second = await savePhone('+64 21 444 5555', 'recovery-landed-2');
    expect(second.errors).toBeUndefined();
    expect(second.data?.savePhone.billing.status).toBe('SUCCEED');
    expect(await mobileNumbers()).toEqual(['214445555']);
  });

  it('a write that did not land is absent from the read; sending it again with a new key makes it appear', async () => {
    await cutWrite({ kind: 'drop' }, '+64 21 666 7777', 'recovery-lost-1');

    expect(await mobileNumbers()).toEqual(['214445555']);

    const second = await savePhone('+64 21 666 7777', 'recovery-lost-2');
    expect(second.errors).toBeUndefined();
    expect(second.data?.savePhone.billing.status).toBe('SUCCEED');
    expect(await mobileNumbers()).toEqual(['216667777']);
  });
});

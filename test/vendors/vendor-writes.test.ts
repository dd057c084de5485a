import { afterEach, describe, expect, it } from 'vitest';
import { VENDOR_OPERATIONS, type VendorOperation } from '../../src/vendors/vendor-operations.js';
import { errorAt, useSandboxedSubgraph } from '../support/test-stack.js';
import { ENTER_PROMOTION, LOGIN, RECORD_INTERACTION, SAVE_PHONE } from '../support/documents.js';

/** For each write, a mutation that makes it and where its error lands. A write declared without a row here fails the suite. */
const WRITE_CALLS: Record<string, { query: string; variables: Record<string, unknown>; path: string[]; callsBefore?: number }> = {
  SaveAccountPhone: {
    query: SAVE_PHONE,
    variables: { input: { memberId: 'M1001', type: 'WORK', number: '+64 4 470 9999' } },
    path: ['savePhone', 'loyalty'],
    // FetchLoyaltyMemberCore first, for the member id the write needs.
    callsBefore: 1,
  },
  UpdateClientPhoneNumber: {
    query: SAVE_PHONE,
    variables: { input: { memberId: 'M1001', type: 'WORK', number: '+64 4 470 9998' } },
    path: ['savePhone', 'billing'],
  },
  ProductPromotionEntry: {
    query: ENTER_PROMOTION,
    variables: { input: { phoneNumber: '+64 (21) 123-4567', productCode: 'PROTEIN-BAR' } },
    path: ['enterPromotion'],
  },
  ExternalLogin: {
    query: LOGIN,
    variables: { input: { accountId: 'M1001', password: 'correct-horse' } },
    path: ['login'],
  },
  RecordInteraction: {
    query: RECORD_INTERACTION,
    variables: { input: { memberId: 'M1001', type: 'CLUB-VISIT' } },
    path: ['recordInteraction'],
  },
};

const writes = Object.values(VENDOR_OPERATIONS)
  .flatMap((operations): VendorOperation[] => Object.values(operations))
  .filter((operation) => operation.kind === 'write');

const stack = useSandboxedSubgraph(() => ({
  kognitiv: { timeoutMs: 300 },
  debitsuccess: { timeoutMs: 300 },
  env: { VENDOR_RETRY_DELAY_MS: '0', BREAKER_THRESHOLD: '1000' },
}));

afterEach(() => {
  for (const vendor of [stack.sandboxes.kognitiv!.sandbox, stack.sandboxes.debitsuccess!.sandbox]) {
    vendor.clearFaults();
    vendor.resetCallCounts();
  }
});

describe('every write declared in VENDOR_OPERATIONS', () => {
  it('has a mutation here that makes it', () => {
    expect(Object.keys(WRITE_CALLS).sort()).toEqual(writes.map((w) => w.operation).sort());
  });

  // The resilience layer marks a write's failure from the declaration: a timed-out write is never "unavailable, retry".
  it.each(writes.map((w) => [w.operation, w] as const))(
    '%s, timed out, is VENDOR_OUTCOME_UNKNOWN, not retryable, and reached the vendor once',
    async (_name, write) => {
      const sandbox = write.vendor === 'KOGNITIV' ? stack.sandboxes.kognitiv!.sandbox : stack.sandboxes.debitsuccess!.sandbox;
      const call = WRITE_CALLS[write.operation]!;
      // The vendor's calls before the write are answered as usual; the write itself is answered too late.
      if (call.callsBefore) sandbox.injectFault({ kind: 'delay', ms: 0 }, call.callsBefore);
      sandbox.injectFault({ kind: 'delay', ms: 1_000 }, 1);

      const response = await stack.subgraph.request(call.query, call.variables);

      expect(errorAt(response, call.path).extensions).toMatchObject({
        code: 'VENDOR_OUTCOME_UNKNOWN',
        reason: 'TIMEOUT',
        retryable: false,
        operation: write.operation,
      });
      expect(sandbox.callCount(write.operation)).toBe(1);
    },
  );
});

import { beforeEach, describe, expect, it } from 'vitest';
import { memberError } from '../../src/schema/errors/member-error.js';
import { callVendor, vendorsCalling, type Vendors } from '../../src/vendors/vendor-operations.js';
import { VendorReturnCodeError, VendorTransportError } from '../../src/vendors/vendor-error.js';
import { errorAt, useSandboxedSubgraph } from '../support/test-stack.js';

/** A captured stack has one `    at …` line per frame; an error built without one has only its `Name: message` line. */
const FRAME = /\n\s+at /;

/** The errors the real datasources throw, as they leave them. */
const thrown: unknown[] = [];
function recordingThrown(vendors: Vendors): Vendors {
  return vendorsCalling((datasource, method, _operation, args) =>
    callVendor(vendors, datasource, method, args).catch((error: unknown) => {
      thrown.push(error);
      throw error;
    }),
  );
}

const stack = useSandboxedSubgraph(() => ({ env: { VENDOR_RETRY_DELAY_MS: '0' }, wrapVendors: recordingThrown }));

beforeEach(() => {
  thrown.length = 0;
});

// Expected outcomes are answers, not faults: nobody reads their stack (formatError logs named fields only, responses
// carry none), and capturing and source-mapping one per error was measurable CPU under `_entities` (docs/benchmarks.md).
describe('expected outcomes are built without a stack trace', () => {
  it('a vendor return code (an unknown member) still answers with its code, from an error that has no stack frames', async () => {
    const response = await stack.subgraph.request('{ member(id: "NO-SUCH-MEMBER") { loyalty { firstName } } }');

    expect(errorAt(response, ['member', 'loyalty']).extensions).toMatchObject({ code: 'MEMBER_NOT_FOUND', retryable: false });
    expect(thrown).toHaveLength(1);
    const error = thrown[0] as VendorReturnCodeError;
    expect(error).toBeInstanceOf(VendorReturnCodeError);
    expect(error.stack).toBe(`VendorReturnCodeError: ${error.message}`);
  });

  it('an error raised on purpose (memberError) has no stack frames, and the stack depth is restored after it', () => {
    const before = Error.stackTraceLimit;

    const error = memberError('FORBIDDEN', { retryable: false });

    expect(error.stack).not.toMatch(FRAME);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('after').stack).toMatch(FRAME);
  });
});

describe('faults keep their stack trace', () => {
  it('a vendor outage (a connection lost mid-answer) is thrown with its stack frames', async () => {
    stack.sandboxes.kognitiv!.sandbox.injectFault({ kind: 'reset' }, 10);

    const response = await stack.subgraph.request('{ member(id: "M1001") { loyalty { firstName } } }');

    expect(errorAt(response, ['member', 'loyalty']).extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    const outage = thrown.find((e) => e instanceof VendorTransportError);
    expect(outage).toBeDefined();
    expect(outage!.stack).toMatch(FRAME);
  });
});

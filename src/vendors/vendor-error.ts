/**
 * The two ways a vendor call fails, as seen from the vendor boundary. Datasources throw only these
 * (and never GraphQL errors); `src/schema/errors` turns them into the client's error extensions.
 */

export type Vendor = 'KOGNITIV' | 'DEBITSUCCESS';

/** How a vendor service is reached: its codes are read by it (Debitsuccess writes different codes over each). */
export type VendorTransport = 'SOAP' | 'REST';

/** The call that failed, as whoever makes the error knows it: the vendor, how it was reached, its operation. */
export interface VendorCall {
  vendor: Vendor;
  transport: VendorTransport;
  /** The vendor method or endpoint, e.g. `SaveAccountPhone`, `GET /accounts`. */
  operation: string;
}

/** A call to one of `vendor`'s SOAP methods. */
export function soapCall(vendor: Vendor, operation: string): VendorCall {
  return { vendor, transport: 'SOAP', operation };
}

/** A call to one of `vendor`'s REST endpoints. */
export function restCall(vendor: Vendor, operation: string): VendorCall {
  return { vendor, transport: 'REST', operation };
}

/** Why a call produced no usable vendor answer at all. */
export type VendorFailureReason =
  | 'TIMEOUT'
  | 'CONNECTION'
  | 'HTTP_STATUS'
  | 'SOAP_FAULT'
  | 'MALFORMED_RESPONSE'
  /**
   * The vendor refused the request itself: a SOAP `Client`/`Sender` fault, or a REST 4xx (other than 429) that is not
   * one of its known verdicts. An answer to a bad request, which a caller can provoke at will: never an outage.
   */
  | 'REQUEST_REFUSED'
  | 'CIRCUIT_OPEN';

/** A note attached to a Debitsuccess answer (`ResponseNotes`). */
export interface VendorNote {
  code: string;
  note: string;
  type: 'Error' | 'Warning' | 'Info';
}

/** What both kinds of vendor error say about their call, copied from the `VendorCall` they are made with. */
abstract class VendorCallError extends Error {
  readonly vendor: Vendor;
  /** Says which column of the error table its code is read in. */
  readonly transport: VendorTransport;
  /** The vendor method or endpoint, e.g. `SaveAccountPhone`, `GET /accounts`. */
  readonly operation: string;

  /** `expected`: an answer, not a fault, built without a stack trace (as `withoutStackTrace`, which cannot wrap `super`). */
  constructor(call: VendorCall, message: string, options: ErrorOptions & { expected?: boolean } = {}) {
    const depth = Error.stackTraceLimit;
    if (options.expected) Error.stackTraceLimit = 0;
    try {
      super(message, options);
    } finally {
      Error.stackTraceLimit = depth;
    }
    ({ vendor: this.vendor, transport: this.transport, operation: this.operation } = call);
  }
}

/**
 * The vendor answered, and its answer says no: a non-zero Kognitiv ReturnCode, a Debitsuccess
 * Status other than Succeed, or a REST 4xx that is the vendor's verdict rather than an outage.
 * An expected outcome (an unknown member, a wrong password): built without a stack trace.
 */
export class VendorReturnCodeError extends VendorCallError {
  override readonly name = 'VendorReturnCodeError';

  constructor(
    call: VendorCall,
    /** The raw code as the vendor wrote it (`"315"`, `"02"`, `"401"`); undefined when it gave none. */
    readonly vendorCode: string | undefined,
    readonly details: {
      /**
       * The text the vendor wrote with its code (Kognitiv's `ErrorMessage`), as written. Never shown as such: the
       * error table says for which codes a client may read it, and which clients (`../schema/errors/`).
       */
      vendorMessage?: string;
      /** Debitsuccess: every response note, in the vendor's order. */
      notes?: VendorNote[];
      /** Debitsuccess: `Failed` or `Unknown`. `Unknown` means the write may or may not have happened. */
      status?: 'Failed' | 'Unknown';
    } = {},
  ) {
    super(
      call,
      `${call.vendor} ${call.operation} returned ${vendorCode ?? 'no code'}${details.status ? ` (status ${details.status})` : ''}`,
      { expected: true },
    );
  }
}

/**
 * No usable answer: the call timed out, the connection failed, the HTTP status was an outage,
 * the body was a SOAP fault or unreadable. `sent` is false only when the request provably never
 * reached the vendor (connection refused, circuit open), which is what makes a write safe to retry.
 */
export class VendorTransportError extends VendorCallError {
  override readonly name = 'VendorTransportError';
  /**
   * Whether the failed call was meant to change something at the vendor. Set by the resilience layer, which
   * knows each operation's kind from VENDOR_OPERATIONS; the datasource that throws does not need to.
   */
  write = false;

  constructor(
    call: VendorCall,
    readonly reason: VendorFailureReason,
    readonly sent: boolean,
    /**
     * For logs only, never shown to clients: raw vendor text, whole (at most MAX_VENDOR_RESPONSE_BYTES). Never cut or
     * masked here: a vendor may quote a secret, and only the whole text lets the censor find it
     * (observability/vendor-text-for-log.ts censors, then masks, then cuts).
     */
    readonly detail: string,
    readonly extra: { httpStatus?: number; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(call, `${call.vendor} ${call.operation} failed: ${reason}`, { cause: extra.cause });
  }
}

/**
 * Whether a failure says the vendor service is unwell, and so counts toward its circuit: a timeout, a lost or refused
 * connection, a 5xx or 429, a SOAP Server/Receiver fault, an unreadable answer. Never an answer to the request itself
 * (a return code, a refusal): callers choose their input, so counting those would let any caller open a circuit
 * for everyone. An open circuit is the breaker's own answer, not a new outage.
 */
export function isVendorOutage(error: unknown): boolean {
  return error instanceof VendorTransportError && error.reason !== 'REQUEST_REFUSED' && error.reason !== 'CIRCUIT_OPEN';
}

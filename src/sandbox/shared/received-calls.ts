/** Field values as the sandbox parsed them: text, numbers, and nested data members. */
export interface ReceivedFields {
  [name: string]: string | number | ReceivedFields | undefined;
}

/** One SOAP call as the sandbox read it off the wire. */
export interface ReceivedCall {
  operation: string;
  fields: ReceivedFields;
  /** Elements in the whole envelope: an injected element shows here even where a reader ignores it. */
  elementCount: number;
}

/** Enough for any test's calls; the oldest go first so a long-running sandbox stays small. */
const KEPT = 200;

/** The last SOAP calls received, for tests that check what reached the vendor exactly. */
export class ReceivedCalls {
  private readonly calls: ReceivedCall[] = [];

  record(call: ReceivedCall): void {
    this.calls.push(call);
    if (this.calls.length > KEPT) this.calls.splice(0, this.calls.length - KEPT);
  }

  list(): readonly ReceivedCall[] {
    return [...this.calls];
  }

  reset(): void {
    this.calls.length = 0;
  }
}

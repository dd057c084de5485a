import { VendorTransportError, type Vendor, type VendorCall } from '../vendor-error.js';
import { callVendor, vendorsCalling, type VendorOperation, type Vendors } from '../vendor-operations.js';
import type { ServiceKey, VendorPolicies } from './vendor-policies.js';

/** Rejects once the request's deadline passes; the call itself is bounded by its own timeout. */
function withinDeadline<T>(op: VendorCall, deadline: number, call: Promise<T>): Promise<T> {
  const remaining = deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VendorTransportError(op, 'TIMEOUT', true, 'request deadline passed')), Math.max(0, remaining));
  });
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
}

export interface VendorCallEvent {
  vendor: Vendor;
  service: string;
  operation: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  durationMs: number;
  /** Undefined when the call succeeded. */
  error?: unknown;
}

export type VendorCallObserver = (event: VendorCallEvent) => void;

/** Runs one attempt inside what it sets up around it (a span, whose children the attempt's HTTP exchanges become). */
export type VendorAttemptTracer = <T>(
  attempt: Pick<VendorCallEvent, 'vendor' | 'service' | 'operation' | 'attempt'>,
  call: () => Promise<T>,
) => Promise<T>;

/** What watches each attempt: the observer hears how it ended, the tracer runs it. */
export interface VendorCallHooks {
  observe?: VendorCallObserver;
  traceAttempt?: VendorAttemptTracer;
}

/** Times one attempt and reports it, whatever its outcome. */
function observed<T>(
  { observe, traceAttempt }: VendorCallHooks,
  key: ServiceKey,
  operation: string,
  call: () => Promise<T>,
): () => Promise<T> {
  if (!observe && !traceAttempt) return call;
  let attempts = 0;
  return async () => {
    const attempt = (attempts += 1);
    const started = performance.now();
    const report = (error?: unknown) =>
      observe?.({ vendor: key.vendor, service: key.service, operation, attempt, durationMs: performance.now() - started, error });
    try {
      const result = await (traceAttempt ? traceAttempt({ vendor: key.vendor, service: key.service, operation, attempt }, call) : call());
      report();
      return result;
    } catch (error) {
      report(error);
      throw error;
    }
  };
}

/** A write's failure says so itself, so that the error table need not know which operations are writes. */
function markingWrites<T>(operation: VendorOperation, call: Promise<T>): Promise<T> {
  if (operation.kind !== 'write') return call;
  return call.catch((error: unknown) => {
    if (error instanceof VendorTransportError) error.write = true;
    throw error;
  });
}

/**
 * The datasources as resolvers see them: every call goes through its service's breaker, reads
 * retry transient failures, and nothing outlives the request's deadline. Made per request (it is
 * only closures); the breakers inside `policies` are shared.
 */
export function resilientVendors(raw: Vendors, policies: VendorPolicies, deadline: number, hooks: VendorCallHooks = {}): Vendors {
  return vendorsCalling((datasource, method, op, args) => {
    const key: ServiceKey = { vendor: op.vendor, service: op.service };
    const call = observed(hooks, key, op.operation, () => callVendor(raw, datasource, method, args));
    const guarded = op.kind === 'read' ? policies.read(op, deadline, call) : policies.write(op, call);
    return markingWrites(op, withinDeadline(op, deadline, guarded));
  });
}

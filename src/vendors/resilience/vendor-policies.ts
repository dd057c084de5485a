import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { Config } from '../../config.js';
import { isVendorOutage, VendorTransportError, type Vendor } from '../vendor-error.js';
import type { VendorOperation } from '../vendor-operations.js';

/** A breaker's states by the names /ready, the logs and `vendor_circuit_state` give them. */
const BREAKER_STATE_NAMES = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
} as const;
export type BreakerState = (typeof BREAKER_STATE_NAMES)[CircuitState];
export const BREAKER_STATES: readonly BreakerState[] = Object.values(BREAKER_STATE_NAMES);

/** Breaker and retry settings (`src/config.ts` declares them, their meaning and their defaults). */
export type ResilienceSettings = Config['resilience'];

/**
 * Transient failures a read may repeat: never a garbled answer, a SOAP fault, a refusal or an open breaker,
 * and not a 429 either: its Retry-After goes back to the client instead of being waited out here.
 */
function isTransient(error: Error): boolean {
  if (!(error instanceof VendorTransportError)) return false;
  if (error.reason === 'TIMEOUT' || error.reason === 'CONNECTION') return true;
  const status = error.extra.httpStatus;
  return error.reason === 'HTTP_STATUS' && status !== undefined && status >= 500;
}

export interface ServiceKey {
  vendor: Vendor;
  /** A vendor service (one breaker each), e.g. `LoyaltyMember.asmx`, `accounts`. */
  service: string;
}

/**
 * One circuit breaker per vendor service, shared by every request; reads are retried with backoff
 * and jitter within the request's deadline, writes never (they may have reached the vendor).
 */
export class VendorPolicies {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(private readonly settings: ResilienceSettings) {}

  private breaker(key: ServiceKey): CircuitBreakerPolicy {
    const id = `${key.vendor}:${key.service}`;
    let breaker = this.breakers.get(id);
    if (!breaker) {
      breaker = circuitBreaker(handleWhen(isVendorOutage), {
        halfOpenAfter: this.settings.breakerCooldownMs,
        breaker: new ConsecutiveBreaker(this.settings.breakerThreshold),
      });
      this.breakers.set(id, breaker);
    }
    return breaker;
  }

  /** Breaker states by `VENDOR:service`, for readiness and metrics. */
  states(): Record<string, BreakerState> {
    return Object.fromEntries([...this.breakers].map(([id, b]) => [id, BREAKER_STATE_NAMES[b.state]]));
  }

  private async throughBreaker<T>(op: VendorOperation, call: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker(op).execute(call);
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new VendorTransportError(op, 'CIRCUIT_OPEN', false, `circuit open for ${op.service}`);
      }
      throw error;
    }
  }

  write<T>(op: VendorOperation, call: () => Promise<T>): Promise<T> {
    return this.throughBreaker(op, call);
  }

  /**
   * `deadline` is an epoch ms after which no new attempt starts. The retries run inside the breaker, so one
   * logical read is one outcome for it however many attempts it took; a retry stops once the circuit opened.
   */
  read<T>(op: VendorOperation, deadline: number, call: () => Promise<T>): Promise<T> {
    const breaker = this.breaker(op);
    const policy = retry(
      handleWhen(
        (error) => isTransient(error) && breaker.state !== CircuitState.Open && Date.now() + this.settings.retryInitialDelayMs < deadline,
      ),
      {
        maxAttempts: this.settings.readAttempts - 1,
        backoff: new ExponentialBackoff({ initialDelay: this.settings.retryInitialDelayMs, maxDelay: 2_000 }),
      },
    );
    return this.throughBreaker(op, () => policy.execute(call));
  }
}

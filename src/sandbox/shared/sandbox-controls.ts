import { FaultInjector, type Fault } from './faults.js';
import { CallCounter } from './http-server.js';
import { ReceivedCalls, type ReceivedCall } from './received-calls.js';

/** What tests, benchmarks and front-end developers can do to any sandbox vendor. */
export interface SandboxControls {
  /** Calls received per operation since the last reset (all of them without an argument). */
  callCount(operation?: string): number;
  resetCallCounts(): void;
  /** When each call since the last reset was being handled. */
  spans(): readonly { start: number; end: number }[];
  /** The last SOAP calls received (at most 200), as parsed: operation, field values, element count. */
  receivedCalls(): readonly ReceivedCall[];
  resetReceivedCalls(): void;
  /** Delay added before every answer. */
  setLatency(ms: number): void;
  /** Misbehave on the next `times` calls (default: until cleared), then recover. */
  injectFault(fault: Fault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** Where a sandbox listens, and its base latency. */
export interface SandboxListenOptions {
  port?: number;
  host?: string;
  latencyMs?: number;
}

/** What every sandbox keeps: its call counts, the calls it parsed, its fault queue and its latency; and the controls over them. */
export class SandboxCallsAndFaults {
  readonly calls = new CallCounter();
  readonly received = new ReceivedCalls();
  readonly faults = new FaultInjector();
  /** Delay added before every answer. */
  latencyMs: number;

  constructor(options: SandboxListenOptions) {
    this.latencyMs = options.latencyMs ?? 0;
  }

  /** The controls every sandbox offers, `close` stopping its server. */
  controls(close: () => Promise<void>): SandboxControls {
    const { calls, received, faults } = this;
    return {
      callCount: (operation) => calls.count(operation),
      resetCallCounts: () => calls.reset(),
      spans: () => calls.spans,
      receivedCalls: () => received.list(),
      resetReceivedCalls: () => received.reset(),
      setLatency: (ms) => {
        this.latencyMs = ms;
      },
      injectFault: (fault, times) => faults.inject(fault, times),
      clearFaults: () => faults.clear(),
      close,
    };
  }
}

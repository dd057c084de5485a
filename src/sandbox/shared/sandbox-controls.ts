import type { Fault } from './faults.js';
import type { ReceivedCall } from './received-calls.js';

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

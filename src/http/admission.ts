import type { RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import { refuse } from './refuse.js';

/** Admission settings (`src/config.ts` declares them, their meaning and their defaults). */
export type AdmissionLimits = Config['limits']['admission'];

export type ShedReason = 'queue-full' | 'waited-too-long';

export interface Admission {
  middleware: RequestHandler;
  inFlight(): number;
  queued(): number;
  /** Calls `listener` for every request refused: admission knows nothing of who counts them (metrics). */
  onShed(listener: (reason: ShedReason) => void): void;
}

interface Waiter {
  admit(): void;
  timer: NodeJS.Timeout;
}

const RETRY_AFTER_SECONDS = 1;

function shed(res: Response): void {
  res.set('retry-after', String(RETRY_AFTER_SECONDS));
  refuse(res, 503, 'SERVICE_OVERLOADED', { retryable: true, retryAfter: RETRY_AFTER_SECONDS });
}

/**
 * Bounds the GraphQL requests being worked on. Under a burst the CPU is the limit, so letting every
 * request in at once only makes each one slower and keeps all their half-built answers in memory
 * together; here the excess waits, unread and in arrival order, and one that cannot be served in
 * time is told so (503, Retry-After) instead of timing out.
 */
export function createAdmission(limits: AdmissionLimits): Admission {
  let running = 0;
  const waiting: Waiter[] = [];
  const shedListeners: ((reason: ShedReason) => void)[] = [];
  const shedRequest = (res: Response, reason: ShedReason) => {
    for (const listener of shedListeners) listener(reason);
    shed(res);
  };

  const release = () => {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit(); // the slot passes straight to the next waiter
    } else running -= 1;
  };

  const middleware: RequestHandler = (_req, res, next) => {
    const admit = () => {
      res.once('close', release);
      next();
    };
    if (running < limits.maxConcurrent) {
      running += 1;
      admit();
      return;
    }
    if (waiting.length >= limits.maxQueued) {
      shedRequest(res, 'queue-full');
      return;
    }
    const waiter: Waiter = {
      admit,
      timer: setTimeout(() => {
        leave();
        shedRequest(res, 'waited-too-long');
      }, limits.maxWaitMs),
    };
    const leave = () => {
      const at = waiting.indexOf(waiter);
      if (at >= 0) waiting.splice(at, 1);
    };
    // A client that gives up while waiting frees its place in the queue.
    res.once('close', () => {
      clearTimeout(waiter.timer);
      leave();
    });
    waiting.push(waiter);
  };

  return {
    middleware,
    inFlight: () => running,
    queued: () => waiting.length,
    onShed: (listener) => {
      shedListeners.push(listener);
    },
  };
}

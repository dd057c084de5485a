import type { RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import { refuse } from './refuse.js';

/** Admission settings (`src/config.ts` declares them, their meaning and their defaults). */
export type AdmissionLimits = Config['limits']['admission'];

export interface AdmissionEvents {
  /** `queue-full` or `waited-too-long`. */
  shed?(reason: 'queue-full' | 'waited-too-long'): void;
}

export interface Admission {
  middleware: RequestHandler;
  inFlight(): number;
  queued(): number;
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
export function createAdmission(limits: AdmissionLimits, events: AdmissionEvents = {}): Admission {
  let running = 0;
  const waiting: Waiter[] = [];

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
      events.shed?.('queue-full');
      shed(res);
      return;
    }
    const waiter: Waiter = {
      admit,
      timer: setTimeout(() => {
        leave();
        events.shed?.('waited-too-long');
        shed(res);
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

  return { middleware, inFlight: () => running, queued: () => waiting.length };
}

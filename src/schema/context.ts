import type { AuthorizationSettings, Caller } from './auth/caller.js';
import type { Loaders } from './loaders.js';
import type { RequestIdempotency } from './idempotency/idempotent.js';
import type { LoginThrottle } from './login/login-throttle.js';
import type { RequestCostBudget } from './request-cost-budget.js';
import type { Config } from '../config.js';
import type { Vendors } from '../vendors/vendor-operations.js';

/** Settings resolvers need that are not a vendor's own. */
export type SchemaSettings = Pick<Config, 'kognitivPhoneTypes' | 'debitsuccessCountryCodes' | 'vendorConcurrency' | 'cacheSeconds'>;

/**
 * What every resolver and plugin of one GraphQL request sees, the one context type (request-context.ts builds it). Apollo
 * Server gives each operation of a batch a shallow copy, so what is an object here is shared by the batch.
 */
export interface RequestContext {
  /** Follows the request through the logs (the router's `x-request-id` when it sends one). */
  correlationId: string;
  /** When the HTTP request arrived (ms since the epoch): its deadline and its duration run from here, admission wait included. */
  receivedAt: number;
  /** Wrapped per request: breakers, read retries and the request's deadline apply to every call. */
  vendors: Vendors;
  settings: SchemaSettings;
  caller: Caller;
  authorization: AuthorizationSettings;
  loginThrottle: LoginThrottle;
  /** For mutations declared `@Idempotent()`: the store, the request's header key and deadline. */
  idempotency: RequestIdempotency;
  /** Fresh per request: what one operation reads from a vendor, it reads once. */
  loaders: Loaders;
  /** What the operations of this HTTP request have been granted so far (http/cost-limits-plugin.ts spends it). */
  costBudget: RequestCostBudget;
  /** Whether the request is answered as `application/json` (http/refusal-status.ts `answersPlainJson`). */
  answersPlainJson: boolean;
}

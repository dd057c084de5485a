import type { AuthorizationSettings, Caller } from './auth/caller.js';
import type { Loaders } from './loaders.js';
import type { RequestIdempotency } from './idempotency/idempotent.js';
import type { LoginThrottle } from './login/login-throttle.js';
import type { PhoneType } from './phone/phone-type.enum.js';
import type { Vendors } from '../vendors/vendor-operations.js';

/** Settings resolvers need that are not a vendor's own. */
export interface SchemaSettings {
  kognitivPhoneTypes: Record<PhoneType, string>;
  debitsuccessCountryCodes: Record<string, string>;
  vendorConcurrency: number;
  cacheSeconds: { member: number; loyalty: number; points: number; billing: number };
}

export interface RequestContext {
  /** Follows the request through the logs (the router's `x-request-id` when it sends one). */
  correlationId: string;
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
}

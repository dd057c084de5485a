import { cacheControlFromInfo } from '@apollo/cache-control-types';
import type { RequestContext } from '../context.js';
import { declareStep } from '../declared-steps.js';

/** Which CACHE_SECONDS_* setting a field's answer may be cached for. */
export type CachedData = keyof RequestContext['settings']['cacheSeconds'];

/**
 * A cache hint for routers with entity caching. Always PRIVATE: this is one member's personal data.
 * Fields without a hint (mutations, for one) keep Apollo's default of no caching at all.
 * Set before the resolver runs (so also on a field that then fails, as a vendor field can), and after the field's
 * access check wherever the decorator is placed (declared-steps.ts): a refused caller gets no hint.
 */
export function PrivateCache(data: CachedData): MethodDecorator {
  return declareStep('cacheHint', ({ info, context }, next) => {
    cacheControlFromInfo(info).setCacheHint({ maxAge: context.settings.cacheSeconds[data], scope: 'PRIVATE' });
    return next();
  });
}

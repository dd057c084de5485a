import { cacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';

/**
 * A cache hint for routers with entity caching. Always PRIVATE: this is one member's personal data.
 * Fields without a hint (mutations, for one) keep Apollo's default of no caching at all.
 */
export function hintPrivateCache(info: GraphQLResolveInfo, maxAge: number): void {
  cacheControlFromInfo(info).setCacheHint({ maxAge, scope: 'PRIVATE' });
}

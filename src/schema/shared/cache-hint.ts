import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { cacheControlFromInfo, type CacheScope } from '@apollo/cache-control-types';
import type { GraphQLSchema } from 'graphql';
import { Extensions } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { declareStep } from '../declared-steps.js';

/** Which CACHE_*_SECONDS setting a field's answer may be cached for. */
export type CachedData = keyof RequestContext['settings']['cacheSeconds'];

/**
 * Every field a router may cache, one row each: how long (the CACHE_*_SECONDS setting of its data) and for whom.
 * All of it is one member's personal data, so every row is PRIVATE: a router may give it again only to the same
 * caller. A field not listed here is not cacheable on its own: it inherits its parent's hint (a scalar) or makes the
 * whole answer uncacheable (an object). No Mutation field is listed: a mutation's answer is never cached.
 * `points` may be cached for less (0 by default) because enterPromotion changes them without naming the member
 * (README, "Caching in a router").
 */
export const CACHE_HINTS = {
  'Query.member': { data: 'member', scope: 'PRIVATE' },
  'Member.loyalty': { data: 'loyalty', scope: 'PRIVATE' },
  'Member.points': { data: 'points', scope: 'PRIVATE' },
  'Member.billingAccounts': { data: 'billing', scope: 'PRIVATE' },
  'Member.billingPhones': { data: 'billing', scope: 'PRIVATE' },
} as const satisfies Record<string, { data: CachedData; scope: CacheScope }>;

export type CachedField = keyof typeof CACHE_HINTS;

/** The field extension naming the CACHE_HINTS row a field declared. */
const CACHE_HINT = 'cacheHint';

/**
 * Declares that the decorated field (`field`: its own coordinate, checked at start-up by `checkCacheHints`) sets its
 * CACHE_HINTS row as its cache hint. Set before the resolver runs (so also on a field that then fails, as a vendor
 * field can), and after the field's access check (declared-steps.ts): a refused caller gets no hint. `_entities`
 * runs the `member` query's steps, so it takes that row.
 */
export function CacheHint(field: CachedField): MethodDecorator {
  const { data, scope } = CACHE_HINTS[field];
  return (target, key, descriptor) => {
    Extensions({ [CACHE_HINT]: field })(target, key, descriptor);
    declareStep('cacheHint', ({ info, context }, next) => {
      cacheControlFromInfo(info).setCacheHint({ maxAge: context.settings.cacheSeconds[data], scope });
      return next();
    })(target, key, descriptor);
  };
}

/** Throws, naming them, unless each CACHE_HINTS row is declared by the field it names, and only there. */
export function checkCacheHints(schema: GraphQLSchema): void {
  const declared = Object.values(schema.getTypeMap()).flatMap((type) =>
    'getFields' in type && !type.name.startsWith('__')
      ? Object.values(type.getFields()).flatMap((field) => {
          const row = field.extensions[CACHE_HINT];
          return row === undefined ? [] : [{ at: `${type.name}.${field.name}`, row }];
        })
      : [],
  );
  const misplaced = declared.filter(({ at, row }) => at !== row).map(({ at, row }) => `${at} declares ${String(row)}`);
  const undeclared = Object.keys(CACHE_HINTS).filter((row) => !declared.some((d) => d.at === row));
  if (misplaced.length + undeclared.length > 0) {
    throw new Error(`cache hints: ${[...misplaced, ...undeclared.map((row) => `${row} is not declared by its field`)].join('; ')}`);
  }
}

/** What an answer that may not be cached says: `no-store` for HTTP caches, and `max-age=0` for Hive Gateway, which reads only that. */
export const UNCACHEABLE = 'no-store, max-age=0';

/**
 * The answer's `Cache-Control`, from the hints its fields set (Apollo's cache-control plugin computes the policy): the
 * shortest max-age and the narrowest scope among them, as Apollo Server writes it (`max-age=60, private`), when every
 * field is cacheable and there is no error; `UNCACHEABLE` otherwise. Apollo alone writes a bare `no-store` there, which
 * Hive Gateway's response cache ignores (it then keeps the answer for its own `ttl`, forever by default).
 */
export function cacheControlHeaderPlugins(): ApolloServerPlugin<RequestContext>[] {
  return [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response, overallCachePolicy }) {
            const policy = overallCachePolicy.policyIfCacheable();
            const cacheable = policy !== null && response.body.kind === 'single' && response.body.singleResult.errors === undefined;
            const header = cacheable ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : UNCACHEABLE;
            response.http.headers.set('cache-control', header);
          },
        };
      },
    },
  ];
}

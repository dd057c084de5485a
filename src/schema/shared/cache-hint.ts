import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { CacheScope } from '@apollo/cache-control-types';
import type { GraphQLSchema, ResponsePath } from 'graphql';
import { Extensions } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { declareStep } from '../declared-steps.js';
import { rootFieldsByResponseKey } from '../root-fields.js';

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
 * One operation's cache policy as the hints of the fields that ran build it: the shortest max-age and the narrowest
 * scope among them, and which root fields (by response key) set one.
 */
class OperationCachePolicy {
  private maxAge: number | undefined;
  private scope: CacheScope = 'PUBLIC';
  private readonly hintedRootKeys = new Set<string | number>();

  hint(path: ResponsePath, maxAge: number, scope: CacheScope): void {
    if (path.prev === undefined) this.hintedRootKeys.add(path.key);
    this.maxAge = this.maxAge === undefined ? maxAge : Math.min(this.maxAge, maxAge);
    if (scope === 'PRIVATE') this.scope = 'PRIVATE';
  }

  /**
   * The policy when the answer may be cached, as Apollo's cache-control plugin computes it for this schema: every root
   * field that ran (a key of `data`) needs a hint, or the answer gets 0 s; meta fields (`__typename`, introspection)
   * count for nothing, and so do fields that never ran. Below the root every object field is a row (`checkCacheHints`),
   * and its hint is set whenever it runs. Undefined when no hint was set or the shortest is 0.
   */
  ifCacheable(data: Record<string, unknown>, fieldNameOf: (key: string) => string | undefined) {
    for (const key of Object.keys(data)) {
      if (!this.hintedRootKeys.has(key) && !fieldNameOf(key)?.startsWith('__')) return undefined;
    }
    return this.maxAge ? { maxAge: this.maxAge, scope: this.scope } : undefined;
  }
}

/** Each operation's policy, by its context: Apollo gives every operation of a batch a context of its own (a copy). */
const policies = new WeakMap<object, OperationCachePolicy>();

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
      policies.get(context)?.hint(info.path, context.settings.cacheSeconds[data], scope);
      return next();
    })(target, key, descriptor);
  };
}

/** A type of type-graphql's schema, read without `instanceof`: its graphql module may be another copy than ours. */
interface SchemaType {
  name?: string;
  ofType?: SchemaType;
  [Symbol.toStringTag]: string;
  getFields?(): Record<string, { name: string; type: SchemaType }>;
  getTypes?(): SchemaType[];
}

/** The named type under any list and non-null wrappers. */
function namedTypeOf(type: SchemaType): SchemaType {
  return type.ofType ? namedTypeOf(type.ofType) : type;
}

const COMPOSITE_TYPES = new Set(['GraphQLObjectType', 'GraphQLInterfaceType', 'GraphQLUnionType']);

/**
 * The object fields a hint does not cover, below the fields that carry a row: Apollo's rules give each 0 s when it runs,
 * which the policy above does not see (it has no hook on every field), so there must be none.
 */
function objectFieldsWithoutRow(rowFieldTypes: readonly SchemaType[]): string[] {
  const seen = new Set<string>();
  const missing: string[] = [];
  const visit = (type: SchemaType): void => {
    if (seen.has(type.name!)) return;
    seen.add(type.name!);
    type.getTypes?.().forEach(visit);
    for (const field of Object.values(type.getFields?.() ?? {})) {
      const named = namedTypeOf(field.type);
      if (!COMPOSITE_TYPES.has(named[Symbol.toStringTag])) continue;
      const at = `${type.name}.${field.name}`;
      if (Object.hasOwn(CACHE_HINTS, at)) visit(named);
      else missing.push(`${at} returns ${named.name} below a cached field and has no row`);
    }
  };
  rowFieldTypes.forEach(visit);
  return missing;
}

/** Throws, naming them, unless each CACHE_HINTS row is declared by the field it names, and only there. */
export function checkCacheHints(schema: GraphQLSchema): void {
  const declared = Object.values(schema.getTypeMap()).flatMap((type) =>
    'getFields' in type && !type.name.startsWith('__')
      ? Object.values(type.getFields()).flatMap((field) => {
          const row = field.extensions[CACHE_HINT];
          return row === undefined
            ? []
            : [{ at: `${type.name}.${field.name}`, row, type: namedTypeOf(field.type as unknown as SchemaType) }];
        })
      : [],
  );
  const misplaced = declared.filter(({ at, row }) => at !== row).map(({ at, row }) => `${at} declares ${String(row)}`);
  const undeclared = Object.keys(CACHE_HINTS).filter((row) => !declared.some((d) => d.at === row));
  const uncovered = objectFieldsWithoutRow(declared.map(({ type }) => type));
  if (misplaced.length + undeclared.length + uncovered.length > 0) {
    const problems = [...misplaced, ...undeclared.map((row) => `${row} is not declared by its field`), ...uncovered];
    throw new Error(`cache hints: ${problems.join('; ')}`);
  }
}

/** What an answer that may not be cached says: `no-store` for HTTP caches, and `max-age=0` for Hive Gateway, which reads only that. */
export const UNCACHEABLE = 'no-store, max-age=0';

/**
 * The answer's `Cache-Control`, from the hints its fields set: the shortest max-age and the narrowest scope among them,
 * as Apollo Server writes it (`max-age=60, private`), when every field is cacheable and there is no error; `UNCACHEABLE`
 * otherwise. Apollo alone writes a bare `no-store` there, which Hive Gateway's response cache ignores (it then keeps the
 * answer for its own `ttl`, forever by default). The policy is Apollo's cache-control plugin's for this schema
 * (`OperationCachePolicy`), without that plugin: its hook on every field that runs made Apollo wrap every resolver and
 * allocate a policy per field of every answer.
 */
export function cacheControlHeaderPlugins(): ApolloServerPlugin<RequestContext>[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
      async requestDidStart({ contextValue }) {
        const policy = new OperationCachePolicy();
        policies.set(contextValue, policy);
        return {
          async willSendResponse({ response, operation, document }) {
            const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
            let names: Map<string, string> | undefined; // only worked out when a root key has no hint
            const cacheable =
              result?.errors === undefined && result?.data && operation && document
                ? policy.ifCacheable(result.data, (key) => (names ??= rootFieldsByResponseKey(operation, document)).get(key))
                : undefined;
            const header = cacheable ? `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}` : UNCACHEABLE;
            response.http.headers.set('cache-control', header);
          },
        };
      },
    },
  ];
}

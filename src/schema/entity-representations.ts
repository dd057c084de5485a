import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { userInputError } from './errors/user-input-error.js';

/**
 * The key fields each entity type this subgraph resolves is referenced by (its `@key`): what a
 * representation must carry, as strings, before `__resolveReference` may see it.
 */
const ENTITY_KEYS: Readonly<Record<string, readonly string[]>> = { Member: ['id'] };

/** Why representation `index` cannot be resolved, as the BAD_USER_INPUT the caller gets; undefined when it is well formed. */
function representationProblem(representation: unknown, index: number): Error | undefined {
  const at = `representations[${index}]`;
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation))
    return userInputError(at, 'must be an object');
  const fields = representation as Record<string, unknown>;
  const typename = fields.__typename;
  // The caller's typename is never echoed: it is hostile text of any length.
  if (typeof typename !== 'string' || !Object.hasOwn(ENTITY_KEYS, typename))
    return userInputError(`${at}.__typename`, `must be one of ${Object.keys(ENTITY_KEYS).join(', ')}`);
  const missing = ENTITY_KEYS[typename]!.find((key) => typeof fields[key] !== 'string');
  return missing === undefined ? undefined : userInputError(`${at}.${missing}`, 'must be a string');
}

/**
 * `_any` is any JSON value, and @apollo/subgraph trusts each representation's shape: an unknown
 * `__typename` fails the whole list with an internal error, a numeric id reaches our resolver as a
 * number. Each representation is checked here first; a malformed one fails only its own item (a
 * rejected item, as `__resolveReference` rejects), with the path of what is wrong in `field`.
 */
export function checkEntityRepresentations(schema: GraphQLSchema): void {
  const entities = schema.getQueryType()?.getFields()._entities;
  if (!entities?.resolve) throw new Error('the subgraph schema has no _entities resolver');
  const resolve: GraphQLFieldResolver<unknown, unknown> = entities.resolve;
  entities.resolve = (source, args: { representations: readonly unknown[] }, context, info) =>
    args.representations.map((representation, index) => {
      const problem = representationProblem(representation, index);
      return problem ? Promise.reject(problem) : (resolve(source, { representations: [representation] }, context, info) as unknown[])[0];
    });
}

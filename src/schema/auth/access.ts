import type { GraphQLField, GraphQLSchema } from 'graphql';
import { Directive, Extensions, type ArgsDictionary, type MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { declareStep } from '../declared-steps.js';
import { assertAuthenticated, assertMayActOn } from './caller.js';

/** Who may call a Query or Mutation field: each one declares it, and the schema is refused without it. */
export type Access = 'anyone' | 'signed-in' | 'member-or-staff';

/** The field extension holding a root field's declared Access. */
const ACCESS = 'access';

/**
 * The declaration, the `@authenticated` routers see (for all but `anyone`), and the check this subgraph runs itself:
 * the field's access step, run before its other declared steps whatever the decorators' order (declared-steps.ts).
 */
function declareAccess(access: Access, check?: MiddlewareFn<RequestContext>): MethodDecorator {
  return (target, key, descriptor) => {
    Extensions({ [ACCESS]: access })(target, key, descriptor);
    if (access !== 'anyone') Directive('@authenticated')(target, key, descriptor);
    if (check) declareStep('access', check)(target, key, descriptor);
  };
}

/** Open to anyone, on purpose (login is how a member proves who they are). */
export function OpenToAnyone(): MethodDecorator {
  return declareAccess('anyone');
}

/** Any signed-in member or staff member. */
export function SignedIn(): MethodDecorator {
  return declareAccess('signed-in', ({ context }, next) => {
    assertAuthenticated(context.caller, context.authorization);
    return next();
  });
}

/**
 * The member the field acts on, or staff; checked before idempotency and the resolver, so before any vendor call.
 * `memberIdOf` reads that member's id from the arguments, validating them as the resolver does: a
 * malformed input is BAD_USER_INPUT whoever sends it, as it was when each resolver called the check.
 */
export function ActsOnMember(memberIdOf: (args: ArgsDictionary, context: RequestContext) => string): MethodDecorator {
  return declareAccess('member-or-staff', ({ args, context }, next) => {
    assertMayActOn(context.caller, context.authorization, memberIdOf(args, context));
    return next();
  });
}

/** The Access a root field of the type-graphql schema declared, if any. */
export function accessOf(field: GraphQLField<unknown, unknown>): Access | undefined {
  return field.extensions[ACCESS] as Access | undefined;
}

/** Throws, naming them, when a Query or Mutation field of the type-graphql `schema` declares no Access. */
export function checkDeclaredAccess(schema: GraphQLSchema): void {
  const undeclared = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
    Object.values(type?.getFields() ?? {})
      .filter((field) => accessOf(field) === undefined)
      .map((field) => `${type!.name}.${field.name}`),
  );
  if (undeclared.length > 0) throw new Error(`declare who may call ${undeclared.join(', ')} (OpenToAnyone, SignedIn or ActsOnMember)`);
}

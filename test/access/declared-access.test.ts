import 'reflect-metadata';
import { buildSchema, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { accessOf, checkDeclaredAccess, OpenToAnyone } from '../../src/schema/auth/access.js';
import { buildMemberSchema } from '../../src/schema/build-subgraph-schema.js';

@Resolver()
class ForgetfulResolver {
  @OpenToAnyone()
  @Query(() => String, { description: 'Declares its access.' })
  declared(): string {
    return 'ok';
  }

  @Query(() => String, { description: 'A new field whose author forgot to say who may call it.' })
  forgotten(): string {
    return 'member data';
  }
}

describe('resolver checks are declared on each field', () => {
  it('has every Query and Mutation field say who may call it', async () => {
    const schema = await buildMemberSchema();
    const declared = Object.fromEntries(
      [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
        Object.values(type.getFields()).map((field) => [`${type.name}.${field.name}`, accessOf(field)]),
      ),
    );

    expect(declared).toEqual({
      'Query.member': 'member-or-staff',
      'Mutation.savePhone': 'member-or-staff',
      'Mutation.recordInteraction': 'member-or-staff',
      'Mutation.enterPromotion': 'signed-in',
      'Mutation.login': 'anyone',
    });
  });

  it('refuses to build a schema with a root field that declares no access, naming it', async () => {
    const schema = await buildSchema({ resolvers: [ForgetfulResolver], validate: false });

    expect(() => checkDeclaredAccess(schema)).toThrow(/declare who may call Query\.forgotten \(/);
  });
});

import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A club member, keyed by the club account id. Each vendor field is fetched only when selected, and the selected ones are fetched ' +
    'in parallel; a vendor failure nulls only its own field.',
})
export class Member {
  @Field(() => ID, {
    description: 'The club account id: Kognitiv `AccountId` (at most 60 characters) and Debitsuccess external account reference.',
  })
  id!: string;
}

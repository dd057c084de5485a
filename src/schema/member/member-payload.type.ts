import { Field, ObjectType } from 'type-graphql';
import { Member } from './member.type.js';

/**
 * What every payload of a mutation on one member carries first: the member, for the router to resolve further. Only the
 * payloads that extend it are in the schema (type-graphql emits the types the schema reaches), not this class.
 */
@ObjectType()
export abstract class MemberPayload {
  @Field(() => Member, { description: 'The member the mutation acted on.' })
  member!: Member;
}

import { Field, ObjectType } from 'type-graphql';
import { Member } from '../member/member.type.js';

@ObjectType({ description: 'A successful portal login (Kognitiv `Portal.asmx ExternalLogin`, which also records an Internet Visit).' })
export class LoginPayload {
  @Field(() => Member)
  member!: Member;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;
}

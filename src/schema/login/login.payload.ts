import { Field, ObjectType } from 'type-graphql';
import { Member } from '../member/member.type.js';

@ObjectType({ description: 'A successful portal login (Kognitiv `Portal.asmx ExternalLogin`, which also records an Internet Visit).' })
export class LoginPayload {
  @Field(() => Member, { description: 'The member who logged in.' })
  member!: Member;

  @Field(() => String, { nullable: true, description: 'First name, as Kognitiv returned it.' })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: 'Last name, as Kognitiv returned it.' })
  lastName!: string | null;
}

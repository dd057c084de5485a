import { Field, ObjectType } from 'type-graphql';
import { MemberPayload } from '../member/member-payload.type.js';

@ObjectType({ description: 'A successful portal login (Kognitiv `Portal.asmx ExternalLogin`, which also records an Internet Visit).' })
export class LoginPayload extends MemberPayload {
  @Field(() => String, { nullable: true, description: 'First name, as Kognitiv returned it.' })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: 'Last name, as Kognitiv returned it.' })
  lastName!: string | null;
}

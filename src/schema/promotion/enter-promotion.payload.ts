import { Field, ObjectType } from 'type-graphql';
import { PointBalance } from '../shared/point-balance.type.js';

const STAFF_ONLY =
  "Null for a member caller when authorization is on: the phone may be anyone's, and Kognitiv does not say whose account it is, so " +
  'only staff see it. A member reads their own points through `member(id) { points }`.';

@ObjectType({ description: 'Result of Kognitiv `Mobile.asmx ProductPromotionEntry`.' })
export class EnterPromotionPayload {
  @Field(() => String, {
    nullable: true,
    description: `The success message Kognitiv wrote for the member (it may name them). ${STAFF_ONLY}`,
  })
  message!: string | null;

  @Field(() => String, { nullable: true, description: `The member's first name (\`MemberFirstName\`). ${STAFF_ONLY}` })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: `The member's last name (\`MemberLastName\`). ${STAFF_ONLY}` })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: 'The loyalty program name.' })
  programName!: string | null;

  @Field(() => PointBalance, { nullable: true, description: `The member's point totals after the entry. ${STAFF_ONLY}` })
  points!: PointBalance | null;
}

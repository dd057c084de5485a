import { Field, ObjectType } from 'type-graphql';
import { PointBalance } from '../shared/point-balance.type.js';

@ObjectType({ description: 'Result of Kognitiv `Mobile.asmx ProductPromotionEntry`.' })
export class EnterPromotionPayload {
  @Field(() => String, { nullable: true, description: 'The success message Kognitiv wrote for the member.' })
  message!: string | null;

  @Field(() => String, { nullable: true, description: "The member's first name (`MemberFirstName`)." })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: "The member's last name (`MemberLastName`)." })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: 'The loyalty program name.' })
  programName!: string | null;

  @Field(() => PointBalance, { description: 'Point totals after the entry.' })
  points!: PointBalance;
}

import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Loyalty point totals (Kognitiv doubles). `available` is what the member can redeem.' })
export class PointBalance {
  @Field(() => Float, { description: 'Total points earned.' })
  earned!: number;

  @Field(() => Float, { description: 'Total points used for rewards.' })
  used!: number;

  @Field(() => Float, { description: 'Total points deducted by negative transactions (e.g. refunds).' })
  deducted!: number;

  @Field(() => Float, { description: 'Total points expired.' })
  expired!: number;

  @Field(() => Float, { description: 'Total points locked (not redeemable for now).' })
  locked!: number;

  @Field(() => Float, { description: 'Total points available for redemption.' })
  available!: number;
}

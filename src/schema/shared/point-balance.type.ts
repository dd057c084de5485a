import { Field, Float, ObjectType } from 'type-graphql';

/** One of Kognitiv's point totals: each a double on the wire (hence Float), each described as what the points are. */
function PointTotal(whatThePointsAre: string): PropertyDecorator {
  return Field(() => Float, { description: `Total points ${whatThePointsAre}.` });
}

@ObjectType({ description: 'Loyalty point totals (Kognitiv doubles). `available` is what the member can redeem.' })
export class PointBalance {
  @PointTotal('earned')
  earned!: number;

  @PointTotal('used for rewards')
  used!: number;

  @PointTotal('deducted by negative transactions (e.g. refunds)')
  deducted!: number;

  @PointTotal('expired')
  expired!: number;

  @PointTotal('locked (not redeemable for now)')
  locked!: number;

  @PointTotal('available for redemption')
  available!: number;
}

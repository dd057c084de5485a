import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

registerEnumType(Gender, {
  name: 'Gender',
  description: 'Gender as recorded by Kognitiv; an empty vendor value is `null`.',
});

@ObjectType({ description: 'The member profile held by Kognitiv Loyalty (`LoyaltyMember.asmx FetchLoyaltyMemberCore`).' })
export class LoyaltyProfile {
  @Field(() => Int, { description: "Kognitiv's internal member id (`MemberId`)." })
  memberId!: number;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  middleName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field(() => String, { nullable: true })
  suffix!: string | null;

  @Field(() => String, { nullable: true })
  nickName!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Birth date (ISO `YYYY-MM-DD`); `null` when Kognitiv has none.' })
  birthDate!: string | null;

  @Field(() => Gender, { nullable: true })
  gender!: Gender | null;

  @Field({ description: 'The member is a club employee.' })
  isEmployee!: boolean;

  @Field({ description: 'The loyalty account is suspended.' })
  isSuspended!: boolean;

  @Field({ description: 'The loyalty account is locked.' })
  isLocked!: boolean;
}

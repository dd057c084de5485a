import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { describedEnum, type EnumValue } from '../shared/described-enum.js';

export const Gender = describedEnum('Gender', 'Gender as recorded by Kognitiv; an empty vendor value is `null`.', {
  MALE: 'Kognitiv `male`.',
  FEMALE: 'Kognitiv `female`.',
});
export type Gender = EnumValue<typeof Gender>;

@ObjectType({ description: 'The member profile held by Kognitiv Loyalty (`LoyaltyMember.asmx FetchLoyaltyMemberCore`).' })
export class LoyaltyProfile {
  // `memberId` is the club account id everywhere else; the old schema name resolves in loyalty-profile.resolver.ts.
  @Field(() => Int, { description: "Kognitiv's internal member id (`MemberId`), not the club account id (`Member.id`)." })
  kognitivMemberId!: number;

  @Field(() => String, { nullable: true, description: 'First name (`FirstName`).' })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: 'Middle name (`MiddleName`).' })
  middleName!: string | null;

  @Field(() => String, { nullable: true, description: 'Last name (`LastName`).' })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: 'Name suffix, e.g. `Jr` (`Suffix`).' })
  suffix!: string | null;

  @Field(() => String, { nullable: true, description: 'Nickname (`NickName`).' })
  nickName!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Birth date (ISO `YYYY-MM-DD`); `null` when Kognitiv has none.' })
  birthDate!: string | null;

  @Field(() => Gender, { nullable: true, description: 'Gender (`Gender`); `null` when Kognitiv has none.' })
  gender!: Gender | null;

  @Field({ description: 'The member is a club employee.' })
  isEmployee!: boolean;

  @Field({ description: 'The loyalty account is suspended.' })
  isSuspended!: boolean;

  @Field({ description: 'The loyalty account is locked.' })
  isLocked!: boolean;
}

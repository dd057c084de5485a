import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { LoyaltyProfile } from './loyalty-profile.type.js';

/** LoyaltyProfile's fields that are not its own properties: the old names kept while clients move. */
@Resolver(() => LoyaltyProfile)
export class LoyaltyProfileResolver {
  // Its old name: `memberId` means the club account id in every input (README, "One name per id").
  @FieldResolver(() => Int, {
    name: 'memberId',
    deprecationReason: 'Use kognitivMemberId.',
    description: "Kognitiv's internal member id under its old name: the same as `kognitivMemberId`.",
  })
  deprecatedMemberId(@Root() profile: LoyaltyProfile): number {
    return profile.kognitivMemberId;
  }
}

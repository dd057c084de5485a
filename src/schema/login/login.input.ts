import { Field, ID, InputType } from 'type-graphql';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { locationDescription } from '../shared/location.js';

@InputType({ description: 'Member portal credentials.' })
export class LoginInput {
  // Optional only because `accountId` may stand in for it while clients move (README, "One name per id"): one of the two is required.
  @Field(() => ID, {
    nullable: true,
    description: `Club account id, at most ${INPUT_LIMITS.accountId} characters. Required (or, until clients move, \`accountId\`).`,
  })
  memberId?: string | null;

  // GraphQL refuses to deprecate a required input field, so both names became optional when memberId arrived.
  @Field(() => ID, {
    nullable: true,
    deprecationReason: 'Use memberId.',
    description: `The club account id under its old name, at most ${INPUT_LIMITS.accountId} characters; giving both, they must be equal.`,
  })
  accountId?: string | null;

  @Field({ description: `Portal password, at most ${INPUT_LIMITS.password} characters; never logged.` })
  password!: string;

  @Field(() => String, { nullable: true, description: locationDescription(' of the portal') })
  location?: string | null;
}

import { Field, ID, InputType } from 'type-graphql';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { locationDescription } from '../shared/location.js';

@InputType({ description: 'Member portal credentials.' })
export class LoginInput {
  @Field(() => ID, { description: `Club account id, at most ${INPUT_LIMITS.accountId} characters.` })
  accountId!: string;

  @Field({ description: `Portal password, at most ${INPUT_LIMITS.password} characters; never logged.` })
  password!: string;

  @Field(() => String, { nullable: true, description: locationDescription(' of the portal') })
  location?: string | null;
}

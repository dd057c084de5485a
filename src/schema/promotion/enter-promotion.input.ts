import { Field, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../idempotency/idempotency-key.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { locationDescription } from '../shared/location.js';

@InputType({ description: 'A product code entered by a member, identified by phone number.' })
export class EnterPromotionInput {
  @Field({
    description:
      "The member's phone number with its country code, e.g. `+64 21 123 4567`, " + `at most ${INPUT_LIMITS.phoneNumber} characters.`,
  })
  phoneNumber!: string;

  @Field({ description: `The product code being entered, at most ${INPUT_LIMITS.productCode} characters.` })
  productCode!: string;

  @Field(() => String, { nullable: true, description: locationDescription() })
  location?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

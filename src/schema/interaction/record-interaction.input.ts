import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../idempotency/idempotency-key.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { locationDescription } from '../shared/location.js';

@InputType({ description: 'An interaction to record for a member or prospect.' })
export class RecordInteractionInput {
  @Field(() => ID, { description: `Club account id, at most ${INPUT_LIMITS.accountId} characters.` })
  memberId!: string;

  @Field({
    description: `Kognitiv interaction type external reference, e.g. \`CLUB-VISIT\`, at most ${INPUT_LIMITS.interactionType} characters.`,
  })
  type!: string;

  @Field(() => String, { nullable: true, description: locationDescription() })
  location?: string | null;

  @Field(() => String, { nullable: true, description: `Free-text note, at most ${INPUT_LIMITS.interactionNote} characters.` })
  note?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

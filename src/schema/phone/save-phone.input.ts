import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../idempotency/idempotency-key.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { PhoneType } from './phone-type.enum.js';

@InputType({ description: 'A phone number to save for a member at both vendors.' })
export class SavePhoneInput {
  @Field(() => ID, {
    description: `Club account id, at most ${INPUT_LIMITS.externalAccountReference} characters (the Debitsuccess reference limit).`,
  })
  memberId!: string;

  @Field(() => PhoneType, { description: "Which of the member's numbers this is; an existing number of the type is replaced." })
  type!: PhoneType;

  @Field({
    description:
      `The number with its country code, e.g. \`+64 21 123 4567\`, at most ${INPUT_LIMITS.phoneNumber} characters; formatting ` +
      'characters are allowed.',
  })
  number!: string;

  @Field(() => String, { nullable: true, description: `Area (STD) code for Debitsuccess, at most ${INPUT_LIMITS.areaCode} characters.` })
  areaCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Name of the contact, at most ${INPUT_LIMITS.contactName} characters; required for EMERGENCY.`,
  })
  contactName?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Make this the member's preferred number at Debitsuccess." })
  preferred?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: `Kognitiv mobile carrier external reference, at most ${INPUT_LIMITS.mobileCarrier} characters.`,
  })
  mobileCarrier?: string | null;

  @Field(() => Boolean, { defaultValue: true, description: 'Whether Kognitiv should mark the number as valid.' })
  isValid!: boolean;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

import { Field, Int, ObjectType } from 'type-graphql';
import { describedEnum, type EnumValue } from '../shared/described-enum.js';
import { MemberPayload } from '../member/member-payload.type.js';
import { Costs } from '../shared/field-cost.js';
import { CLIENT_NOTE_LIMITS } from '../shared/vendor-notes.js';

export const BillingUpdateStatus = describedEnum(
  'BillingUpdateStatus',
  'Debitsuccess `Status` of a write that succeeded. `Failed` and `Unknown` arrive as errors instead (VENDOR_OUTCOME_UNKNOWN for ' +
    '`Unknown`).',
  { SUCCEED: 'Debitsuccess applied the change (`Succeed`).' },
);
export type BillingUpdateStatus = EnumValue<typeof BillingUpdateStatus>;

export const BillingNoteType = describedEnum('BillingNoteType', 'Debitsuccess response note type.', {
  ERROR: 'The request was refused for this reason.',
  WARNING: 'Applied, with a caveat (e.g. 14030).',
  INFO: 'Information, e.g. `00` Success.',
});
export type BillingNoteType = EnumValue<typeof BillingNoteType>;

@ObjectType({ description: 'A Debitsuccess response note, written by the vendor for people.' })
export class BillingNote {
  @Field({ description: 'Vendor code as a string, leading zeros kept (`"00"`, `"14030"`).' })
  code!: string;

  @Field({ description: 'The note as Debitsuccess wrote it.' })
  note!: string;

  @Field(() => BillingNoteType, { description: 'Error, warning or information.' })
  type!: BillingNoteType;
}

@ObjectType({ description: 'What Kognitiv `SaveAccountPhone` saved.' })
export class LoyaltyPhoneResult {
  @Field({ description: 'The number as Kognitiv formatted and saved it.' })
  savedPhoneNumber!: string;
}

@ObjectType({ description: 'What Debitsuccess `UpdateClientPhoneNumber` answered.' })
export class BillingPhoneResult {
  @Field(() => BillingUpdateStatus, { description: 'Always SUCCEED in a result: other statuses are errors.' })
  status!: BillingUpdateStatus;

  @Field(() => String, { nullable: true, description: 'Debitsuccess message id.' })
  messageId!: string | null;

  @Costs('billingNotes')
  @Field(() => [BillingNote], {
    description:
      `The notes in the vendor's order, including warnings such as 14030 (preferred flag not applied): the first ` +
      `${CLIENT_NOTE_LIMITS.count}, each text cut to ${CLIENT_NOTE_LIMITS.textLength} characters.`,
  })
  notes!: BillingNote[];

  @Field(() => Int, { description: `How many notes the vendor wrote beyond the first ${CLIENT_NOTE_LIMITS.count}, left out of \`notes\`.` })
  notesOmitted!: number;
}

@ObjectType({
  description:
    'Result of a dual write. Each vendor part is its result, or `null` with its error at that path (`savePhone.loyalty`, ' +
    '`savePhone.billing`): one, both or neither can fail.',
})
export class SavePhonePayload extends MemberPayload {
  /** Settled before the payload is returned; the field resolvers reveal each outcome. */
  loyaltyOutcome!: Promise<LoyaltyPhoneResult>;
  billingOutcome!: Promise<BillingPhoneResult>;
}

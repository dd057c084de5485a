import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { ActsOnMember } from '../auth/access.js';
import type { RequestContext } from '../context.js';
import { Idempotent } from '../idempotency/idempotent.js';
import { Costs } from '../shared/field-cost.js';
import { notesForClient } from '../shared/vendor-notes.js';
import { BillingNoteType, BillingPhoneResult, BillingUpdateStatus, LoyaltyPhoneResult, SavePhonePayload } from './save-phone.payload.js';
import { SavePhoneInput } from './save-phone.input.js';
import { buildSavePhoneRequest } from './save-phone.request.js';
import { SAVE_PHONE_OUTCOME, settleLater } from './save-phone.outcome.js';

@Resolver(() => SavePhonePayload)
export class SavePhoneResolver {
  // The whole input is validated before the caller is judged, and again to build the request: it costs microseconds.
  @ActsOnMember(({ input }, { settings }) => buildSavePhoneRequest(input, settings).accountId)
  @Idempotent(SAVE_PHONE_OUTCOME)
  @Costs('savePhone')
  @Mutation(() => SavePhonePayload, {
    description:
      'Saves a phone number at both vendors in parallel: Kognitiv `SaveAccountPhone` (after resolving the MemberId) and Debitsuccess ' +
      '`UpdateClientPhoneNumber`. Invalid input is refused before either is called.',
  })
  async savePhone(
    @Arg('input', () => SavePhoneInput, { description: 'The member, the phone type and the number, with its optional details.' })
    input: SavePhoneInput,
    @Ctx() { vendors, loaders, settings }: RequestContext,
  ): Promise<SavePhonePayload> {
    const request = buildSavePhoneRequest(input, settings);

    const loyaltyOutcome = settleLater(
      loaders.loyaltyCore
        .load(request.accountId)
        .then(({ kognitivMemberId }) => vendors.kognitiv.saveAccountPhone({ kognitivMemberId, ...request.kognitiv })),
    );
    const billingOutcome = settleLater(
      vendors.debitsuccessMessages.updateClientPhoneNumber(request.debitsuccess).then((result) => {
        const { notes, notesOmitted } = notesForClient(result.notes);
        return {
          status: BillingUpdateStatus.SUCCEED,
          messageId: result.messageId,
          notes: notes.map((n) => ({
            code: n.code,
            note: n.note,
            type: BillingNoteType[n.type.toUpperCase() as keyof typeof BillingNoteType],
          })),
          notesOmitted,
        };
      }),
    );
    // Both writes finish before the payload resolves, so the mutation's outcome is final when it answers.
    await Promise.allSettled([loyaltyOutcome, billingOutcome]);
    return { member: { id: request.accountId }, loyaltyOutcome, billingOutcome };
  }

  @FieldResolver(() => LoyaltyPhoneResult, { nullable: true, description: 'Kognitiv part; `null` with its error at `savePhone.loyalty`.' })
  loyalty(@Root() payload: SavePhonePayload): Promise<LoyaltyPhoneResult> {
    return payload.loyaltyOutcome;
  }

  @FieldResolver(() => BillingPhoneResult, {
    nullable: true,
    description: 'Debitsuccess part; `null` with its error at `savePhone.billing`.',
  })
  billing(@Root() payload: SavePhonePayload): Promise<BillingPhoneResult> {
    return payload.billingOutcome;
  }
}

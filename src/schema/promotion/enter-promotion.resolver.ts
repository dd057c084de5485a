import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { SignedIn } from '../auth/access.js';
import { Idempotent } from '../idempotency/idempotent.js';
import { readsAccountDetails, type AuthorizationSettings, type Caller } from '../auth/caller.js';
import type { RequestContext } from '../context.js';
import { Costs } from '../shared/field-cost.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { parseInternationalPhone } from '../shared/phone-number.js';
import { optionalText, requireText } from '../shared/validate.js';
import { EnterPromotionInput } from './enter-promotion.input.js';
import { EnterPromotionPayload } from './enter-promotion.payload.js';

/**
 * The member behind a phone is whoever Kognitiv says, and its answer carries no account id to
 * compare with the caller's: so a member caller gets only what is not personal, whatever phone they sent.
 */
function visibleTo(caller: Caller, authorization: AuthorizationSettings, entry: EnterPromotionPayload): EnterPromotionPayload {
  if (readsAccountDetails(caller, authorization)) return entry;
  return { programName: entry.programName, message: null, firstName: null, lastName: null, points: null };
}

@Resolver()
export class EnterPromotionResolver {
  // Any signed-in caller: Kognitiv finds the member by phone, and we cannot map a phone to an account first.
  @SignedIn()
  @Idempotent()
  @Costs('enterPromotion')
  @Mutation(() => EnterPromotionPayload, {
    description:
      'Enters a product promotion code for the member with this phone number (Kognitiv `ProductPromotionEntry`). A rejected entry is ' +
      "PROMOTION_REJECTED. With authorization on, the member's message, names and points, and the text Kognitiv wrote with a rejection " +
      "(the error's message), are returned to staff only: the phone may be anyone's.",
  })
  async enterPromotion(
    @Arg('input', () => EnterPromotionInput, { description: 'The phone number identifying the member, and the product code.' })
    input: EnterPromotionInput,
    @Ctx() { vendors, caller, authorization }: RequestContext,
  ): Promise<EnterPromotionPayload> {
    const phone = parseInternationalPhone('input.phoneNumber', input.phoneNumber);
    const entry = await vendors.kognitiv.productPromotionEntry({
      phoneNumber: phone.internationalDigits,
      productCode: requireText('input.productCode', input.productCode, INPUT_LIMITS.productCode),
      location: optionalText('input.location', input.location, INPUT_LIMITS.location),
    });
    return visibleTo(caller, authorization, entry);
  }
}

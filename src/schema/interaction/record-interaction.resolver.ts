import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ActsOnMember } from '../auth/access.js';
import type { RequestContext } from '../context.js';
import { Idempotent } from '../idempotency/idempotent.js';
import { parseMemberId } from '../member/member-id.js';
import { Costs } from '../shared/field-cost.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { optionalText, requireText } from '../shared/validate.js';
import { RecordInteractionInput } from './record-interaction.input.js';
import { RecordInteractionPayload } from './record-interaction.payload.js';

@Resolver()
export class RecordInteractionResolver {
  @ActsOnMember(({ input }) => parseMemberId('input.memberId', input.memberId).id)
  @Idempotent()
  @Costs('recordInteraction')
  @Mutation(() => RecordInteractionPayload, { description: 'Records an interaction for a member (Kognitiv `RecordInteraction`).' })
  async recordInteraction(
    @Arg('input', () => RecordInteractionInput, { description: 'The interaction: member, type, optional location and note.' })
    input: RecordInteractionInput,
    @Ctx() { vendors }: RequestContext,
  ): Promise<RecordInteractionPayload> {
    const member = parseMemberId('input.memberId', input.memberId);
    const { interactionId } = await vendors.kognitiv.recordInteraction({
      accountId: member.id,
      interactionTypeRef: requireText('input.type', input.type, INPUT_LIMITS.interactionType),
      location: optionalText('input.location', input.location, INPUT_LIMITS.location),
      note: optionalText('input.note', input.note, INPUT_LIMITS.interactionNote),
    });
    return { interactionId, member };
  }
}

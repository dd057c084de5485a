import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { assertMayActOn } from '../auth/caller.js';
import type { RequestContext } from '../context.js';
import { hintPrivateCache } from '../shared/cache-hint.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { PointBalance } from '../shared/point-balance.type.js';
import { BillingAccount } from './billing-account.type.js';
import { LoyaltyProfile } from './loyalty-profile.type.js';
import { canHaveBillingRecord, memberFromId } from './member-id.js';
import { toBillingAccount, toLoyaltyProfile } from './member.mappers.js';
import { Member } from './member.type.js';

@Resolver(() => Member)
export class MemberResolver {
  @Directive('@authenticated')
  @Query(() => Member, {
    nullable: true,
    description: 'The member with this club account id. Makes no vendor call itself: only the fields you select are fetched.',
  })
  member(
    @Arg('id', () => ID, { description: `Club account id, at most ${INPUT_LIMITS.accountId} characters.` }) id: string,
    @Ctx() { caller, authorization, settings }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Member {
    const member = memberFromId('id', id);
    assertMayActOn(caller, authorization, member.id);
    hintPrivateCache(info, settings.cacheSeconds.member);
    return member;
  }

  // On each vendor field rather than on Member: routers that enforce @authenticated then refuse an anonymous
  // caller this member data wherever Member is reached (another subgraph's Booking.member, login's payload),
  // while `login { member { id } }` and references by id stay open. Enforced here too (member, _entities).
  @Directive('@authenticated')
  @FieldResolver(() => LoyaltyProfile, {
    nullable: true,
    description: 'Kognitiv profile (`FetchLoyaltyMemberCore`); `null` with a MEMBER_NOT_FOUND error for an unknown account.',
  })
  async loyalty(@Root() member: Member, @Ctx() { loaders, settings }: RequestContext, @Info() info: GraphQLResolveInfo): Promise<LoyaltyProfile> {
    hintPrivateCache(info, settings.cacheSeconds.loyalty);
    return toLoyaltyProfile(await loaders.loyaltyCore.load(member.id));
  }

  @Directive('@authenticated')
  @FieldResolver(() => PointBalance, {
    nullable: true,
    description: 'Kognitiv point balances (`WS/MemberActivity.asmx FetchMemberPointBalances`); fetched alongside `loyalty`, not after it.',
  })
  points(@Root() member: Member, @Ctx() { loaders, settings }: RequestContext, @Info() info: GraphQLResolveInfo): Promise<PointBalance> {
    hintPrivateCache(info, settings.cacheSeconds.points);
    return loaders.pointBalances.load(member.id);
  }

  @Directive('@authenticated')
  @FieldResolver(() => [BillingAccount], {
    nullable: true,
    description: 'Debitsuccess billing accounts whose external reference is this id; `[]` when there are none.',
  })
  async billingAccounts(@Root() member: Member, @Ctx() { loaders, settings }: RequestContext, @Info() info: GraphQLResolveInfo): Promise<BillingAccount[]> {
    hintPrivateCache(info, settings.cacheSeconds.billing);
    if (!canHaveBillingRecord(member.id)) return [];
    return (await loaders.billingAccounts.load(member.id)).map(toBillingAccount);
  }
}

/**
 * The router's `_entities` entry point: like `member`, it authorizes and makes no vendor call itself.
 * Async on purpose: @apollo/subgraph fails the whole `_entities` list on a synchronous throw, but only
 * the one item on a rejected promise.
 */
export async function resolveMemberReference(reference: { id: string }, { caller, authorization, settings }: RequestContext, info: GraphQLResolveInfo): Promise<Member> {
  const member = memberFromId('id', reference.id);
  assertMayActOn(caller, authorization, member.id);
  hintPrivateCache(info, settings.cacheSeconds.member);
  return member;
}

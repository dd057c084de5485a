import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ActsOnMember } from '../auth/access.js';
import type { RequestContext } from '../context.js';
import { CacheHint } from '../shared/cache-hint.js';
import { Costs } from '../shared/field-cost.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { PointBalance } from '../shared/point-balance.type.js';
import { BillingAccount } from './billing-account.type.js';
import { BillingPhone } from './billing-phone.type.js';
import { LoyaltyProfile } from './loyalty-profile.type.js';
import { canHaveBillingRecord, parseMemberId } from './member-id.js';
import { toBillingAccount, toBillingPhone, toLoyaltyProfile } from './member.mappers.js';
import { Member } from './member.type.js';

@Resolver(() => Member)
export class MemberResolver {
  // Also the router's `_entities` entry point for Member (build-subgraph-schema.ts): one check for both.
  @CacheHint('Query.member')
  @ActsOnMember(({ id }) => parseMemberId('id', id).id)
  @Query(() => Member, {
    nullable: true,
    description: 'The member with this club account id. Makes no vendor call itself: only the fields you select are fetched.',
  })
  member(@Arg('id', () => ID, { description: `Club account id, at most ${INPUT_LIMITS.accountId} characters.` }) id: string): Member {
    return parseMemberId('id', id);
  }

  // On each vendor field rather than on Member: routers that enforce @authenticated then refuse an anonymous
  // caller this member data wherever Member is reached (another subgraph's Booking.member, login's payload),
  // while `login { member { id } }` and references by id stay open. Enforced here too (member, _entities).
  @CacheHint('Member.loyalty')
  @Directive('@authenticated')
  @Costs('loyalty')
  @FieldResolver(() => LoyaltyProfile, {
    nullable: true,
    description: 'Kognitiv profile (`FetchLoyaltyMemberCore`); `null` with a MEMBER_NOT_FOUND error for an unknown account.',
  })
  async loyalty(@Root() member: Member, @Ctx() { loaders }: RequestContext): Promise<LoyaltyProfile> {
    return toLoyaltyProfile(await loaders.loyaltyCore.load(member.id));
  }

  @CacheHint('Member.points')
  @Directive('@authenticated')
  @Costs('points')
  @FieldResolver(() => PointBalance, {
    nullable: true,
    description: 'Kognitiv point balances (`WS/MemberActivity.asmx FetchMemberPointBalances`); fetched alongside `loyalty`, not after it.',
  })
  points(@Root() member: Member, @Ctx() { loaders }: RequestContext): Promise<PointBalance> {
    return loaders.pointBalances.load(member.id);
  }

  @CacheHint('Member.billingAccounts')
  @Directive('@authenticated')
  @Costs('billingAccounts')
  @FieldResolver(() => [BillingAccount], {
    nullable: true,
    description: 'Debitsuccess billing accounts whose external reference is this id; `[]` when there are none.',
  })
  async billingAccounts(@Root() member: Member, @Ctx() { loaders }: RequestContext): Promise<BillingAccount[]> {
    if (!canHaveBillingRecord(member.id)) return [];
    return (await loaders.billingAccounts.load(member.id)).map(toBillingAccount);
  }

  @CacheHint('Member.billingPhones')
  @Directive('@authenticated')
  @Costs('billingPhones')
  @FieldResolver(() => [BillingPhone], {
    nullable: true,
    description:
      "The phone numbers Debitsuccess holds for the customers behind this member's billing accounts, each customer read once, every " +
      'page followed (`GET /customers/{customerId}/phoneNumbers`); `[]` without billing accounts. Where `savePhone` writes its ' +
      "Debitsuccess part, so the read that shows whether it landed. Kognitiv publishes no read of a member's phones: its part " +
      'of `savePhone` cannot be read back here.',
  })
  async billingPhones(@Root() member: Member, @Ctx() { loaders }: RequestContext): Promise<BillingPhone[]> {
    if (!canHaveBillingRecord(member.id)) return [];
    const customers = [...new Set((await loaders.billingAccounts.load(member.id)).map((account) => account.customerId))];
    const phones = await Promise.all(customers.map((customerId) => loaders.customerPhones.load(customerId)));
    return customers.flatMap((customerId, i) => phones[i]!.map((phone) => toBillingPhone(customerId, phone)));
  }
}

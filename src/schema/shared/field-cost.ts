import { Directive } from 'type-graphql';
import { settingDefault } from '../../config.js';
import { BillingPhoneType } from '../member/billing-phone.type.js';
import { CLIENT_NOTE_LIMITS } from './vendor-notes.js';

/**
 * Billing accounts a member is assumed to have. Nothing bounds them (Debitsuccess lists every account whose external
 * reference is the id); one is usual (its phone write refuses a reference that matches several, code 07), two covers a
 * replaced account beside its successor. An estimate for routers, not a limit.
 */
const ASSUMED_BILLING_ACCOUNTS = 2;

/** What selecting a field may cost: the vendor calls it makes, and for a list how many items it is assumed to hold. */
export interface FieldCost {
  vendorCalls: number;
  listSize?: number;
}

/**
 * The vendor calls of each vendor-backed field, written once: the `@cost` and `@listSize` routers estimate an
 * operation by are made from them (`Costs`), and so is the budget docs/deploy.md gives routers (`ROUTER_DEMAND_CONTROL`).
 * A read the request's DataLoaders share between fields is counted at each field that may make it alone.
 */
export const FIELD_COSTS = {
  /** Kognitiv `FetchLoyaltyMemberCore`. */
  loyalty: { vendorCalls: 1 },
  /** Kognitiv `FetchMemberPointBalances`. */
  points: { vendorCalls: 1 },
  /** Debitsuccess `GET /accounts`. */
  billingAccounts: { vendorCalls: 1, listSize: ASSUMED_BILLING_ACCOUNTS },
  /**
   * The accounts read, then one page of numbers per account's customer: Debitsuccess keeps one number per type, so a
   * customer's numbers fit one page of 50 (MAX_PHONE_PAGES bounds the pages should it ever hold more).
   */
  billingPhones: { vendorCalls: 1 + ASSUMED_BILLING_ACCOUNTS, listSize: ASSUMED_BILLING_ACCOUNTS * Object.keys(BillingPhoneType).length },
  /** `FetchLoyaltyMemberCore` for the MemberId, then the two writes, `SaveAccountPhone` and `UpdateClientPhoneNumber`. */
  savePhone: { vendorCalls: 3 },
  /** Kognitiv `ProductPromotionEntry`. */
  enterPromotion: { vendorCalls: 1 },
  /** Kognitiv `ExternalLogin`. */
  login: { vendorCalls: 1 },
  /** Kognitiv `RecordInteraction`. */
  recordInteraction: { vendorCalls: 1 },
  /** No vendor call: the notes of a write's answer, as many as are passed on. */
  billingNotes: { vendorCalls: 0, listSize: CLIENT_NOTE_LIMITS.count },
} as const satisfies Record<string, FieldCost>;

export type CostedField = keyof typeof FIELD_COSTS;

/**
 * The `@cost` weight of a field. Routers multiply a list field's weight by its size (Hive Gateway's estimator does, as
 * the IBM cost spec they follow says), so a list's weight is its calls shared out over its items, rounded up: a
 * router's estimate of a field, weight × size, is never below the vendor calls it makes.
 */
export function costWeight({ vendorCalls, listSize = 1 }: FieldCost): number {
  return Math.ceil(vendorCalls / listSize);
}

/** What a router estimates a field at: `costWeight` × list size. */
export function estimatedCost(cost: FieldCost): number {
  return costWeight(cost) * (cost.listSize ?? 1);
}

/** Declares `field`'s `@cost` (when it calls a vendor) and `@listSize` (when it is a list) from FIELD_COSTS. */
export function Costs(field: CostedField): MethodDecorator & PropertyDecorator {
  const cost: FieldCost = FIELD_COSTS[field];
  const directives = [
    ...(cost.vendorCalls > 0 ? [`@cost(weight: ${costWeight(cost)})`] : []),
    // No field here takes a page size, so the size is assumed, never sliced by an argument.
    ...(cost.listSize === undefined ? [] : [`@listSize(assumedSize: ${cost.listSize}, requireOneSlicingArgument: false)`]),
  ].map((sdl) => Directive(sdl));
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const directive of directives) directive(target, key, descriptor!);
  };
}

/** A member read with every vendor field, as a router estimates it. */
const FULL_MEMBER_ESTIMATE = (['loyalty', 'points', 'billingAccounts', 'billingPhones'] as const)
  .map((field) => estimatedCost(FIELD_COSTS[field]))
  .reduce((a, b) => a + b);

/**
 * The settings a router's demand control takes, from the subgraph's own limit: an operation may cost as much as
 * MAX_ENTITY_MEMBERS members read in full (the most vendor work one request is let in here), and a list no subgraph
 * sizes (another subgraph's page of bookings, whose members reach `_entities`) is assumed that long.
 */
export const ROUTER_DEMAND_CONTROL = {
  fullMemberEstimate: FULL_MEMBER_ESTIMATE,
  maxCost: settingDefault('MAX_ENTITY_MEMBERS') * FULL_MEMBER_ESTIMATE,
  listSize: settingDefault('MAX_ENTITY_MEMBERS'),
} as const;

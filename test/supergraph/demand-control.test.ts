import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costWeight, FIELD_COSTS, ROUTER_DEMAND_CONTROL } from '../../src/schema/shared/field-cost.js';
import { startHiveGateway, type RunningGateway } from '../support/hive-gateway.js';
import {
  askGateway,
  MEMBER_SUBGRAPH_SECRET,
  MEMBERS_SDL,
  STAFF,
  useSupergraphStack,
  type GatewayAnswer,
} from '../support/supergraph-stack.js';

const { maxCost, listSize, fullMemberEstimate } = ROUTER_DEMAND_CONTROL;
const FULL_MEMBER = 'loyalty { firstName } points { available } billingAccounts { accountId } billingPhones { number }';

/** `count` aliased `member` fields, each selecting every vendor field of M1009 (two accounts of one customer). */
function fullMembers(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `m${i}: member(id: "M1009") { ${FULL_MEMBER} } `).join('')}}`;
}

const estimateOf = (answer: GatewayAnswer) =>
  (answer.body as { extensions?: { cost?: { estimated?: number } } }).extensions?.cost?.estimated;

const stack = useSupergraphStack();
// Hive Gateway's demand control as docs/deploy.md gives it; the estimate is reported so the test can read it.
let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startHiveGateway(stack, (supergraph) => ({
    supergraph,
    logging: false,
    demandControl: { maxCost, listSize, typeCost: () => 0, includeExtensionMetadata: true },
    propagateHeaders: {
      fromClientToSubgraphs: ({ subgraphName }) =>
        subgraphName === 'members' ? { 'router-authorization': MEMBER_SUBGRAPH_SECRET, 'x-staff-scopes': 'members:manage' } : undefined,
    },
  }));
});
afterAll(async () => {
  await gateway?.stop();
});

describe("Hive Gateway's demand control, from the subgraph's @cost and @listSize", () => {
  it('estimates a member read by its vendor fields, never below the vendor calls it makes', async () => {
    const bare = await askGateway(gateway.url, '{ member(id: "M1009") { id } }', STAFF);
    stack.forget();
    const full = await askGateway(gateway.url, fullMembers(1), STAFF);

    expect(estimateOf(bare)).toBe(0);
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data?.m0.billingAccounts).toHaveLength(2);
    expect(estimateOf(full)).toBe(fullMemberEstimate);
    expect(stack.vendorCalls()).toBeGreaterThan(0);
    expect(stack.vendorCalls()).toBeLessThanOrEqual(fullMemberEstimate);
  });

  it('refuses an operation over the budget at the gateway: no request reaches the subgraph, no vendor is called', async () => {
    stack.forget();

    const members = maxCost / fullMemberEstimate + 1;
    const refused = await askGateway(gateway.url, fullMembers(members), STAFF);

    // Each root field is its own subgraph fetch to Hive Gateway: each is refused, none sent.
    expect(refused.body.errors).toHaveLength(members);
    for (const error of refused.body.errors ?? []) {
      expect(error.extensions).toEqual({
        code: 'COST_ESTIMATED_TOO_EXPENSIVE',
        cost: { estimated: maxCost + fullMemberEstimate, max: maxCost },
      });
    }
    expect(stack.members.requests).toEqual([]);
    expect(stack.vendorCalls()).toBe(0);
  });

  // Hive Gateway prices the `_entities` fetch by its selection, not by its representations: the subgraph's own
  // MAX_ENTITY_MEMBERS is what bounds the members one request names (docs/deploy.md, "Demand control").
  it('estimates a page of 150 bookings whose members are read in full as one member read, and serves it', async () => {
    stack.forget();

    const page = await askGateway(gateway.url, `{ busyWeek { member { id ${FULL_MEMBER} } } }`, STAFF);

    expect(page.body.errors).toBeUndefined();
    expect(page.body.data?.busyWeek).toHaveLength(150);
    expect(estimateOf(page)).toBe(fullMemberEstimate);
    expect(stack.members.requests).toHaveLength(1);
  });

  it('is configured in docs/deploy.md with the numbers the code derives', () => {
    const deploy = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');

    for (const line of [`max: ${maxCost} `, `list_size: ${listSize} `, `maxCost: ${maxCost},`, `listSize: ${listSize},`]) {
      expect(deploy).toContain(line);
    }
    for (const cost of Object.values(FIELD_COSTS)) {
      if ('listSize' in cost) expect(deploy).toContain(`@listSize(assumedSize: ${cost.listSize})`);
      if (cost.vendorCalls > 0) expect(deploy).toContain(`@cost(weight: ${costWeight(cost)})`);
    }
    expect(deploy).toContain(`read in full, ${listSize} × ${fullMemberEstimate} = **${maxCost}**`);
  });

  it('has a cost declared on every mutation and every Member field but its key', () => {
    const uncosted = parse(MEMBERS_SDL)
      .definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
      .filter((type) => type.name.value === 'Mutation' || type.name.value === 'Member')
      .flatMap((type) => (type.fields ?? []).map((field) => ({ type: type.name.value, field })))
      .filter(({ field }) => field.name.value !== 'id' && !field.directives?.some((d) => d.name.value === 'cost'))
      .map(({ type, field }) => `${type}.${field.name.value}`);

    expect(uncosted).toEqual([]);
  });
});

import type { Config } from '../config.js';
import type { AdditiveCost, OperationCost } from './operation-cost.js';

/** The limits http/cost-limits-plugin.ts applies (`src/config.ts` declares them, their meaning and their defaults). */
export type CostLimits = Pick<
  Config['limits'],
  'maxDepth' | 'maxAliases' | 'maxMemberFields' | 'maxEntityRepresentations' | 'maxEntityMembers' | 'maxIntrospectionFields'
>;

/** What a request is measured by, as named in a refusal's `limit`. */
type Measure = keyof AdditiveCost | 'entityMembers';

const LIMIT_OF: Record<Measure, keyof CostLimits> = {
  aliases: 'maxAliases',
  memberFields: 'maxMemberFields',
  entityRepresentations: 'maxEntityRepresentations',
  entityMembers: 'maxEntityMembers',
  introspectionFields: 'maxIntrospectionFields',
};

/**
 * What the operations of one HTTP request have been granted so far. Apollo Server builds the
 * context once per HTTP request and gives each operation of a batch a shallow copy of it, so this
 * object, held in the context, is shared by all of them (as are the DataLoaders, which is why a
 * member named by two operations of a batch is counted once).
 */
export class RequestCostBudget {
  private readonly granted: AdditiveCost = { aliases: 0, memberFields: 0, entityRepresentations: 0, introspectionFields: 0 };
  private readonly grantedMemberIds = new Set<string>();
  private grantedUnidentifiedMembers = 0;

  /** Grants `cost`, or names the first limit it would take the request over (and grants nothing). */
  spend(cost: Omit<OperationCost, 'depth'>, limits: CostLimits): { limit: Measure; actual: number; max: number } | undefined {
    const newMemberIds = [...cost.entityMembers.ids].filter((id) => !this.grantedMemberIds.has(id));
    const unidentifiedMembers = this.grantedUnidentifiedMembers + cost.entityMembers.unidentified;
    const totals: Record<Measure, number> = {
      aliases: this.granted.aliases + cost.aliases,
      memberFields: this.granted.memberFields + cost.memberFields,
      entityRepresentations: this.granted.entityRepresentations + cost.entityRepresentations,
      entityMembers: this.grantedMemberIds.size + newMemberIds.length + unidentifiedMembers,
      introspectionFields: this.granted.introspectionFields + cost.introspectionFields,
    };
    for (const limit of Object.keys(LIMIT_OF) as Measure[]) {
      const max = limits[LIMIT_OF[limit]];
      if (totals[limit] > max) return { limit, actual: totals[limit], max };
    }
    for (const measure of Object.keys(this.granted) as (keyof AdditiveCost)[]) this.granted[measure] = totals[measure];
    for (const id of newMemberIds) this.grantedMemberIds.add(id);
    this.grantedUnidentifiedMembers = unidentifiedMembers;
    return undefined;
  }
}

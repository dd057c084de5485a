import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { MEMBER_ERROR_CODES } from '../schema/errors/member-error-code.js';
import { measureOperation, type AdditiveCost } from './operation-cost.js';

export interface CostLimits {
  /** Per operation: nesting does not add up across a batch. */
  maxDepth: number;
  /** The rest hold for the whole HTTP request, whatever the number of operations batched in it. */
  maxAliases: number;
  maxMemberFields: number;
  maxEntityRepresentations: number;
  maxIntrospectionFields: number;
}

const LIMIT_OF: Record<keyof AdditiveCost, keyof CostLimits> = {
  aliases: 'maxAliases',
  memberFields: 'maxMemberFields',
  entityRepresentations: 'maxEntityRepresentations',
  introspectionFields: 'maxIntrospectionFields',
};

/**
 * What the operations of one HTTP request have been granted so far. Apollo Server builds the
 * context once per HTTP request and gives each operation of a batch a shallow copy of it, so this
 * object, held in the context, is shared by all of them.
 */
export class RequestCostBudget {
  private readonly granted: AdditiveCost = { aliases: 0, memberFields: 0, entityRepresentations: 0, introspectionFields: 0 };

  /** Grants `cost`, or names the first limit it would take the request over (and grants nothing). */
  spend(cost: AdditiveCost, limits: CostLimits): { limit: keyof AdditiveCost; actual: number; max: number } | undefined {
    for (const limit of Object.keys(LIMIT_OF) as (keyof AdditiveCost)[]) {
      const actual = this.granted[limit] + cost[limit];
      const max = limits[LIMIT_OF[limit]];
      if (actual > max) return { limit, actual, max };
    }
    for (const limit of Object.keys(LIMIT_OF) as (keyof AdditiveCost)[]) this.granted[limit] += cost[limit];
    return undefined;
  }
}

export interface CostBudgetContext {
  /** One per HTTP request. */
  costBudget: RequestCostBudget;
}

function tooCostly(limit: string, actual: number, max: number): GraphQLError {
  return new GraphQLError(MEMBER_ERROR_CODES.QUERY_TOO_COSTLY, {
    extensions: { code: 'QUERY_TOO_COSTLY', limit, actual, max, retryable: false, http: { status: 400 } },
  });
}

/**
 * Refuses an operation whose shape would cost too many vendor calls, after it is parsed and before
 * anything executes: every member lookup may be three vendor round-trips. Operations of a batch
 * draw on one budget, so batching does not multiply the limits; the one that would overdraw it is
 * refused and the others run.
 */
export function costLimitsPlugin(limits: CostLimits): ApolloServerPlugin<CostBudgetContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const { depth, ...additive } = measureOperation(document, operation, request.variables ?? {});
          if (depth > limits.maxDepth) throw tooCostly('depth', depth, limits.maxDepth);
          const over = contextValue.costBudget.spend(additive, limits);
          if (over) throw tooCostly(over.limit, over.actual, over.max);
        },
      };
    },
  };
}

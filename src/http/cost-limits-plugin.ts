import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { RequestContext } from '../schema/context.js';
import { memberError } from '../schema/errors/member-error.js';
import { measureOperation } from '../schema/operation-cost.js';
import type { CostLimits } from '../schema/request-cost-budget.js';

function tooCostly(limit: string, actual: number, max: number): GraphQLError {
  return memberError('QUERY_TOO_COSTLY', { limit, actual, max, retryable: false, http: { status: 400 } });
}

/**
 * Refuses an operation whose shape would cost too many vendor calls, after it is parsed and before
 * anything executes: every distinct member may be three vendor round-trips (duplicates are served by
 * the request's DataLoaders, so they cost only their share of parsing and answering, bounded
 * separately). Operations of a batch draw on one budget, so batching does not multiply the limits;
 * the one that would overdraw it is refused and the others run.
 */
export function costLimitsPlugin(limits: CostLimits): ApolloServerPlugin<RequestContext> {
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

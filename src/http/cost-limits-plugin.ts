import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { MEMBER_ERROR_CODES } from '../schema/errors/member-error-code.js';
import { measureOperation } from './operation-cost.js';

export interface CostLimits {
  maxDepth: number;
  maxAliases: number;
  maxMemberFields: number;
  maxEntityRepresentations: number;
}

function tooCostly(limit: string, actual: number, max: number): GraphQLError {
  return new GraphQLError(MEMBER_ERROR_CODES.QUERY_TOO_COSTLY, {
    extensions: { code: 'QUERY_TOO_COSTLY', limit, actual, max, retryable: false, http: { status: 400 } },
  });
}

/**
 * Refuses an operation whose shape would cost too many vendor calls, after it is parsed and before
 * anything executes: every member lookup may be three vendor round-trips.
 */
export function costLimitsPlugin(limits: CostLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const cost = measureOperation(document, operation, request.variables ?? {});
          const checks: [string, number, number][] = [
            ['depth', cost.depth, limits.maxDepth],
            ['aliases', cost.aliases, limits.maxAliases],
            ['memberFields', cost.memberFields, limits.maxMemberFields],
            ['entityRepresentations', cost.entityRepresentations, limits.maxEntityRepresentations],
          ];
          for (const [limit, actual, max] of checks) {
            if (actual > max) throw tooCostly(limit, actual, max);
          }
        },
      };
    },
  };
}

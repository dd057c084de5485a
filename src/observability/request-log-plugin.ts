import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { boundText, CALLER_TEXT_MAX_CHARS } from './bounded-text.js';
import type { SubgraphMetrics } from './metrics.js';
import { operationLabel } from './operation-labels.js';
import { requestOutcome } from './request-outcome.js';

const ANONYMOUS_OPERATION = 'anonymous';

export interface CorrelatedContext {
  correlationId: string;
  /** When the HTTP request arrived (ms since the epoch), before admission and the body read. */
  receivedAt: number;
}

/**
 * One log line and two metrics per GraphQL request: operation (its name as the caller wrote it, bounded, and the root
 * fields it is counted under), duration, outcome, error codes and the correlation id. Never variables: they carry
 * passwords and phone numbers. The log's duration is Apollo's work; the histogram's runs from arrival, as a router sees it.
 */
export function requestLogPlugin(logger: Logger, metrics: SubgraphMetrics): ApolloServerPlugin<CorrelatedContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, document, response }) {
          // The formatted errors: their codes are the ones the client saw.
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          const label = operationLabel(operation, document);
          for (const code of codes.length > 0 ? codes : ['none']) metrics.graphqlRequests.inc({ operation: label, code });
          const sinceArrival = (Date.now() - contextValue.receivedAt) / 1000;
          metrics.graphqlRequestDuration.observe({ operation: label, outcome: requestOutcome(codes) }, sinceArrival);
          if (!logger.isLevelEnabled('info')) return;
          logger.info(
            {
              correlationId: contextValue.correlationId,
              operation: boundText(operationName ?? ANONYMOUS_OPERATION, CALLER_TEXT_MAX_CHARS),
              rootFields: label,
              durationMs: Math.round(performance.now() - started),
              outcome: codes.length === 0 ? 'ok' : response.body.kind === 'single' && response.body.singleResult.data ? 'partial' : 'error',
              errorCodes: codes,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { isDeliberateError } from '../schema/errors/format-error.js';
import type { CorrelatedContext } from './request-log-plugin.js';

/**
 * Errors nobody raised on purpose (a bug, a library's TypeError, a value our schema cannot serialize)
 * reach the client masked as INTERNAL_SERVER_ERROR (format-error). This logs each one in full at
 * error and gives the client the request's correlation id, so the operator can find that log line.
 */
export function unexpectedErrorsPlugin(logger: Logger): ApolloServerPlugin<CorrelatedContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (isDeliberateError(original)) continue;
            const err =
              original instanceof Error
                ? { name: original.name, message: original.message, stack: original.stack }
                : { message: String(original) };
            logger.error({ correlationId: contextValue.correlationId, path: error.path, err }, 'unexpected error');
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const { singleResult } = response.body;
          singleResult.errors = singleResult.errors!.map((error) =>
            error.extensions?.code === 'INTERNAL_SERVER_ERROR'
              ? { ...error, extensions: { ...error.extensions, correlationId: contextValue.correlationId } }
              : error,
          );
        },
      };
    },
  };
}

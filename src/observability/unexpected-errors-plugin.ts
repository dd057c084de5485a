import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { isDeliberateError } from '../schema/errors/client-error.js';
import { boundPath } from './bounded-text.js';
import type { LogText } from './log-text.js';
import type { CorrelatedContext } from './request-log-plugin.js';

/** What an unexpected error's log line keeps of its message and stack: enough to find the bug, never a large line. */
const MESSAGE_MAX_CHARS = 1_000;
const STACK_MAX_CHARS = 2_000;

/**
 * Errors nobody raised on purpose (a bug, a library's TypeError, a value our schema cannot serialize)
 * reach the client masked as INTERNAL_SERVER_ERROR with the request's correlation id (schema/errors/client-error.ts).
 * This logs each one in full at error with that id, so the operator can find the log line. Its message and stack
 * may quote anything (a vendor value, a caller's input): censored, then bounded, by `logText`.
 */
export function unexpectedErrorsPlugin(logger: Logger, logText: LogText): ApolloServerPlugin<CorrelatedContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (isDeliberateError(original)) continue;
            const err =
              original instanceof Error
                ? {
                    name: original.name,
                    message: logText.foreign(original.message, MESSAGE_MAX_CHARS),
                    stack: original.stack && logText.foreign(original.stack, STACK_MAX_CHARS),
                  }
                : { message: logText.foreign(String(original), MESSAGE_MAX_CHARS) };
            logger.error({ correlationId: contextValue.correlationId, path: boundPath(error.path), err }, 'unexpected error');
          }
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import type { RequestContext } from '../schema/context.js';

/**
 * The types Apollo Server answers one operation in, in its own order of preference: on a tie (`*\/*`,
 * or no Accept header) it answers the first.
 */
const GRAPHQL_RESPONSE_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * Whether the request will be answered as `application/json`. For that type the GraphQL over HTTP
 * spec has a server answer every well-formed GraphQL request 200, errors included, and routers rely
 * on it: @apollo/gateway (which sends `Accept: *\/*`) turns any other status into "<status>: <text>"
 * with INTERNAL_SERVER_ERROR and drops our code. Only a client that prefers
 * `application/graphql-response+json` can tell a refusal by its 4xx status.
 */
export function answersPlainJson(req: Request): boolean {
  return req.accepts(GRAPHQL_RESPONSE_TYPES) === 'application/json';
}

/** The status refusing operations that were read and parsed: `status` as given, or 200 for an `application/json` request. */
export function refusalStatus(req: Request, status: number): number {
  return answersPlainJson(req) ? 200 : status;
}

/**
 * Sets HTTP 200 on a GraphQL response whose errors gave it a 4xx or 5xx status (our cost limits,
 * Apollo Server's parse, validation and variable errors, an unexpected error) when the request is
 * answered as `application/json`, so that a router passes on each error's code and `retryable`.
 * A mutation sent over GET keeps its 405, which the spec requires whatever the type.
 */
export function refusalStatusPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const status = response.http.status;
          if (contextValue.answersPlainJson && status !== undefined && status >= 400 && status !== 405) response.http.status = 200;
        },
      };
    },
  };
}

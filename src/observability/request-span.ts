import type { ApolloServerPlugin } from '@apollo/server';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { operationLabel, plainOperationName } from './operation-labels.js';

const tracer = trace.getTracer('member-subgraph');

/**
 * The GraphQL request's span, a child of the router's fetch span when the request carries `traceparent`
 * (and `tracestate`). Everything after this middleware, the resolvers and their vendor calls included, runs with
 * it active, so their spans are its children. Placed after the body is read: the body parser's callbacks run in
 * the socket's context, not the request's.
 */
export function traceRequests(): RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/**
 * Names the request's span after its operation's type and root fields (`query member`), as metrics count it
 * (operationLabel): a span name is grouped on, so it is never the caller's invention. The caller's operation name is
 * an attribute when it is a plain GraphQL name of at most 64 characters (a batch's span is `graphql batch`, with its
 * first operation's). Never the document or the variables: they hold account ids, phone numbers and passwords.
 */
export function operationSpanPlugin(): ApolloServerPlugin {
  // The operations of a batched HTTP request share its span: it is named once, then called a batch.
  const named = new WeakSet<Span>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation, document }) {
          const span = trace.getActiveSpan();
          if (!span || !operation) return;
          if (named.has(span)) {
            span.updateName('graphql batch');
            return;
          }
          named.add(span);
          span.updateName(`${operation.operation} ${operationLabel(operation, document)}`);
          const name = plainOperationName(operationName);
          span.setAttributes({ 'graphql.operation.type': operation.operation, ...(name && { 'graphql.operation.name': name }) });
        },
        async didEncounterErrors({ errors }) {
          trace.getActiveSpan()?.setAttribute('graphql.error_count', errors.length);
        },
      };
    },
  };
}

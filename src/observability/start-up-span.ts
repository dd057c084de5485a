import { SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('member-subgraph/start-up');

/**
 * Runs `work` under a root span named `name`, so that what it does (the WSDL fetches' client spans) is one trace rather
 * than a parentless span each. A no-op when tracing is off.
 */
export function inStartUpSpan<T>(name: string, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { root: true }, async (span) => {
    try {
      return await work();
    } catch (error) {
      // The error's name only: a transport error's message names URLs.
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import type { TracingSettings } from '../config.js';

export interface Tracing {
  /** Exports what has ended so far (tests read the receiver after it). */
  flush(): Promise<void>;
  /** Exports what is left and unregisters: spans made after it are no-ops again. */
  shutdown(): Promise<void>;
}

/** OTEL_TRACES_SAMPLER's values, as the OpenTelemetry specification defines them. */
function samplerOf({ sampler, samplerRatio }: TracingSettings): Sampler {
  const root = sampler.endsWith('always_on')
    ? new AlwaysOnSampler()
    : sampler.endsWith('always_off')
      ? new AlwaysOffSampler()
      : new TraceIdRatioBasedSampler(samplerRatio);
  return sampler.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

/**
 * The OpenTelemetry SDK: spans batched and exported as OTLP/HTTP (JSON) to `tracesUrl`, W3C trace context read from
 * requests, the active span carried across awaits by AsyncLocalStorage. Only main.ts (and tests) load this module,
 * and only when tracing is configured: otherwise the API's no-op tracer answers every span at no cost.
 */
export function startTracing(settings: TracingSettings & { tracesUrl: string }): Tracing {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: samplerOf(settings),
    // Headers, timeout and compression still come from the standard OTEL_EXPORTER_OTLP_* variables.
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.tracesUrl }) })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

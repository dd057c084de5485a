import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createAdmission } from './http/admission.js';
import { allowBrowserOrigins } from './http/browser-origins.js';
import { limitBatchSize } from './http/batch-limit.js';
import { operatorEndpoints } from './http/operator-endpoints.js';
import { bodyReadDeadline } from './http/body-read-deadline.js';
import { costLimitsPlugin } from './http/cost-limits-plugin.js';
import { jsonErrors, unknownRoute } from './http/json-errors.js';
import { explorerPreload } from './http/explorer/example-operations.js';
import { landingPagePlugin } from './http/explorer/landing-page.js';
import { EXPLORER_PATH, offlineExplorer } from './http/explorer/offline-explorer.js';
import { refusalStatusPlugin } from './http/refusal-status.js';
import { requireRouterSecret } from './http/require-router-secret.js';
import { correlationScope } from './observability/correlation-scope.js';
import { logText } from './observability/log-text.js';
import { SubgraphMetrics } from './observability/metrics.js';
import { requestLogPlugin } from './observability/request-log-plugin.js';
import { unexpectedErrorsPlugin } from './observability/unexpected-errors-plugin.js';
import { operationSpanPlugin, traceRequests } from './observability/request-span.js';
import { vendorAttemptTracer } from './observability/vendor-attempt-spans.js';
import { vendorCallObserver } from './observability/vendor-call-observer.js';
import { requestContextFactory } from './request-context.js';
import type { RequestContext } from './schema/context.js';
import { buildMemberSubgraphSchema } from './schema/build-subgraph-schema.js';
import { cacheControlHeaderPlugins } from './schema/shared/cache-hint.js';
import type { ContractDrift } from './vendors/kognitiv/contract-drift.js';
import type { Vendors } from './vendors/vendor-operations.js';
import { createFormatError } from './schema/errors/format-error.js';
import { LoginThrottle } from './schema/login/login-throttle.js';
import type { IdempotencySettings } from './schema/idempotency/idempotent.js';
import { createStateStore, sharedAttemptBudgets } from './state/create-state-store.js';
import type { StateStoreObserver } from './state/guarded-state-store.js';
import { MemoryAttemptBudgets } from './state/memory-attempt-budgets.js';
import { VendorPolicies } from './vendors/resilience/vendor-policies.js';

export const GRAPHQL_PATH = '/graphql';

/**
 * How long stop() waits for in-flight requests before cutting their sockets: the longest a request can
 * live (its deadline, or a full admission wait followed by a full body read when that is longer), plus a
 * second to write the answer. So every request in flight at a signal is answered, even if only with the
 * error its deadline gives it.
 */
export function drainGraceMs(limits: Pick<Config['limits'], 'requestDeadlineMs' | 'bodyReadTimeoutMs' | 'admission'>): number {
  return Math.max(limits.requestDeadlineMs, limits.admission.maxWaitMs + limits.bodyReadTimeoutMs) + 1_000;
}

/** After the drain, closing vendor sockets and the sandboxes takes moments; this bounds a hang there. */
const CLOSE_AFTER_DRAIN_MS = 2_000;

/** The longest a signalled process lives (close-on-signals.ts): the drain, then the closing; a pod's termination grace must cover it. */
export function shutdownGraceMs(limits: Parameters<typeof drainGraceMs>[0]): number {
  return drainGraceMs(limits) + CLOSE_AFTER_DRAIN_MS;
}

export interface AppDeps {
  config: Config;
  /** The raw datasources; the app wraps them in breakers, retries and deadlines. */
  vendors: Vendors;
  logger: Logger;
  /**
   * The configured secret values (config's `secretValues`), as the logger has them: censored from vendor text before it
   * is cut for a log field.
   */
  secrets: readonly (string | undefined)[];
  /** False while the vendor clients are still being created (live mode, WSDL unreachable). */
  isReady?: () => boolean;
  /** How the vendors' WSDLs differ from the contracts: reported on `/ready` and as a metric, never a reason to be unready. */
  contractDrift?: () => readonly ContractDrift[];
}

export interface App {
  /** Not listening yet: whoever runs the process chooses where (server.ts). */
  httpServer: Server;
  /** With METRICS_PORT: /metrics, /health and /ready alone, not listening yet either; stop() closes it last. */
  operatorServer?: Server;
  /** Stops taking requests and drains those in flight (within drainGraceMs). */
  stop(): Promise<void>;
}

/** Wires the Express app (GraphQL at /graphql; /health, /ready, /metrics there too or on a server of their own) into HTTP servers. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, vendors, logger } = deps;
  const app = express();
  const httpServer = createHttpServer(app);
  const policies = new VendorPolicies(config.resilience);
  const admission = createAdmission(config.limits.admission);
  const contractDrift = deps.contractDrift ?? (() => []);
  const metrics = new SubgraphMetrics({
    breakerStates: () => policies.states(),
    inFlight: admission.inFlight,
    queued: admission.queued,
    contractDrift,
    stateStore: () => ({ kind: stateStore.kind, available: stateStore.isAvailable() }),
  });
  admission.onShed((reason) => metrics.operationsShed.inc({ reason }));
  const breakerState = (breaker: string) => policies.states()[breaker];
  // Spans only when tracing is configured: with it off, none of the tracing hooks is even installed.
  const tracing = config.tracing.tracesUrl !== undefined;
  const vendorCallHooks = {
    observe: vendorCallObserver(logger, metrics, breakerState),
    traceAttempt: tracing ? vendorAttemptTracer(breakerState) : undefined,
  };
  const observeStateStore: StateStoreObserver = (call, seconds, failed) =>
    metrics.stateStoreCalls.observe({ call, outcome: failed ? 'error' : 'ok' }, seconds);
  const stateStore = await createStateStore(config.state, observeStateStore, (error) =>
    logger.warn({ err: { message: error.message } }, 'redis connection error'),
  );
  const loginThrottle = new LoginThrottle({
    maxFailures: config.loginThrottle.maxFailures,
    maxFailuresPerCaller: config.loginThrottle.maxFailuresPerCaller,
    windowMs: config.loginThrottle.windowSeconds * 1000,
    shared: await sharedAttemptBudgets(stateStore, config.state.timeoutMs, observeStateStore),
    local: new MemoryAttemptBudgets(config.loginThrottle.memoryMaxKeys),
    onStoreUnavailable: (error) => {
      metrics.loginThrottleStoreFailures.inc();
      logger.warn({ err: { message: error.message } }, "login throttle counted in this replica's memory: state store unavailable");
    },
  });
  const idempotency: IdempotencySettings = {
    store: stateStore,
    retentionMs: config.idempotencyRetentionSeconds * 1000,
    storeTimeoutMs: config.state.timeoutMs,
    onReplay: (operation) => metrics.idempotentReplays.inc({ operation }),
  };

  // Outside production only: Apollo Sandbox on GET /graphql, and the explorer served from npm for when Sandbox cannot load.
  const preload = config.nodeEnv === 'production' ? undefined : explorerPreload(config.authorization.memberIdHeader);
  const foreignText = logText(deps.secrets);
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildMemberSubgraphSchema(),
    formatError: createFormatError(logger, foreignText),
    logger,
    includeStacktraceInErrorResponses: false,
    // Production hides the schema (no introspection, no "Did you mean" in validation errors) unless INTROSPECTION=on;
    // routers still compose from `_service { sdl }`, which is an ordinary field behind the router secret.
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // main.ts owns the signals: Apollo's handlers would race its stop() with ours (close-on-signals.ts).
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: config.limits.maxBatchOperations > 1,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: drainGraceMs(config.limits) }),
      ...cacheControlHeaderPlugins(),
      costLimitsPlugin(config.limits),
      refusalStatusPlugin(),
      requestLogPlugin(logger, metrics),
      unexpectedErrorsPlugin(logger, foreignText),
      landingPagePlugin(preload),
      ...(tracing ? [operationSpanPlugin()] : []),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  // req.ip: the X-Forwarded-For entry this many proxies from us appended; entries to its left are the client's own words.
  app.set('trust proxy', config.trustProxyHops);
  // Answers are private and POSTed by the router: an ETag (a hash of every body) is CPU for nothing.
  app.disable('etag');
  let stopping = false;
  const operator = operatorEndpoints({
    readiness() {
      const ready = !stopping && (deps.isReady?.() ?? true);
      // The state store is reported, never a reason to be unready: reads do not need it, and keyed mutations refuse on their own.
      const state = { store: stateStore.kind, available: stateStore.isAvailable() };
      const status = stopping ? 'stopping' : ready ? 'ready' : 'starting';
      return { ready, body: { status, breakers: policies.states(), state, contractDrift: contractDrift() } };
    },
    metrics: async () => ({ contentType: metrics.registry.contentType, text: await metrics.registry.metrics() }),
  });
  const operatorServer = config.metricsPort === undefined ? undefined : createHttpServer(operatorApp(operator, logger));
  if (operatorServer === undefined) app.use(operator);

  if (preload !== undefined) app.use(EXPLORER_PATH, offlineExplorer(preload, GRAPHQL_PATH));

  const graphql: express.RequestHandler[] = [];
  // Preflights first: they carry neither the router secret nor a body.
  if (config.corsOrigins.length > 0) {
    const { memberIdHeader, staffScopesHeader } = config.authorization;
    graphql.push(allowBrowserOrigins(config.corsOrigins, [memberIdHeader, staffScopesHeader]));
  }
  // The secret is checked before the body is even read.
  if (config.routerSecret !== undefined) graphql.push(requireRouterSecret(config.routerSecret));
  graphql.push(
    // The deadline runs from arrival, so time spent waiting for admission counts against it.
    (_req, res, next) => {
      res.locals.receivedAt = Date.now();
      next();
    },
    admission.middleware,
    bodyReadDeadline(config.limits.bodyReadTimeoutMs),
    express.json({ limit: config.limits.maxBodyBytes }),
    limitBatchSize(config.limits.maxBatchOperations),
  );
  if (tracing) graphql.push(traceRequests());
  graphql.push(
    // formatError gives a masked error the request's correlation id, which Apollo does not pass it.
    correlationScope(),
    expressMiddleware(apollo, {
      context: requestContextFactory({ config, vendors, policies, vendorCallHooks, loginThrottle, idempotency }),
    }),
  );
  app.use(GRAPHQL_PATH, ...graphql);
  app.use(unknownRoute);
  app.use(jsonErrors(logger));

  return {
    httpServer,
    operatorServer,
    stop: async () => {
      stopping = true;
      await apollo.stop();
      await stateStore.close();
      // Last, so that Prometheus and the probes see the drain through.
      if (operatorServer?.listening) {
        await new Promise<void>((resolve) => {
          operatorServer.close(() => resolve());
          operatorServer.closeAllConnections();
        });
      }
    },
  };
}

/** The operator endpoints as an app of their own: whatever else is asked there is a 404. */
function operatorApp(operator: express.Router, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(operator, unknownRoute, jsonErrors(logger));
  return app;
}

import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.js';
import { answersPlainJson } from './http/refusal-status.js';
import { callerFromHeaders, readsAccountDetails } from './schema/auth/caller.js';
import { vendorsSeenBy } from './schema/errors/vendors-seen-by.js';
import type { RequestContext, SchemaSettings } from './schema/context.js';
import { RequestCostBudget } from './schema/request-cost-budget.js';
import type { Vendors } from './vendors/vendor-operations.js';
import { createLoaders } from './schema/loaders.js';
import type { IdempotencySettings } from './schema/idempotency/idempotent.js';
import type { LoginThrottle } from './schema/login/login-throttle.js';
import { resilientVendors, type VendorCallHooks } from './vendors/resilience/resilient-vendors.js';
import type { VendorPolicies } from './vendors/resilience/vendor-policies.js';

export interface RequestContextDeps {
  config: SchemaSettings & Pick<Config, 'authorization' | 'limits'>;
  /** The raw datasources; each request gets them wrapped in breakers, retries and its own deadline. */
  vendors: Vendors;
  policies: VendorPolicies;
  /** What watches each vendor call attempt: metrics and logs, and spans when tracing is on. */
  vendorCallHooks: VendorCallHooks;
  loginThrottle: LoginThrottle;
  idempotency: IdempotencySettings;
}

/** The router's request id is kept only when it is this plain: it reaches our logs and a response header. */
const PLAIN_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Builds each GraphQL request's context from the HTTP request; shared pieces (throttle, breakers) come from `deps`. */
export function requestContextFactory(deps: RequestContextDeps): (http: { req: Request; res: Response }) => Promise<RequestContext> {
  const { config, vendors, policies, vendorCallHooks, loginThrottle, idempotency } = deps;
  // The whole config object: what the schema reads of it is what SchemaSettings picks.
  const settings: SchemaSettings = config;
  return async ({ req, res }) => {
    // The router's request id when it sends one, so a request can be followed across both logs.
    const routerRequestId = req.get('x-request-id') ?? '';
    const correlationId = PLAIN_REQUEST_ID.test(routerRequestId) ? routerRequestId : randomUUID();
    res.setHeader('x-request-id', correlationId);
    // Set by the app when the request arrived, so time spent waiting for admission counts against the deadline.
    const receivedAt = typeof res.locals.receivedAt === 'number' ? res.locals.receivedAt : Date.now();
    const deadline = receivedAt + config.limits.requestDeadlineMs;
    const caller = callerFromHeaders((name) => req.get(name), config.authorization, req.ip ?? 'unknown');
    const requestVendors = vendorsSeenBy(
      resilientVendors(vendors, policies, deadline, vendorCallHooks),
      readsAccountDetails(caller, config.authorization),
    );
    return {
      correlationId,
      receivedAt,
      vendors: requestVendors,
      settings,
      caller,
      authorization: config.authorization,
      loginThrottle,
      idempotency: {
        ...idempotency,
        headerKey: req.get('idempotency-key'),
        deadline,
        // A header, so a router can pass it on (e.g. Apollo Router's headers `propagate`); errors also say `replayed`.
        markReplayed: () => res.setHeader('idempotent-replayed', 'true'),
      },
      loaders: createLoaders(requestVendors, { concurrency: settings.vendorConcurrency, maxPhonePages: config.limits.maxPhonePages }),
      costBudget: new RequestCostBudget(),
      answersPlainJson: answersPlainJson(req),
    };
  };
}

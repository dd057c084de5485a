import { z } from 'zod';
import { setting, vendorGroup } from './setting.js';
import { browserOrigins, countryCodes, phoneTypes, withoutTrailingSlash } from './setting-values.js';

const int = z.coerce.number().int();
const httpUrl = z.url({ protocol: /^https?$/ });
const onOff = (byDefault: 'on' | 'off') =>
  z
    .enum(['on', 'off'])
    .default(byDefault)
    .transform((value) => value === 'on');

export const NODE_ENVS = ['development', 'production', 'test'] as const;

export const TRACE_SAMPLERS = [
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'always_on',
  'always_off',
  'traceidratio',
] as const;

/**
 * Every setting, declared once: its variable, its type and bounds, its default, whether it is a secret, where it sits in
 * `Config` (its key path here) and what it means. `loadConfig` reads them, the logger's secrets and the start-up checks
 * come from the `secret` flags, and the README's Settings table is written from them (`npm run docs:settings`).
 */
export const SETTINGS = z.object({
  port: setting(int.min(0).max(65535).default(4001), {
    env: 'PORT',
    description: 'HTTP port; GraphQL is at `/graphql`, plus `/health`, `/ready` and `/metrics` unless `METRICS_PORT` is set',
  }),
  metricsPort: setting(int.min(1).max(65535).optional(), {
    env: 'METRICS_PORT',
    description:
      'a second port, on the same address, for `/metrics`, `/health` and `/ready` only (then not on `PORT`): a network policy can ' +
      'admit the router to `PORT` and Prometheus and the kubelet to this one. It stays open through the drain, `/ready` saying 503',
    whenUnset: 'none: all on `PORT`',
    blankIsUnset: true,
  }),
  host: setting(z.string().default('127.0.0.1'), {
    env: 'HOST',
    description: 'listen address',
    productionDefault: '0.0.0.0',
    blankIsUnset: true,
  }),
  nodeEnv: setting(z.enum(NODE_ENVS).default('development'), {
    env: 'NODE_ENV',
    description:
      '`development`, `production` or `test`, exactly; anything else (`Production`, `prod`) is refused at start-up rather than run ' +
      'without the production checks. `production` refuses sandboxed vendors and needs `ROUTER_SECRET`',
  }),
  logLevel: setting(z.string().default('debug'), { env: 'LOG_LEVEL', description: 'pino log level', productionDefault: 'info' }),
  vendorConcurrency: setting(int.min(1).max(100).default(20), {
    env: 'VENDOR_CONCURRENCY',
    description:
      'calls one request may have in flight to one vendor (20: the reads for a router batch of 10 distinct members go out in one wave)',
  }),
  kognitiv: vendorGroup(
    {
      url: setting(httpUrl.transform(withoutTrailingSlash), {
        env: 'KOGNITIV_URL',
        description:
          'host root, e.g. `https://app.kognitivloyalty.com` (US), `https://ca.…`, `https://aus.…`; each service is ' +
          '`<KOGNITIV_URL>/Services/<Name>.asmx` or `/WS/<Name>.asmx`',
        requiredWhenLive: true,
      }),
      securityToken: setting(z.string(), {
        env: 'KOGNITIV_SECURITY_TOKEN',
        description: 'web-service security token; added by the subgraph to every call',
        secret: 'value',
        requiredWhenLive: true,
      }),
      loyaltyProgramId: setting(int, {
        env: 'KOGNITIV_LOYALTY_PROGRAM_ID',
        description: 'integer program id for `ProductPromotionEntry`',
        requiredWhenLive: true,
      }),
      defaultLocation: setting(z.string(), {
        env: 'KOGNITIV_LOCATION',
        description: 'default `LocationExternalReference` (promotion, login, interaction)',
        requiredWhenLive: true,
      }),
      wsdl: setting(z.enum(['remote', 'bundled']).default('remote'), {
        env: 'KOGNITIV_WSDL',
        description:
          '`remote` reads `<endpoint>?WSDL` at start-up, following its `wsdl:import`/`xsd:import`/`xsd:include` only on ' +
          "`KOGNITIV_URL`'s own origin (one elsewhere fails start-up, naming it, and is never fetched), and reports how it differs from " +
          'the contract (README, "Vendor contract drift"); `bundled` uses the copies in `src/vendors/kognitiv/wsdl/`',
      }),
      timeoutMs: setting(int.positive().default(5000), { env: 'KOGNITIV_TIMEOUT_MS', description: 'per-call timeout' }),
    },
    {
      vendor: 'Kognitiv',
      triggers: ['KOGNITIV_URL'],
      strays: ['KOGNITIV_SECURITY_TOKEN', 'KOGNITIV_SECURITY_TOKEN_FILE', 'KOGNITIV_WSDL'],
    },
  ),
  kognitivPhoneTypes: setting(z.string().optional().transform(phoneTypes), {
    env: 'KOGNITIV_PHONE_TYPES',
    description: '`PhoneType` → Kognitiv phone type external reference, e.g. `MOBILE=Cell,HOME=Home`',
    whenUnset: 'each enum name',
  }),
  debitsuccess: vendorGroup(
    {
      soapUrl: setting(httpUrl, {
        env: 'DEBITSUCCESS_SOAP_URL',
        description: 'endpoint of the WCF service carrying `UpdateClientPhoneNumber` (not published: ask Debitsuccess)',
        requiredWhenLive: true,
      }),
      soapAction: setting(z.string().min(1).default('Debitsuccess.WebServices.WCF/IDebitsuccessMessages/UpdateClientPhoneNumber'), {
        env: 'DEBITSUCCESS_SOAP_ACTION',
        description: "SOAPAction (not published: WCF's default pattern with a guessed contract name)",
        blankIsUnset: true,
      }),
      username: setting(z.string(), {
        env: 'DEBITSUCCESS_USERNAME',
        description: 'the message `User`: its name',
        requiredWhenLive: true,
      }),
      password: setting(z.string(), {
        env: 'DEBITSUCCESS_PASSWORD',
        description: 'the message `User`: its password',
        secret: 'value',
        requiredWhenLive: true,
      }),
      userId: setting(z.string().optional(), {
        env: 'DEBITSUCCESS_USER_ID',
        description: '`User.Id`, when Debitsuccess gave you one',
        blankIsUnset: true,
      }),
      requestInitiator: setting(z.string().min(1).max(100).default('member-subgraph'), {
        env: 'DEBITSUCCESS_REQUEST_INITIATOR',
        description: '`RequestInitiator` (at most 100 characters)',
      }),
      apiUrl: setting(httpUrl.transform(withoutTrailingSlash), {
        env: 'DEBITSUCCESS_API_URL',
        description:
          'e.g. `https://oc-sbox.debitsuccess.com/CustomerServices/v1.0` (sandbox) or `https://oc.debitsuccess.com/CustomerServices/v1.0`',
        requiredWhenLive: true,
      }),
      tokenUrl: setting(httpUrl, {
        env: 'DEBITSUCCESS_TOKEN_URL',
        description: 'OAuth2 token endpoint (`…/identity/connect/token`)',
        requiredWhenLive: true,
      }),
      clientId: setting(z.string(), {
        env: 'DEBITSUCCESS_CLIENT_ID',
        description: 'OAuth2 client credentials: the id',
        requiredWhenLive: true,
      }),
      clientSecret: setting(z.string(), {
        env: 'DEBITSUCCESS_CLIENT_SECRET',
        description: 'OAuth2 client credentials: the secret',
        secret: 'value',
        requiredWhenLive: true,
      }),
      timeoutMs: setting(int.positive().default(5000), { env: 'DEBITSUCCESS_TIMEOUT_MS', description: 'per-call timeout (SOAP and REST)' }),
    },
    { vendor: 'Debitsuccess', triggers: ['DEBITSUCCESS_SOAP_URL', 'DEBITSUCCESS_API_URL'], strays: [] },
  ),
  debitsuccessCountryCodes: setting(z.string().optional().transform(countryCodes), {
    env: 'DEBITSUCCESS_COUNTRY_CODES',
    description:
      'calling code → Debitsuccess `CountryCode` enum value, e.g. `64=NZ,61=AU`; unmapped codes leave `CountryCode` out ' +
      '(the vendor has not published its values)',
    whenUnset: 'empty',
  }),
  routerSecret: setting(z.string().optional(), {
    env: 'ROUTER_SECRET',
    description: 'requests to `/graphql` must carry it in `Router-Authorization` (HTTP 401 otherwise)',
    secret: 'value',
    blankIsUnset: true,
    requiredInProduction: true,
  }),
  introspection: setting(onOff('on'), {
    env: 'INTROSPECTION',
    description:
      '`on`: answers introspection (`__schema`, `__type`) and lets validation errors suggest field names ("Did you mean …"); `off` ' +
      'refuses introspection (`GRAPHQL_VALIDATION_FAILED`, `validationErrorCode` `INTROSPECTION_DISABLED`) and drops the suggestions, ' +
      'as both show the schema. Routers compose from `_service { sdl }`, answered either way (behind `ROUTER_SECRET`); Apollo Sandbox ' +
      'needs `on`',
    productionDefault: 'off',
  }),
  authorization: z.object({
    enabled: setting(onOff('off'), {
      env: 'AUTHORIZATION',
      description: '`on`: members may act only on their own account, staff on any',
      productionDefault: 'on',
    }),
    memberIdHeader: setting(
      z
        .string()
        .default('x-member-id')
        .transform((name) => name.toLowerCase()),
      { env: 'MEMBER_ID_HEADER', description: "header in which the router forwards the signed-in member's account id" },
    ),
    staffScopesHeader: setting(
      z
        .string()
        .default('x-staff-scopes')
        .transform((name) => name.toLowerCase()),
      { env: 'STAFF_SCOPES_HEADER', description: "header with the caller's scopes (space or comma separated)" },
    ),
    staffScope: setting(z.string().default('members:manage'), { env: 'STAFF_SCOPE', description: 'the scope that may act on any member' }),
  }),
  corsOrigins: setting(z.string().optional().transform(browserOrigins), {
    env: 'CORS_ORIGINS',
    description:
      'browser origins that may call `/graphql` directly, comma-separated and exact (`http://localhost:3000`); for a front end in ' +
      'development (README, "From a browser app in development"). Their preflights are answered before the router secret and ' +
      'admission; no credentials (cookies) are allowed, and `*` is refused. CSRF prevention still refuses requests a browser sends ' +
      'without a preflight',
    whenUnset: 'none',
  }),
  trustProxyHops: setting(int.min(0).default(1), {
    env: 'TRUST_PROXY_HOPS',
    description:
      "proxies in front of the subgraph that append to `X-Forwarded-For`, counted as Express's `trust proxy` counts them (the socket " +
      'peer, the router, is hop 0): the caller address for login throttling is the entry that many hops from the right, the one the ' +
      'load balancer in front of the router appended (docs/deploy.md); `0` ignores the header. `CLIENT_ADDRESS_HEADER` is no longer ' +
      'read (it took the first, client-written entry) and is refused if set',
  }),
  limits: z.object({
    maxDepth: setting(int.min(1).default(10), {
      env: 'MAX_QUERY_DEPTH',
      description:
        "field nesting per operation, introspection excluded (Sandbox's introspection query is deep; graphql-js bounds introspection's " +
        'own nesting)',
    }),
    maxAliases: setting(int.min(0).default(30), {
      env: 'MAX_ALIASES',
      description: 'aliased fields per HTTP request (all operations of a batch together), introspection fields included',
    }),
    maxMemberFields: setting(int.min(1).default(25), {
      env: 'MAX_MEMBER_FIELDS',
      description: '`member` fields per HTTP request (all operations of a batch together)',
    }),
    maxEntityRepresentations: setting(int.min(1).default(2000), {
      env: 'MAX_ENTITY_REPRESENTATIONS',
      description:
        '`_entities` representations per HTTP request, duplicates included: the parsing and answering work (@apollo/gateway sends a ' +
        'page of 150 bookings of 3 members as 150 representations). One representation (`{"__typename":"Member","id":"M1001"}`) is ' +
        '37 bytes of JSON, so `MAX_BODY_BYTES` alone lets about 2,700 in; 2,000 of 3 members measured 124 ms of CPU and a 261 kB ' +
        'answer, less than 150 distinct members, so neither cap lets a request cost much more than the other',
    }),
    maxEntityMembers: setting(int.min(1).default(150), {
      env: 'MAX_ENTITY_MEMBERS',
      description:
        'distinct members named by `_entities` representations per HTTP request (all operations of a batch together, whose ' +
        'DataLoaders are shared): the vendor work, per member two Kognitiv reads, one Debitsuccess accounts read and, with ' +
        '`billingPhones`, up to `MAX_PHONE_PAGES` phone pages per billing customer, while a repeated member is served by the ' +
        "request's DataLoaders. Ids count as given, as the DataLoaders key on them (`M1001` and `m1001` are two members); a " +
        'representation whose id cannot be read before execution (no string `id`) counts as a member of its own. Sized for ' +
        'routers: a page of 100 distinct members, or Hive Gateway merging two parallel fetches of 60 into one `_entities` of 120. ' +
        '150 members are 300 Kognitiv reads at `VENDOR_CONCURRENCY` 20, 15 waves of vendor round trips: 0.3 s at the 20 ms of ' +
        'docs/benchmarks.md, 7.5 s at 500 ms (half ' +
        '`REQUEST_DEADLINE_MS`); measured against the sandboxes, 150 members took 213 ms of CPU',
    }),
    maxIntrospectionFields: setting(int.min(0).default(3), {
      env: 'MAX_INTROSPECTION_FIELDS',
      description:
        "`__schema` and `__type` fields per HTTP request: Sandbox's introspection query needs one (57 kB of answer), so 3 leaves room " +
        "for a tool's `__type` look-ups while bounding what one request can make the subgraph write",
    }),
    maxBatchOperations: setting(int.min(1).default(10), {
      env: 'MAX_BATCH_OPERATIONS',
      description: 'operations in one batched HTTP request',
    }),
    maxBodyBytes: setting(int.min(1).default(100 * 1024), {
      env: 'MAX_BODY_BYTES',
      description: 'request body limit (HTTP 413 `QUERY_TOO_COSTLY` above)',
    }),
    bodyReadTimeoutMs: setting(int.min(1).default(5000), {
      env: 'BODY_READ_TIMEOUT_MS',
      description:
        'time an admitted request has to deliver its whole body; after it the request gets HTTP 408 `BAD_REQUEST` (retryable) and its ' +
        'connection is closed, freeing its admission slot. A router sends a 100 kB body in milliseconds and even a 1 Mbit/s link in ' +
        'under a second, so 5 s only ever cuts a stalled or dribbling client',
    }),
    requestDeadlineMs: setting(int.min(1).default(15_000), {
      env: 'REQUEST_DEADLINE_MS',
      description: 'no GraphQL request outlives this, counted from its arrival (a wait for admission included), retries included',
    }),
    maxVendorResponseBytes: setting(int.min(1).default(1024 * 1024), {
      env: 'MAX_VENDOR_RESPONSE_BYTES',
      description:
        'larger vendor answers are refused unparsed (`MALFORMED_RESPONSE`): on its declared length, or as it arrives, counted after ' +
        'decompression',
    }),
    maxPhonePages: setting(int.min(1).max(100).default(10), {
      env: 'MAX_PHONE_PAGES',
      description:
        'pages of 50 a `billingPhones` read follows per Debitsuccess customer (10: 500 numbers, 10 calls); a customer with more is ' +
        '`VENDOR_UNAVAILABLE`/`MALFORMED_RESPONSE` on that field, never a list cut short',
    }),
    maxSocketsPerVendor: setting(int.min(1).default(64), {
      env: 'MAX_SOCKETS_PER_VENDOR',
      description:
        'keep-alive sockets per vendor and replica, the bound on what one replica asks of a vendor at once (Debitsuccess SOAP and REST ' +
        'share theirs); with 32, concurrent `_entities` batches queued for sockets at 20 ms vendor latency',
    }),
    admission: z.object({
      maxConcurrent: setting(int.min(1).default(64), {
        env: 'MAX_CONCURRENT_OPERATIONS',
        description:
          'admission control: GraphQL requests worked on at once (size it as throughput × vendor latency: 64 carries 250 req/s at ' +
          '250 ms); beyond that requests wait unread, in arrival order',
      }),
      maxQueued: setting(int.min(0).default(1000), {
        env: 'MAX_QUEUED_OPERATIONS',
        description: 'admission control: requests allowed to wait; beyond it a request gets HTTP 503 `SERVICE_OVERLOADED` at once',
      }),
      maxWaitMs: setting(int.min(1).default(5000), {
        env: 'MAX_QUEUE_WAIT_MS',
        description: 'admission control: how long a request may wait for its turn before it gets HTTP 503 `SERVICE_OVERLOADED`',
      }),
    }),
  }),
  cacheSeconds: z.object({
    member: setting(int.min(0).default(60), { env: 'CACHE_MEMBER_SECONDS', description: cacheHint('`member`') }),
    loyalty: setting(int.min(0).default(60), { env: 'CACHE_LOYALTY_SECONDS', description: cacheHint('Kognitiv loyalty') }),
    points: setting(int.min(0).default(0), {
      env: 'CACHE_POINTS_SECONDS',
      description:
        `${cacheHint('Kognitiv points')}. Also how old points a router may show after \`enterPromotion\`, ` +
        'which names no member to invalidate',
    }),
    billing: setting(int.min(0).default(60), { env: 'CACHE_BILLING_SECONDS', description: cacheHint('Debitsuccess billing') }),
  }),
  loginThrottle: z.object({
    maxFailures: setting(int.min(1).default(5), {
      env: 'LOGIN_MAX_FAILURES',
      description:
        'credential checks per (caller, account) that may fail in `LOGIN_WINDOW_SECONDS` before `LOGIN_THROTTLED`; each attempt takes ' +
        'its slot before Kognitiv is called (Security, Login abuse); shared by every replica with `REDIS_URL`',
    }),
    maxFailuresPerCaller: setting(int.min(1).default(100), {
      env: 'LOGIN_MAX_FAILURES_PER_CALLER',
      description:
        'failed logins per caller across all accounts in the same window before `LOGIN_THROTTLED`, against credential stuffing ' +
        '(one password tried on many accounts); an IPv6 caller is its /64',
    }),
    windowSeconds: setting(int.min(1).default(900), {
      env: 'LOGIN_WINDOW_SECONDS',
      description: "the login throttle's window, which starts with a (caller, account) pair's first attempt",
    }),
    memoryMaxKeys: setting(int.min(1).default(100_000), {
      env: 'LOGIN_THROTTLE_MEMORY_MAX_KEYS',
      description:
        'login budgets (one per (caller, account) pair and one per caller) this process keeps in memory: all of them without ' +
        '`REDIS_URL`, the stand-ins used while Redis cannot answer with it. Apart from `STATE_MEMORY_MAX_KEYS`, so logins never evict ' +
        'an idempotency record. When full, the budget whose window started longest ago is dropped (its caller starts afresh on that ' +
        'pair), never a refusal for everyone; refused attempts take no budget, so one caller fills at most ' +
        '`LOGIN_MAX_FAILURES_PER_CALLER` + 1 per window. About 225 bytes each: 100,000 measured 23 MB of heap',
    }),
  }),
  state: z.object({
    redisUrl: setting(z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// (TLS) URL' }).optional(), {
      env: 'REDIS_URL',
      description:
        '`redis://[:password@]host:port[/db]`, or `rediss://` for TLS (a managed Redis). Idempotency records and login throttle ' +
        "budgets then live there, shared by every replica (docs/deploy.md). Unset, they live in each process's memory, which is right " +
        'for one replica only',
      // A URL, but its password is a secret, and so may its host be.
      secret: 'url-password',
      blankIsUnset: true,
      whenUnset: 'none: state in this process',
    }),
    timeoutMs: setting(int.min(1).default(500), {
      env: 'STATE_STORE_TIMEOUT_MS',
      description:
        'a state store call slower than this counts as the store being unavailable: keyed mutations get `IDEMPOTENCY_UNAVAILABLE`, ' +
        "the login throttle counts in this replica's memory instead. An idempotency claim's lease is derived from it: twice this " +
        'plus one second (2 s)',
    }),
    memoryMaxKeys: setting(int.min(1).default(100_000), {
      env: 'STATE_MEMORY_MAX_KEYS',
      description:
        'without `REDIS_URL`: idempotency records the process keeps (claims included); login budgets are bounded apart ' +
        '(`LOGIN_THROTTLE_MEMORY_MAX_KEYS`). Records are never evicted: when this many are live, a new key is refused with ' +
        '`IDEMPOTENCY_UNAVAILABLE` (`reason: STORE_FULL`, retryable) until some expire. 100,000 keyed `enterPromotion` records ' +
        'measured 61 MB of heap (606 bytes each: key, owner token and stored answer)',
    }),
  }),
  idempotencyRetentionSeconds: setting(int.min(1).default(24 * 60 * 60), {
    env: 'IDEMPOTENCY_RETENTION_SECONDS',
    description: "how long a keyed mutation's outcome is kept and replayed (24 h); a repeat after it runs again",
  }),
  resilience: z.object({
    breakerThreshold: setting(int.min(1).default(5), {
      env: 'BREAKER_THRESHOLD',
      description: "consecutive outages (one per logical call, however many attempts it took) that open a vendor service's circuit",
    }),
    breakerCooldownMs: setting(int.min(1).default(10_000), {
      env: 'BREAKER_COOLDOWN_MS',
      description: 'how long an open circuit fails fast before letting one probe through',
    }),
    readAttempts: setting(int.min(1).default(3), {
      env: 'VENDOR_READ_ATTEMPTS',
      description: 'attempts for a read, the first included (writes: always one)',
    }),
    retryInitialDelayMs: setting(int.min(0).default(50), {
      env: 'VENDOR_RETRY_DELAY_MS',
      description: 'the first backoff delay; later ones grow exponentially with decorrelated jitter',
    }),
  }),
  heapGrowthPercent: setting(int.min(0).max(300).default(50), {
    env: 'HEAP_GROWTH_PERCENT',
    description:
      "how far V8 lets the heap grow past the live set before the next full GC (`0`: V8's default, up to 300%); bounds resident " +
      'memory under load',
  }),
  tracing: z.object({
    tracesUrl: setting(httpUrl.optional(), {
      env: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
      fallback: { env: 'OTEL_EXPORTER_OTLP_ENDPOINT', suffix: '/v1/traces' },
      blankIsUnset: true,
      whenUnset: 'none: tracing off',
      description:
        'OpenTelemetry tracing is on when either is set (an `http(s)` URL): spans go to the traces endpoint as is, else to ' +
        "`<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`, as OTLP over HTTP, JSON encoded (a Collector's `otlp` receiver on 4318 takes it). " +
        'Unset, the SDK is never loaded and no span is made (see Observability). The exporter also reads the standard ' +
        '`OTEL_EXPORTER_OTLP_HEADERS`, `_TIMEOUT` and `_COMPRESSION` (and their `_TRACES_` forms) itself',
    }),
    serviceName: setting(z.string().min(1).default('member-subgraph'), {
      env: 'OTEL_SERVICE_NAME',
      description: "the traces' `service.name`",
    }),
    sampler: setting(z.enum(TRACE_SAMPLERS).default('parentbased_always_on'), {
      env: 'OTEL_TRACES_SAMPLER',
      description:
        'the OpenTelemetry sampler (`always_on`, `always_off`, `traceidratio`, or `parentbased_` any of them). Parent-based: a request ' +
        'the router sampled is traced, one it did not is not',
    }),
    samplerRatio: setting(z.coerce.number().min(0).max(1).default(1), {
      env: 'OTEL_TRACES_SAMPLER_ARG',
      description: 'the ratio of the ratio samplers',
    }),
    propagateToVendors: setting(onOff('off'), {
      env: 'VENDOR_TRACE_PROPAGATION',
      description:
        "`on` sends the vendors `traceparent`/`tracestate` (each HTTP exchange's span). Off, they receive no trace header: they are " +
        'third parties, and a trace id would let them join our calls into requests',
    }),
  }),
});

/** The meaning of each CACHE_*_SECONDS. */
function cacheHint(fields: string): string {
  const header = '(`Cache-Control`, always `private`)';
  return `seconds a router's cache may keep the ${fields} fields ${header}; \`0\` disables. Mutations are never cacheable`;
}

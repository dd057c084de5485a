import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PhoneType } from './schema/phone/phone-type.enum.js';

/**
 * Configuration is read and validated once, at start-up. A vendor is live when its URL is set and
 * sandboxed (embedded simulator) otherwise; a half-configured vendor is a start-up error that
 * names what is missing, never a silent fallback to the sandbox.
 */

/** Secrets may come from the variable or from a file named by `<NAME>_FILE` (Docker/Kubernetes secrets). */
export const SECRET_SETTINGS = [
  'KOGNITIV_SECURITY_TOKEN',
  'DEBITSUCCESS_PASSWORD',
  'DEBITSUCCESS_CLIENT_SECRET',
  'ROUTER_SECRET',
  // A URL, but its password is a secret, and so may its host be.
  'REDIS_URL',
] as const;

/** REDIS_URL's password on its own, decoded; undefined when it has none. */
function redisPassword(redisUrl: string | undefined): string | undefined {
  return redisUrl ? decodeURIComponent(new URL(redisUrl).password) || undefined : undefined;
}

/**
 * The fewest characters a secret may have: in production, where it guards the vendors and the router's door, 8; anywhere,
 * 4, as the logger censors each secret wherever it appears in a line, and a shorter one (`1`, `id`, `msg`) is ordinary
 * log text, so censoring it would rewrite every line.
 */
export const MIN_SECRET_CHARS = { production: 8, otherwise: 4 } as const;
/**
 * Only characters a JSON line writes outside its strings (numbers, `true`, `false`, `null`, punctuation, spaces): a
 * secret made of nothing else can match a number or a literal, and censoring it there breaks the line's JSON.
 */
const JSON_OUTSIDE_STRINGS = /^[\d\s+\-.eE{}[\]:,truefalsn]*$/;

/** Refuses a secret that is guessable in production, or whose censoring would damage log lines anywhere. The message never quotes it. */
function checkSecret(name: string, value: string | undefined, production: boolean): void {
  if (value === undefined) return;
  if (value.trim() === '') throw new ConfigError(`${name}: blank (only whitespace); set a real secret`);
  const min = production ? MIN_SECRET_CHARS.production : MIN_SECRET_CHARS.otherwise;
  if (value.length < min)
    throw new ConfigError(`${name}: shorter than ${min} characters${production ? ' (NODE_ENV=production)' : ''}; set a longer secret`);
  if (JSON_OUTSIDE_STRINGS.test(value))
    throw new ConfigError(
      `${name}: made only of digits, punctuation and the letters of true/false/null, which the log censor would rewrite in every line; set another secret`,
    );
}

/** The values of SECRET_SETTINGS for the vendors in use (live or sandbox), for the logger to censor. */
export function secretValues(settings: {
  kognitiv: Pick<KognitivSettings, 'securityToken'>;
  debitsuccess: Pick<DebitsuccessSettings, 'password' | 'clientSecret'>;
  routerSecret: string | undefined;
  redisUrl?: string;
}): (string | undefined)[] {
  return [
    settings.kognitiv.securityToken,
    settings.debitsuccess.password,
    settings.debitsuccess.clientSecret,
    settings.routerSecret,
    settings.redisUrl,
    // The password alone too: a client error may name it without the rest of the URL.
    redisPassword(settings.redisUrl),
  ];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface KognitivSettings {
  url: string;
  securityToken: string;
  loyaltyProgramId: number;
  defaultLocation: string;
  wsdl: 'remote' | 'bundled';
  timeoutMs: number;
}

export interface DebitsuccessSettings {
  soapUrl: string;
  soapAction: string;
  username: string;
  password: string;
  userId?: string;
  requestInitiator: string;
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

const NODE_ENVS = ['development', 'production', 'test'] as const;

export interface Config {
  nodeEnv: (typeof NODE_ENVS)[number];
  port: number;
  host: string;
  /** `undefined`: that vendor runs as the embedded sandbox. */
  kognitiv?: KognitivSettings;
  debitsuccess?: DebitsuccessSettings;
  /** GraphQL phone type → Kognitiv PhoneNumberTypeExternalReference. */
  kognitivPhoneTypes: Record<PhoneType, string>;
  /** International calling code (`"64"`) → Debitsuccess `CountryCode` enum value. */
  debitsuccessCountryCodes: Record<string, string>;
  /** Concurrent calls one request's loader makes to one vendor. */
  vendorConcurrency: number;
  /** V8 old-generation growth after a full GC, in percent (0: V8's own heuristic; at most 300). */
  heapGrowthPercent: number;
  logLevel: string;
  /** Introspection and "Did you mean" suggestions in validation errors, which both show the schema. */
  introspection: boolean;
  /** Shared secret the router sends in `Router-Authorization`; required in production. */
  routerSecret?: string;
  authorization: {
    enabled: boolean;
    memberIdHeader: string;
    staffScopesHeader: string;
    staffScope: string;
  };
  /**
   * Proxies in front of this process that append to X-Forwarded-For, counted as Express's
   * `trust proxy` counts them: the socket peer is hop 0, so 1 takes the rightmost entry.
   */
  trustProxyHops: number;
  limits: {
    /** Per operation: nesting does not add up across a batch. */
    maxDepth: number;
    /** This and the cost limits below hold for the whole HTTP request, whatever the number of operations batched in it. */
    maxAliases: number;
    maxMemberFields: number;
    /** Raw `_entities` representations, duplicates included: the parsing and answering work. */
    maxEntityRepresentations: number;
    /** Distinct members named by `_entities` representations: the vendor work. */
    maxEntityMembers: number;
    maxIntrospectionFields: number;
    maxBatchOperations: number;
    maxBodyBytes: number;
    /** An admitted request whose body has not fully arrived by then is answered 408 and its connection closed. */
    bodyReadTimeoutMs: number;
    /** No GraphQL request outlives this, retries included. */
    requestDeadlineMs: number;
    maxVendorResponseBytes: number;
    maxSocketsPerVendor: number;
    /** Admission control: GraphQL requests worked on at once, how many may wait, and for how long. */
    admission: {
      /** Operations executing at once; more wait their turn. */
      maxConcurrent: number;
      /** Requests allowed to wait; beyond it a request is refused at once. */
      maxQueued: number;
      /** How long a request may wait for its turn before it is refused. */
      maxWaitMs: number;
    };
  };
  /** Seconds a router may cache each vendor field (always `scope: PRIVATE`); 0 disables. */
  cacheSeconds: { loyalty: number; points: number; billing: number; member: number };
  loginThrottle: {
    maxFailures: number;
    /** Across all accounts, per caller (an IPv6 caller is its /64): credential stuffing tries one password on many accounts. */
    maxFailuresPerCaller: number;
    windowSeconds: number;
    /** Budgets this process keeps in memory (all of them without Redis, the fallback's with it) before dropping the oldest. */
    memoryMaxKeys: number;
  };
  /** Where idempotency records and the login throttle's shared budgets live: Redis when `redisUrl` is set, else this process. */
  state: {
    /** `redis://` or `rediss://` (TLS); a secret (it may hold a password). */
    redisUrl?: string;
    /** A store call slower than this fails (keyed mutations refused, the throttle counting in this replica's memory). */
    timeoutMs: number;
    /** Entries the in-memory store keeps before evicting the oldest. */
    memoryMaxKeys: number;
  };
  /** How long a keyed mutation's outcome is kept for replay. */
  idempotencyRetentionSeconds: number;
  resilience: {
    /** Consecutive outages (`isVendorOutage`, one per logical call) that open a service's breaker. */
    breakerThreshold: number;
    /** How long an open breaker fails fast before letting one probe through. */
    breakerCooldownMs: number;
    /** Attempts for a read, the first included. Writes are attempted once. */
    readAttempts: number;
    /** First retry delay; later ones grow exponentially with decorrelated jitter. */
    retryInitialDelayMs: number;
  };
  tracing: TracingSettings;
}

export const TRACE_SAMPLERS = [
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'always_on',
  'always_off',
  'traceidratio',
] as const;

/** OpenTelemetry tracing, configured with the standard OTEL_* variables (and our own VENDOR_TRACE_PROPAGATION). */
export interface TracingSettings {
  /** Where spans are exported (OTLP over HTTP); undefined: tracing is off and the SDK is never loaded. */
  tracesUrl?: string;
  serviceName: string;
  sampler: (typeof TRACE_SAMPLERS)[number];
  /** The ratio of the ratio samplers. */
  samplerRatio: number;
  /** Whether vendors receive traceparent/tracestate: they are third parties, so off unless an operator says so. */
  propagateToVendors: boolean;
}

type Env = Record<string, string | undefined>;

/** `A=x,B=y` → `{A: 'x', B: 'y'}`; empty or missing → `{}`. */
function parseMap(name: string, raw: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value, ...rest] = pair.split('=').map((p) => p.trim());
    if (!key || !value || rest.length > 0) throw new ConfigError(`${name}: "${pair}" is not KEY=VALUE`);
    map[key] = value;
  }
  return map;
}

/** Reads `NAME` or the file named by `NAME_FILE`; giving both is an error, since one would silently win. */
function readSecret(env: Env, name: string): string | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`];
  if (direct !== undefined && file !== undefined) throw new ConfigError(`Set ${name} or ${name}_FILE, not both`);
  if (file === undefined) return direct;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Returns the named settings when any of `trigger` is set; throws naming every missing one. */
function requireGroup(values: Record<string, string | undefined>, trigger: string[], vendor: string): Record<string, string> | undefined {
  if (!trigger.some((name) => values[name] !== undefined && values[name] !== '')) return undefined;
  const missing = Object.entries(values)
    .filter(([, v]) => v === undefined || v === '')
    .map(([k]) => k);
  if (missing.length > 0) throw new ConfigError(`${vendor} is partly configured: missing ${missing.join(', ')}`);
  return values as Record<string, string>;
}

const urlSchema = z.url({ protocol: /^https?$/ });
const intSchema = z.coerce.number().int();

function parse<T>(schema: z.ZodType<T>, name: string, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new ConfigError(`${name}: ${result.error.issues[0]?.message ?? 'invalid'} (got "${String(raw)}")`);
  return result.data;
}

/**
 * Every setting with a fixed default, declared once: its variable, its type and bounds, and its default. `loadConfig`
 * reads them through `setting()`; the README's Settings table states the same defaults (test/readme.test.ts compares).
 * Settings whose default depends on NODE_ENV (HOST, LOG_LEVEL, INTROSPECTION, AUTHORIZATION) and those required
 * when a vendor is live have no fixed default and are read in `loadConfig` and the vendor groups.
 */
export const SETTINGS = {
  PORT: intSchema.min(0).max(65535).default(4001),
  VENDOR_CONCURRENCY: intSchema.min(1).max(100).default(20),
  HEAP_GROWTH_PERCENT: intSchema.min(0).max(300).default(50),
  KOGNITIV_WSDL: z.enum(['remote', 'bundled']).default('remote'),
  KOGNITIV_TIMEOUT_MS: intSchema.positive().default(5000),
  DEBITSUCCESS_SOAP_ACTION: z.string().min(1).default('Debitsuccess.WebServices.WCF/IDebitsuccessMessages/UpdateClientPhoneNumber'),
  DEBITSUCCESS_REQUEST_INITIATOR: z.string().min(1).max(100).default('member-subgraph'),
  DEBITSUCCESS_TIMEOUT_MS: intSchema.positive().default(5000),
  MEMBER_ID_HEADER: z.string().default('x-member-id'),
  STAFF_SCOPES_HEADER: z.string().default('x-staff-scopes'),
  STAFF_SCOPE: z.string().default('members:manage'),
  TRUST_PROXY_HOPS: intSchema.min(0).default(1),
  MAX_QUERY_DEPTH: intSchema.min(1).default(10),
  MAX_ALIASES: intSchema.min(0).default(30),
  MAX_MEMBER_FIELDS: intSchema.min(1).default(25),
  MAX_ENTITY_REPRESENTATIONS: intSchema.min(1).default(2000),
  MAX_ENTITY_MEMBERS: intSchema.min(1).default(150),
  MAX_INTROSPECTION_FIELDS: intSchema.min(0).default(3),
  MAX_BATCH_OPERATIONS: intSchema.min(1).default(10),
  MAX_BODY_BYTES: intSchema.min(1).default(100 * 1024),
  BODY_READ_TIMEOUT_MS: intSchema.min(1).default(5000),
  REQUEST_DEADLINE_MS: intSchema.min(1).default(15_000),
  MAX_VENDOR_RESPONSE_BYTES: intSchema.min(1).default(1024 * 1024),
  MAX_SOCKETS_PER_VENDOR: intSchema.min(1).default(64),
  MAX_CONCURRENT_OPERATIONS: intSchema.min(1).default(64),
  MAX_QUEUED_OPERATIONS: intSchema.min(0).default(1000),
  MAX_QUEUE_WAIT_MS: intSchema.min(1).default(5000),
  CACHE_MEMBER_SECONDS: intSchema.min(0).default(60),
  CACHE_LOYALTY_SECONDS: intSchema.min(0).default(60),
  CACHE_POINTS_SECONDS: intSchema.min(0).default(0),
  CACHE_BILLING_SECONDS: intSchema.min(0).default(60),
  LOGIN_MAX_FAILURES: intSchema.min(1).default(5),
  LOGIN_WINDOW_SECONDS: intSchema.min(1).default(900),
  LOGIN_MAX_FAILURES_PER_CALLER: intSchema.min(1).default(100),
  LOGIN_THROTTLE_MEMORY_MAX_KEYS: intSchema.min(1).default(100_000),
  BREAKER_THRESHOLD: intSchema.min(1).default(5),
  BREAKER_COOLDOWN_MS: intSchema.min(1).default(10_000),
  VENDOR_READ_ATTEMPTS: intSchema.min(1).default(3),
  VENDOR_RETRY_DELAY_MS: intSchema.min(0).default(50),
  IDEMPOTENCY_RETENTION_SECONDS: intSchema.min(1).default(24 * 60 * 60),
  STATE_STORE_TIMEOUT_MS: intSchema.min(1).default(500),
  STATE_MEMORY_MAX_KEYS: intSchema.min(1).default(100_000),
  OTEL_SERVICE_NAME: z.string().min(1).default('member-subgraph'),
  OTEL_TRACES_SAMPLER: z.enum(TRACE_SAMPLERS).default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  VENDOR_TRACE_PROPAGATION: z.enum(['on', 'off']).default('off'),
} as const;

export type SettingName = keyof typeof SETTINGS;

/** The setting `name` from `env`, validated, or its default when unset. */
function setting<N extends SettingName>(env: Env, name: N): z.output<(typeof SETTINGS)[N]> {
  return parse(SETTINGS[name] as unknown as z.ZodType<z.output<(typeof SETTINGS)[N]>>, name, env[name]);
}

/** A setting's default, for the code (the sandbox, tests) that stands in for an operator who set nothing. */
export function settingDefault<N extends SettingName>(name: N): z.output<(typeof SETTINGS)[N]> {
  return setting({}, name);
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function kognitivSettings(env: Env): KognitivSettings | undefined {
  const group = requireGroup(
    {
      KOGNITIV_URL: env.KOGNITIV_URL,
      KOGNITIV_SECURITY_TOKEN: readSecret(env, 'KOGNITIV_SECURITY_TOKEN'),
      KOGNITIV_LOYALTY_PROGRAM_ID: env.KOGNITIV_LOYALTY_PROGRAM_ID,
      KOGNITIV_LOCATION: env.KOGNITIV_LOCATION,
    },
    ['KOGNITIV_URL'],
    'Kognitiv',
  );
  if (!group) {
    const stray = ['KOGNITIV_SECURITY_TOKEN', 'KOGNITIV_SECURITY_TOKEN_FILE', 'KOGNITIV_WSDL'].filter((n) => env[n] !== undefined);
    if (stray.length > 0) throw new ConfigError(`Kognitiv is partly configured: ${stray.join(', ')} set but KOGNITIV_URL missing`);
    return undefined;
  }
  return {
    url: withoutTrailingSlash(parse(urlSchema, 'KOGNITIV_URL', group.KOGNITIV_URL)),
    securityToken: group.KOGNITIV_SECURITY_TOKEN!,
    loyaltyProgramId: parse(intSchema, 'KOGNITIV_LOYALTY_PROGRAM_ID', group.KOGNITIV_LOYALTY_PROGRAM_ID),
    defaultLocation: group.KOGNITIV_LOCATION!,
    wsdl: setting(env, 'KOGNITIV_WSDL'),
    timeoutMs: setting(env, 'KOGNITIV_TIMEOUT_MS'),
  };
}

function debitsuccessSettings(env: Env): DebitsuccessSettings | undefined {
  const group = requireGroup(
    {
      DEBITSUCCESS_SOAP_URL: env.DEBITSUCCESS_SOAP_URL,
      DEBITSUCCESS_USERNAME: env.DEBITSUCCESS_USERNAME,
      DEBITSUCCESS_PASSWORD: readSecret(env, 'DEBITSUCCESS_PASSWORD'),
      DEBITSUCCESS_API_URL: env.DEBITSUCCESS_API_URL,
      DEBITSUCCESS_TOKEN_URL: env.DEBITSUCCESS_TOKEN_URL,
      DEBITSUCCESS_CLIENT_ID: env.DEBITSUCCESS_CLIENT_ID,
      DEBITSUCCESS_CLIENT_SECRET: readSecret(env, 'DEBITSUCCESS_CLIENT_SECRET'),
    },
    ['DEBITSUCCESS_SOAP_URL', 'DEBITSUCCESS_API_URL'],
    'Debitsuccess',
  );
  if (!group) return undefined;
  return {
    soapUrl: parse(urlSchema, 'DEBITSUCCESS_SOAP_URL', group.DEBITSUCCESS_SOAP_URL),
    // Set but empty counts as unset, as it always has.
    soapAction: setting({ DEBITSUCCESS_SOAP_ACTION: env.DEBITSUCCESS_SOAP_ACTION || undefined }, 'DEBITSUCCESS_SOAP_ACTION'),
    username: group.DEBITSUCCESS_USERNAME!,
    password: group.DEBITSUCCESS_PASSWORD!,
    userId: env.DEBITSUCCESS_USER_ID || undefined,
    requestInitiator: setting(env, 'DEBITSUCCESS_REQUEST_INITIATOR'),
    apiUrl: withoutTrailingSlash(parse(urlSchema, 'DEBITSUCCESS_API_URL', group.DEBITSUCCESS_API_URL)),
    tokenUrl: parse(urlSchema, 'DEBITSUCCESS_TOKEN_URL', group.DEBITSUCCESS_TOKEN_URL),
    clientId: group.DEBITSUCCESS_CLIENT_ID!,
    clientSecret: group.DEBITSUCCESS_CLIENT_SECRET!,
    timeoutMs: setting(env, 'DEBITSUCCESS_TIMEOUT_MS'),
  };
}

function phoneTypes(env: Env): Record<PhoneType, string> {
  const known: readonly string[] = Object.values(PhoneType);
  const overrides = parseMap('KOGNITIV_PHONE_TYPES', env.KOGNITIV_PHONE_TYPES);
  const unknown = Object.keys(overrides).filter((k) => !known.includes(k));
  if (unknown.length > 0)
    throw new ConfigError(`KOGNITIV_PHONE_TYPES: unknown phone type ${unknown.join(', ')} (expected ${known.join(', ')})`);
  return Object.fromEntries(known.map((t) => [t, overrides[t] ?? t])) as Record<PhoneType, string>;
}

function countryCodes(env: Env): Record<string, string> {
  const map = parseMap('DEBITSUCCESS_COUNTRY_CODES', env.DEBITSUCCESS_COUNTRY_CODES);
  const bad = Object.keys(map).filter((k) => !/^\d{1,3}$/.test(k));
  if (bad.length > 0) throw new ConfigError(`DEBITSUCCESS_COUNTRY_CODES: ${bad.join(', ')} is not a calling code (digits, e.g. 64)`);
  return map;
}

/** REDIS_URL (or REDIS_URL_FILE); the error never quotes it, since it may hold a password. */
function redisUrl(env: Env): string | undefined {
  const raw = readSecret(env, 'REDIS_URL') || undefined;
  if (raw !== undefined && !z.url({ protocol: /^rediss?$/ }).safeParse(raw).success)
    throw new ConfigError('REDIS_URL: expected a redis:// or rediss:// (TLS) URL');
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  // Refused rather than case-folded: "Production" or "prod" would otherwise run without the production checks.
  const nodeEnv = parse(z.enum(NODE_ENVS), 'NODE_ENV', env.NODE_ENV ?? 'development');
  const production = nodeEnv === 'production';
  // It named a header whose first, client-written entry was taken as the address; ignored silently, an operator would think it still applies.
  if (env.CLIENT_ADDRESS_HEADER !== undefined)
    throw new ConfigError(
      'CLIENT_ADDRESS_HEADER is no longer read: remove it (the caller address is X-Forwarded-For read from the right, see TRUST_PROXY_HOPS)',
    );
  const kognitiv = kognitivSettings(env);
  const debitsuccess = debitsuccessSettings(env);
  const routerSecret = readSecret(env, 'ROUTER_SECRET') || undefined;
  // The sandbox is for development, and a production subgraph answers the router only.
  if (production) {
    const missing = [
      !kognitiv && 'KOGNITIV_URL',
      !debitsuccess && 'DEBITSUCCESS_SOAP_URL and DEBITSUCCESS_API_URL',
      !routerSecret && 'ROUTER_SECRET',
    ].filter(Boolean);
    if (missing.length > 0) throw new ConfigError(`NODE_ENV=production needs ${missing.join(', ')}`);
  }
  const redis = redisUrl(env);
  for (const [name, value] of [
    ['KOGNITIV_SECURITY_TOKEN', kognitiv?.securityToken],
    ['DEBITSUCCESS_PASSWORD', debitsuccess?.password],
    ['DEBITSUCCESS_CLIENT_SECRET', debitsuccess?.clientSecret],
    ['ROUTER_SECRET', routerSecret],
    ['REDIS_URL', redisPassword(redis)],
  ] as const)
    checkSecret(name, value, production);
  return {
    nodeEnv,
    port: setting(env, 'PORT'),
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    kognitiv,
    debitsuccess,
    kognitivPhoneTypes: phoneTypes(env),
    debitsuccessCountryCodes: countryCodes(env),
    vendorConcurrency: setting(env, 'VENDOR_CONCURRENCY'),
    heapGrowthPercent: setting(env, 'HEAP_GROWTH_PERCENT'),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'debug'),
    routerSecret,
    introspection: parse(z.enum(['on', 'off']), 'INTROSPECTION', env.INTROSPECTION ?? (production ? 'off' : 'on')) === 'on',
    authorization: {
      enabled: parse(z.enum(['on', 'off']), 'AUTHORIZATION', env.AUTHORIZATION ?? (production ? 'on' : 'off')) === 'on',
      memberIdHeader: setting(env, 'MEMBER_ID_HEADER').toLowerCase(),
      staffScopesHeader: setting(env, 'STAFF_SCOPES_HEADER').toLowerCase(),
      staffScope: setting(env, 'STAFF_SCOPE'),
    },
    trustProxyHops: setting(env, 'TRUST_PROXY_HOPS'),
    limits: {
      maxDepth: setting(env, 'MAX_QUERY_DEPTH'),
      maxAliases: setting(env, 'MAX_ALIASES'),
      maxMemberFields: setting(env, 'MAX_MEMBER_FIELDS'),
      maxEntityRepresentations: setting(env, 'MAX_ENTITY_REPRESENTATIONS'),
      maxEntityMembers: setting(env, 'MAX_ENTITY_MEMBERS'),
      maxIntrospectionFields: setting(env, 'MAX_INTROSPECTION_FIELDS'),
      maxBatchOperations: setting(env, 'MAX_BATCH_OPERATIONS'),
      maxBodyBytes: setting(env, 'MAX_BODY_BYTES'),
      bodyReadTimeoutMs: setting(env, 'BODY_READ_TIMEOUT_MS'),
      requestDeadlineMs: setting(env, 'REQUEST_DEADLINE_MS'),
      maxVendorResponseBytes: setting(env, 'MAX_VENDOR_RESPONSE_BYTES'),
      maxSocketsPerVendor: setting(env, 'MAX_SOCKETS_PER_VENDOR'),
      admission: {
        maxConcurrent: setting(env, 'MAX_CONCURRENT_OPERATIONS'),
        maxQueued: setting(env, 'MAX_QUEUED_OPERATIONS'),
        maxWaitMs: setting(env, 'MAX_QUEUE_WAIT_MS'),
      },
    },
    cacheSeconds: {
      member: setting(env, 'CACHE_MEMBER_SECONDS'),
      loyalty: setting(env, 'CACHE_LOYALTY_SECONDS'),
      points: setting(env, 'CACHE_POINTS_SECONDS'),
      billing: setting(env, 'CACHE_BILLING_SECONDS'),
    },
    loginThrottle: {
      maxFailures: setting(env, 'LOGIN_MAX_FAILURES'),
      maxFailuresPerCaller: setting(env, 'LOGIN_MAX_FAILURES_PER_CALLER'),
      windowSeconds: setting(env, 'LOGIN_WINDOW_SECONDS'),
      memoryMaxKeys: setting(env, 'LOGIN_THROTTLE_MEMORY_MAX_KEYS'),
    },
    state: {
      redisUrl: redis,
      timeoutMs: setting(env, 'STATE_STORE_TIMEOUT_MS'),
      memoryMaxKeys: setting(env, 'STATE_MEMORY_MAX_KEYS'),
    },
    idempotencyRetentionSeconds: setting(env, 'IDEMPOTENCY_RETENTION_SECONDS'),
    resilience: {
      breakerThreshold: setting(env, 'BREAKER_THRESHOLD'),
      breakerCooldownMs: setting(env, 'BREAKER_COOLDOWN_MS'),
      readAttempts: setting(env, 'VENDOR_READ_ATTEMPTS'),
      retryInitialDelayMs: setting(env, 'VENDOR_RETRY_DELAY_MS'),
    },
    tracing: tracingSettings(env),
  };
}

/** The OTLP traces URL as the OTel specification derives it: the signal's own endpoint as is, else `/v1/traces` on the shared one. */
function tracesUrl(env: Env): string | undefined {
  const own = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined;
  const shared = env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
  const url = own ?? (shared && `${withoutTrailingSlash(shared)}/v1/traces`);
  return url === undefined ? undefined : parse(urlSchema, own ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT', url);
}

function tracingSettings(env: Env): TracingSettings {
  return {
    tracesUrl: tracesUrl(env),
    serviceName: setting(env, 'OTEL_SERVICE_NAME'),
    sampler: setting(env, 'OTEL_TRACES_SAMPLER'),
    samplerRatio: setting(env, 'OTEL_TRACES_SAMPLER_ARG'),
    propagateToVendors: setting(env, 'VENDOR_TRACE_PROPAGATION') === 'on',
  };
}

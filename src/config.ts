import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AdmissionLimits } from './http/admission.js';

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
] as const;

/** The values of SECRET_SETTINGS for the vendors in use (live or sandbox), for the logger to censor. */
export function secretValues(settings: {
  kognitiv: Pick<KognitivSettings, 'securityToken'>;
  debitsuccess: Pick<DebitsuccessSettings, 'password' | 'clientSecret'>;
  routerSecret: string | undefined;
}): (string | undefined)[] {
  return [settings.kognitiv.securityToken, settings.debitsuccess.password, settings.debitsuccess.clientSecret, settings.routerSecret];
}

const PHONE_TYPES = ['HOME', 'MOBILE', 'WORK', 'EMERGENCY'] as const;
export type PhoneTypeName = (typeof PHONE_TYPES)[number];

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
  kognitivPhoneTypes: Record<PhoneTypeName, string>;
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
    maxDepth: number;
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
    admission: AdmissionLimits;
  };
  /** Seconds a router may cache each vendor field (always `scope: PRIVATE`); 0 disables. */
  cacheSeconds: { loyalty: number; points: number; billing: number; member: number };
  loginThrottle: { maxFailures: number; windowSeconds: number };
  resilience: { breakerThreshold: number; breakerHalfOpenAfterMs: number; readAttempts: number; retryInitialDelayMs: number };
}

export const DEFAULT_DEBITSUCCESS_SOAP_ACTION = 'Debitsuccess.WebServices.WCF/IDebitsuccessMessages/UpdateClientPhoneNumber';

type Env = Record<string, string | undefined>;

/** `A=x,B=y` → `{A: 'x', B: 'y'}`; empty or missing → `{}`. */
function parseMap(name: string, raw: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
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
  const missing = Object.entries(values).filter(([, v]) => v === undefined || v === '').map(([k]) => k);
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
    wsdl: parse(z.enum(['remote', 'bundled']), 'KOGNITIV_WSDL', env.KOGNITIV_WSDL ?? 'remote'),
    timeoutMs: parse(intSchema.positive(), 'KOGNITIV_TIMEOUT_MS', env.KOGNITIV_TIMEOUT_MS ?? 5000),
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
    soapAction: env.DEBITSUCCESS_SOAP_ACTION || DEFAULT_DEBITSUCCESS_SOAP_ACTION,
    username: group.DEBITSUCCESS_USERNAME!,
    password: group.DEBITSUCCESS_PASSWORD!,
    userId: env.DEBITSUCCESS_USER_ID || undefined,
    requestInitiator: parse(z.string().min(1).max(100), 'DEBITSUCCESS_REQUEST_INITIATOR', env.DEBITSUCCESS_REQUEST_INITIATOR ?? 'member-subgraph'),
    apiUrl: withoutTrailingSlash(parse(urlSchema, 'DEBITSUCCESS_API_URL', group.DEBITSUCCESS_API_URL)),
    tokenUrl: parse(urlSchema, 'DEBITSUCCESS_TOKEN_URL', group.DEBITSUCCESS_TOKEN_URL),
    clientId: group.DEBITSUCCESS_CLIENT_ID!,
    clientSecret: group.DEBITSUCCESS_CLIENT_SECRET!,
    timeoutMs: parse(intSchema.positive(), 'DEBITSUCCESS_TIMEOUT_MS', env.DEBITSUCCESS_TIMEOUT_MS ?? 5000),
  };
}

function phoneTypes(env: Env): Record<PhoneTypeName, string> {
  const overrides = parseMap('KOGNITIV_PHONE_TYPES', env.KOGNITIV_PHONE_TYPES);
  const unknown = Object.keys(overrides).filter((k) => !(PHONE_TYPES as readonly string[]).includes(k));
  if (unknown.length > 0) throw new ConfigError(`KOGNITIV_PHONE_TYPES: unknown phone type ${unknown.join(', ')} (expected ${PHONE_TYPES.join(', ')})`);
  return Object.fromEntries(PHONE_TYPES.map((t) => [t, overrides[t] ?? t])) as Record<PhoneTypeName, string>;
}

function countryCodes(env: Env): Record<string, string> {
  const map = parseMap('DEBITSUCCESS_COUNTRY_CODES', env.DEBITSUCCESS_COUNTRY_CODES);
  const bad = Object.keys(map).filter((k) => !/^\d{1,3}$/.test(k));
  if (bad.length > 0) throw new ConfigError(`DEBITSUCCESS_COUNTRY_CODES: ${bad.join(', ')} is not a calling code (digits, e.g. 64)`);
  return map;
}

export function loadConfig(env: Env = process.env): Config {
  // Refused rather than case-folded: "Production" or "prod" would otherwise run without the production checks.
  const nodeEnv = parse(z.enum(NODE_ENVS), 'NODE_ENV', env.NODE_ENV ?? 'development');
  const production = nodeEnv === 'production';
  // It named a header whose first, client-written entry was taken as the address; ignored silently, an operator would think it still applies.
  if (env.CLIENT_ADDRESS_HEADER !== undefined) throw new ConfigError('CLIENT_ADDRESS_HEADER is no longer read: remove it (the caller address is X-Forwarded-For read from the right, see TRUST_PROXY_HOPS)');
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
  const int = (name: string, fallback: number, min = 1) => parse(intSchema.min(min), name, env[name] ?? fallback);
  return {
    nodeEnv,
    port: parse(intSchema.min(0).max(65535), 'PORT', env.PORT ?? 4001),
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    kognitiv,
    debitsuccess,
    kognitivPhoneTypes: phoneTypes(env),
    debitsuccessCountryCodes: countryCodes(env),
    vendorConcurrency: parse(intSchema.min(1).max(100), 'VENDOR_CONCURRENCY', env.VENDOR_CONCURRENCY ?? 20),
    heapGrowthPercent: parse(intSchema.min(0).max(300), 'HEAP_GROWTH_PERCENT', env.HEAP_GROWTH_PERCENT ?? 50),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'debug'),
    routerSecret,
    introspection: parse(z.enum(['on', 'off']), 'INTROSPECTION', env.INTROSPECTION ?? (production ? 'off' : 'on')) === 'on',
    authorization: {
      enabled: parse(z.enum(['on', 'off']), 'AUTHORIZATION', env.AUTHORIZATION ?? (production ? 'on' : 'off')) === 'on',
      memberIdHeader: (env.MEMBER_ID_HEADER ?? 'x-member-id').toLowerCase(),
      staffScopesHeader: (env.STAFF_SCOPES_HEADER ?? 'x-staff-scopes').toLowerCase(),
      staffScope: env.STAFF_SCOPE ?? 'members:manage',
    },
    trustProxyHops: int('TRUST_PROXY_HOPS', 1, 0),
    limits: {
      maxDepth: int('MAX_QUERY_DEPTH', 10),
      maxAliases: int('MAX_ALIASES', 30, 0),
      maxMemberFields: int('MAX_MEMBER_FIELDS', 25),
      maxEntityRepresentations: int('MAX_ENTITY_REPRESENTATIONS', 2000),
      maxEntityMembers: int('MAX_ENTITY_MEMBERS', 150),
      maxIntrospectionFields: int('MAX_INTROSPECTION_FIELDS', 3, 0),
      maxBatchOperations: int('MAX_BATCH_OPERATIONS', 10),
      maxBodyBytes: int('MAX_BODY_BYTES', 100 * 1024),
      bodyReadTimeoutMs: int('BODY_READ_TIMEOUT_MS', 5000),
      requestDeadlineMs: int('REQUEST_DEADLINE_MS', 15_000),
      maxVendorResponseBytes: int('MAX_VENDOR_RESPONSE_BYTES', 1024 * 1024),
      maxSocketsPerVendor: int('MAX_SOCKETS_PER_VENDOR', 64),
      admission: {
        maxConcurrent: int('MAX_CONCURRENT_OPERATIONS', 64),
        maxQueued: int('MAX_QUEUED_OPERATIONS', 1000, 0),
        maxWaitMs: int('MAX_QUEUE_WAIT_MS', 5000),
      },
    },
    cacheSeconds: {
      member: int('CACHE_MEMBER_SECONDS', 60, 0),
      loyalty: int('CACHE_LOYALTY_SECONDS', 60, 0),
      points: int('CACHE_POINTS_SECONDS', 0, 0),
      billing: int('CACHE_BILLING_SECONDS', 60, 0),
    },
    loginThrottle: { maxFailures: int('LOGIN_MAX_FAILURES', 5), windowSeconds: int('LOGIN_WINDOW_SECONDS', 900) },
    resilience: {
      breakerThreshold: int('BREAKER_THRESHOLD', 5),
      breakerHalfOpenAfterMs: int('BREAKER_COOLDOWN_MS', 10_000),
      readAttempts: int('VENDOR_READ_ATTEMPTS', 3),
      retryInitialDelayMs: int('VENDOR_RETRY_DELAY_MS', 50, 0),
    },
  };
}

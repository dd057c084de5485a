import { z } from 'zod';
import { ConfigError } from './config/config-error.js';
import { checkSecrets, readSecret } from './config/secrets.js';
import {
  settingLeaves,
  settingMeta,
  vendorGroupOf,
  type SettingEntries,
  type SettingMeta,
  type VendorGroupMeta,
} from './config/setting.js';
import { SETTINGS } from './config/settings.js';

/**
 * Configuration is read and validated once, at start-up, from the settings `config/settings.ts` declares. A vendor is live
 * when its URL is set and sandboxed (embedded simulator) otherwise; a half-configured vendor is a start-up error that
 * names what is missing, never a silent fallback to the sandbox.
 */

export { ConfigError };
export { MIN_SECRET_CHARS, secretValues } from './config/secrets.js';
export { SETTINGS, TRACE_SAMPLERS } from './config/settings.js';

/** Every setting, grouped as `SETTINGS` declares them. A vendor group is `undefined` when that vendor runs as the embedded sandbox. */
export type Config = z.output<typeof SETTINGS>;
export type KognitivSettings = NonNullable<Config['kognitiv']>;
export type DebitsuccessSettings = NonNullable<Config['debitsuccess']>;
export type TracingSettings = Config['tracing'];

type Env = Record<string, string | undefined>;

/** One setting from `env`, validated, or its default (under NODE_ENV=production, its production default) when unset. */
function readSetting(schema: z.ZodType, meta: SettingMeta, env: Env, production: boolean): unknown {
  let name = meta.env;
  let raw = meta.secret ? readSecret(env, name) : env[name];
  if (meta.blankIsUnset && raw === '') raw = undefined;
  if (raw === undefined && meta.fallback && env[meta.fallback.env]) {
    name = meta.fallback.env;
    raw = `${env[name]!.replace(/\/+$/, '')}${meta.fallback.suffix}`;
  }
  if (raw === undefined && production) raw = meta.productionDefault;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // A secret is never quoted: the message reaches the console and the orchestrator's events.
  const got = meta.secret ? '' : ` (got "${String(raw)}")`;
  throw new ConfigError(`${name}: ${result.error.issues[0]?.message ?? 'invalid'}${got}`);
}

/** A vendor's settings when any of its triggers is set; throws naming every missing one, or a setting given without a trigger. */
function readVendorGroup(shape: z.ZodRawShape, group: VendorGroupMeta, env: Env, production: boolean): Record<string, unknown> | undefined {
  const members = Object.entries(shape).map(([key, schema]) => ({
    key,
    schema: schema as z.ZodType,
    meta: settingMeta(schema as z.ZodType)!,
  }));
  const required = members
    .filter(({ meta }) => meta.requiredWhenLive)
    .map(({ meta }) => ({ name: meta.env, value: meta.secret ? readSecret(env, meta.env) : env[meta.env] }));
  if (!group.triggers.some((name) => env[name] !== undefined && env[name] !== '')) {
    const stray = group.strays.filter((name) => env[name] !== undefined);
    if (stray.length > 0)
      throw new ConfigError(`${group.vendor} is partly configured: ${stray.join(', ')} set but ${group.triggers.join(' or ')} missing`);
    return undefined;
  }
  const missing = required.filter(({ value }) => value === undefined || value === '').map(({ name }) => name);
  if (missing.length > 0) throw new ConfigError(`${group.vendor} is partly configured: missing ${missing.join(', ')}`);
  return Object.fromEntries(members.map(({ key, schema, meta }) => [key, readSetting(schema, meta, env, production)]));
}

/** The settings declared under `schema`, read from `env` in declaration order. */
function read(schema: z.ZodType, env: Env, production: boolean): unknown {
  const meta = settingMeta(schema);
  if (meta) return readSetting(schema, meta, env, production);
  const group = vendorGroupOf(schema);
  if (group) return readVendorGroup(group.shape, group.meta, env, production);
  const { shape } = schema as z.ZodObject;
  return Object.fromEntries(Object.entries(shape).map(([key, member]) => [key, read(member as z.ZodType, env, production)]));
}

/** What NODE_ENV=production cannot run without: both vendors live (the sandbox is for development) and the router's secret. */
function missingForProduction(config: Config): string[] {
  const vendors = Object.entries(SETTINGS.shape).flatMap(([key, schema]) => {
    const group = vendorGroupOf(schema);
    return group && config[key as keyof Config] === undefined ? [group.meta.triggers.join(' and ')] : [];
  });
  const settings = settingLeaves(SETTINGS)
    .filter(({ path, meta }) => meta.requiredInProduction && path.length === 1 && config[path[0] as keyof Config] === undefined)
    .map(({ meta }) => meta.env);
  return [...vendors, ...settings];
}

export function loadConfig(env: Env = process.env): Config {
  // Refused rather than case-folded: "Production" or "prod" would otherwise run without the production checks.
  const production = readSetting(SETTINGS.shape.nodeEnv, settingMeta(SETTINGS.shape.nodeEnv)!, env, false) === 'production';
  // It named a header whose first, client-written entry was taken as the address; ignored silently, an operator would think it
  // still applies.
  if (env.CLIENT_ADDRESS_HEADER !== undefined)
    throw new ConfigError(
      'CLIENT_ADDRESS_HEADER is no longer read: remove it ' +
        '(the caller address is X-Forwarded-For read from the right, see TRUST_PROXY_HOPS)',
    );
  const config = read(SETTINGS, env, production) as Config;
  const missing = missingForProduction(config);
  if (production && missing.length > 0) throw new ConfigError(`NODE_ENV=production needs ${missing.join(', ')}`);
  checkSecrets(config, production);
  return config;
}

type Entries = SettingEntries<typeof SETTINGS>;
export type SettingName = Entries[0];
const SCHEMA_OF = new Map(settingLeaves(SETTINGS).map(({ meta, schema }) => [meta.env, schema]));

/** A setting's default, for the code (the sandbox, tests) that stands in for an operator who set nothing. */
export function settingDefault<N extends SettingName>(name: N): z.output<Extract<Entries, [N, unknown]>[1]> {
  return SCHEMA_OF.get(name)!.parse(undefined) as z.output<Extract<Entries, [N, unknown]>[1]>;
}

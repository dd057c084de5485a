import { z } from 'zod';

/** What a setting is besides its zod type, bounds and default: how an operator sets it and what it means. */
export interface SettingMeta {
  /** The environment variable. */
  env: string;
  /** Its meaning: the README Settings table's row (`npm run docs:settings` writes it). */
  description: string;
  /**
   * A secret: also readable from `<env>_FILE`, checked at start-up and censored from every log line. `url-password`: the
   * value is a URL whose password is the secret (the URL is censored whole, and the password alone too).
   */
  secret?: 'value' | 'url-password';
  /** The value under NODE_ENV=production when the variable is unset, written as the variable would be. */
  productionDefault?: string;
  /** Unset under NODE_ENV=production is a start-up error. */
  requiredInProduction?: boolean;
  /** The README's default column for a setting with no default of its own (`required when live`, `none`). */
  whenUnset?: string;
  /** Set but empty counts as unset. */
  blankIsUnset?: boolean;
  /** Unset, the value comes from this variable with `suffix` appended after its trailing slashes are dropped. */
  fallback?: { env: string; suffix: string };
  /** In a vendor group: the vendor is partly configured without it. */
  requiredWhenLive?: boolean;
}

/** A vendor's settings, all or none: live when any `triggers` variable is set, the embedded sandbox otherwise. */
export interface VendorGroupMeta {
  vendor: string;
  triggers: string[];
  /** Variables that make no sense without a trigger: set alone, they are a start-up error rather than ignored. */
  strays: string[];
}

const SETTING = z.registry<SettingMeta>();
const VENDOR_GROUP = z.registry<VendorGroupMeta>();

/** Type-only: the variable a declared setting is read from, so that `settingDefault('PORT')` is typed. */
declare const variable: unique symbol;
export type Declared<T extends z.ZodType, N extends string> = T & { readonly [variable]: N };

/** Declares one setting: its zod type (bounds, default, parsing) and what `SettingMeta` says. */
export function setting<T extends z.ZodType, const N extends string>(schema: T, meta: SettingMeta & { env: N }): Declared<T, N> {
  // A copy: the registry is keyed by instance, and settings share schemas (`httpUrl`, `int`).
  const declared = schema.clone();
  SETTING.add(declared, meta);
  return declared as Declared<T, N>;
}

type Members<S> = S extends z.ZodOptional<infer Inner> ? Members<Inner> : S extends z.ZodObject<infer Shape> ? Shape : never;
/** `[variable, schema]` for every setting declared under `S`. */
export type SettingEntries<S> = S extends { readonly [variable]: infer N }
  ? [N, S]
  : { [K in keyof Members<S>]: SettingEntries<Members<S>[K]> }[keyof Members<S>];

/** Declares a vendor's group of settings; `undefined` in `Config` when the vendor runs as the embedded sandbox. */
export function vendorGroup<S extends z.ZodRawShape>(shape: S, meta: VendorGroupMeta) {
  const group = z.object(shape);
  VENDOR_GROUP.add(group, meta);
  return group.optional();
}

export function settingMeta(schema: z.ZodType): SettingMeta | undefined {
  return SETTING.get(schema);
}

/** The group `schema` (a vendor group's optional wrapper) declares, with its members; undefined for anything else. */
export function vendorGroupOf(schema: z.ZodType): { meta: VendorGroupMeta; shape: z.ZodRawShape } | undefined {
  if (!(schema instanceof z.ZodOptional) || !(schema.unwrap() instanceof z.ZodObject)) return undefined;
  const group = schema.unwrap() as z.ZodObject;
  const meta = VENDOR_GROUP.get(group);
  return meta && { meta, shape: group.shape };
}

/** One declared setting, where it sits in `Config`. */
export interface SettingLeaf {
  path: string[];
  schema: z.ZodType;
  meta: SettingMeta;
  /** The vendor group it belongs to, if any. */
  group?: VendorGroupMeta;
}

/** Every setting declared under `schema`, in declaration order. */
export function settingLeaves(schema: z.ZodType, path: string[] = [], group?: VendorGroupMeta): SettingLeaf[] {
  const meta = settingMeta(schema);
  if (meta) return [{ path, schema, meta, group }];
  const vendor = vendorGroupOf(schema);
  const shape = vendor?.shape ?? (schema instanceof z.ZodObject ? schema.shape : undefined);
  if (!shape) throw new Error(`${path.join('.')}: neither a setting nor a group of settings`);
  return Object.entries(shape).flatMap(([key, member]) => settingLeaves(member as z.ZodType, [...path, key], vendor?.meta ?? group));
}

/** The value at `path` in a Config-shaped object, or undefined where a group is absent. */
export function valueAt(config: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
}

/** The default a setting declares, as an operator would write it (before any transform), or undefined when it has none. */
export function declaredDefault(schema: z.ZodType): unknown {
  const def = (schema as z.ZodType & { _zod: { def: { type: string; defaultValue?: unknown; in?: z.ZodType } } })._zod.def;
  if (def.type === 'default' || def.type === 'prefault') return def.defaultValue;
  return def.type === 'pipe' && def.in ? declaredDefault(def.in) : undefined;
}

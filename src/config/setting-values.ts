import { PhoneType } from '../domain/phone-type.js';
import { ConfigError } from './config-error.js';

/** Settings' values that are more than a zod type: each throws a ConfigError naming its variable. */

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

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

/** KOGNITIV_PHONE_TYPES: every phone type, mapped to itself unless the setting names another reference. */
export function phoneTypes(raw: string | undefined): Record<PhoneType, string> {
  const known: readonly string[] = Object.values(PhoneType);
  const overrides = parseMap('KOGNITIV_PHONE_TYPES', raw);
  const unknown = Object.keys(overrides).filter((k) => !known.includes(k));
  if (unknown.length > 0)
    throw new ConfigError(`KOGNITIV_PHONE_TYPES: unknown phone type ${unknown.join(', ')} (expected ${known.join(', ')})`);
  return Object.fromEntries(known.map((t) => [t, overrides[t] ?? t])) as Record<PhoneType, string>;
}

/** DEBITSUCCESS_COUNTRY_CODES: calling code → Debitsuccess `CountryCode`. */
export function countryCodes(raw: string | undefined): Record<string, string> {
  const map = parseMap('DEBITSUCCESS_COUNTRY_CODES', raw);
  const bad = Object.keys(map).filter((k) => !/^\d{1,3}$/.test(k));
  if (bad.length > 0) throw new ConfigError(`DEBITSUCCESS_COUNTRY_CODES: ${bad.join(', ')} is not a calling code (digits, e.g. 64)`);
  return map;
}

/**
 * CORS_ORIGINS: comma-separated exact origins (`scheme://host[:port]`, as a browser sends `Origin`); blank is none. `*` and
 * anything with a path are refused: a wildcard would let any site's scripts call the API from a visitor's browser.
 */
export function browserOrigins(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const origin = URL.canParse(entry) ? new URL(entry).origin : 'null';
    if (origin !== entry || !/^https?:/.test(entry))
      throw new ConfigError(
        `CORS_ORIGINS: "${entry}" is not an origin (http or https scheme, host and port only, e.g. http://localhost:3000)`,
      );
  }
  return entries;
}

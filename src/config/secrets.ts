import { readFileSync } from 'node:fs';
import type { Config } from '../config.js';
import { ConfigError } from './config-error.js';
import { settingLeaves, valueAt, type SettingMeta } from './setting.js';
import { SETTINGS } from './settings.js';

/** The declared secrets, in declaration order: what `_FILE` may hold, what start-up checks and what the logger censors. */
const SECRETS = settingLeaves(SETTINGS).filter((leaf) => leaf.meta.secret !== undefined);

type Env = Record<string, string | undefined>;

/** Reads `NAME` or the file named by `NAME_FILE` (Docker/Kubernetes secrets); giving both is an error, since one would silently win. */
export function readSecret(env: Env, name: string): string | undefined {
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

/** A URL's password on its own, decoded; undefined when it has none. */
function urlPassword(url: string | undefined): string | undefined {
  return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
}

/** The secret a setting's value holds: the value itself, or the password inside it. */
function secretIn(meta: SettingMeta, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return meta.secret === 'url-password' ? urlPassword(value) : value;
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
      `${name}: made only of digits, punctuation and the letters of true/false/null, ` +
        'which the log censor would rewrite in every line; set another secret',
    );
}

/** Checks every secret `config` holds (see checkSecret). */
export function checkSecrets(config: unknown, production: boolean): void {
  for (const { path, meta } of SECRETS) checkSecret(meta.env, secretIn(meta, valueAt(config, path)), production);
}

/**
 * The secret values `config` holds, for the logger to censor: pass the vendor groups in use, live or sandbox. A URL holding
 * a password is censored whole and its password alone too, as a client error may name it without the rest of the URL.
 */
export function secretValues(config: Config): (string | undefined)[] {
  return SECRETS.flatMap(({ path, meta }) => {
    const value = valueAt(config, path);
    return typeof value === 'string' && meta.secret === 'url-password' ? [value, urlPassword(value)] : [value as string | undefined];
  });
}

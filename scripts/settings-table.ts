import { declaredDefault, settingLeaves, type SettingLeaf } from '../src/config/setting.js';
import { SETTINGS } from '../src/config/settings.js';

/** README.md's Settings table sits between these lines; `npm run docs:settings` rewrites what is between them. */
export const TABLE_START = '<!-- settings table: written by `npm run docs:settings` from src/config/settings.ts -->';
export const TABLE_END = '<!-- end of settings table -->';

function variables({ meta }: SettingLeaf): string {
  const names = [meta.fallback?.env, meta.env].filter((name) => name !== undefined).map((name) => `\`${name}\``);
  return `${names.join(', ')}${meta.secret ? ' (secret)' : ''}`;
}

function defaultText({ schema, meta, group }: SettingLeaf): string {
  const fixed = declaredDefault(schema);
  if (fixed !== undefined)
    return `\`${String(fixed)}\`${meta.productionDefault === undefined ? '' : ` (\`${meta.productionDefault}\` in production)`}`;
  if (meta.requiredWhenLive) return group?.triggers.includes(meta.env) ? '(sandbox)' : 'required when live';
  if (meta.requiredInProduction) return 'none; required in production';
  return meta.whenUnset ?? 'none';
}

/** One setting's row: its variable(s), its default as an operator would read it, its meaning. */
export function settingRow(leaf: SettingLeaf): string {
  return `| ${variables(leaf)} | ${defaultText(leaf)} | ${leaf.meta.description} |`;
}

/** The whole table, one row per declared setting, in declaration order. */
export function settingsTable(): string {
  return ['| variable | default | meaning |', '|---|---|---|', ...settingLeaves(SETTINGS).map(settingRow)].join('\n');
}

/** `readme` with its table replaced by the declared one; throws when the markers are missing. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no settings table markers (${TABLE_START} … ${TABLE_END})`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${settingsTable()}\n${readme.slice(end)}`;
}

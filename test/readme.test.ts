import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingDefault, SETTINGS, type SettingName } from '../src/config.js';
import { MEMBER_ERROR_CODES } from '../src/schema/errors/member-error-code.js';
import { VENDOR_ERROR_TABLE } from '../src/schema/errors/vendor-error-table.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const errorTableRows = readme.split('\n').filter((line) => /^\| .* \| `[A-Z_]+` \|$/.test(line));

/** Variable → default as the Settings table states it, from rows naming as many defaults as variables (`A`, `B` | `1`, `2`). */
function settingsTableDefaults(): Map<string, string> {
  const section = readme.slice(readme.indexOf('## Settings'), readme.indexOf('\n## ', readme.indexOf('## Settings') + 1));
  const defaults = new Map<string, string>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const [, variables = '', stated = ''] = row.split('|');
    const names = [...variables.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!);
    const values = [...stated.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
    if (names.length === values.length) names.forEach((name, i) => defaults.set(name, values[i]!));
  }
  return defaults;
}

describe('README', () => {
  it.each(['member', 'save-phone', 'enter-promotion', 'login', 'record-interaction'])('shows operations/%s.graphql as it is', (name) => {
    expect(readme).toContain(readFileSync(new URL(`../operations/${name}.graphql`, import.meta.url), 'utf8').trim());
  });

  it('starts with the install, start and test commands', () => {
    expect(readme.slice(0, 300)).toContain('npm install && npm start');
    expect(readme.slice(0, 300)).toContain('npm test');
  });

  it.each(Object.keys(SETTINGS) as SettingName[])('states the default of %s as src/config.ts declares it', (name) => {
    expect(settingsTableDefaults().get(name)).toBe(String(settingDefault(name)));
  });

  it.each(Object.keys(MEMBER_ERROR_CODES))('documents %s in the error table', (code) => {
    expect(errorTableRows.some((row) => row.endsWith(`| \`${code}\` |`))).toBe(true);
  });

  it.each(VENDOR_ERROR_TABLE.flatMap((row) => row.vendorCodes.map((vendorCode) => [row.code, vendorCode] as const)))(
    'lists vendor code %s ← %s in its row',
    (code, vendorCode) => {
      const row = errorTableRows.find((r) => r.endsWith(`| \`${code}\` |`))!;
      expect(row.split('|')[1]).toMatch(new RegExp(`\\b${vendorCode}\\b`));
    },
  );
});

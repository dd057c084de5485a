import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config.js';
import { declaredDefault, settingLeaves } from '../../src/config/setting.js';
import { MEMBER_ERROR_CODES } from '../../src/schema/errors/member-error-code.js';
import { VENDOR_ERROR_TABLE } from '../../src/schema/errors/vendor-error-table.js';
import { settingRow, settingsTable, TABLE_END, TABLE_START } from '../../scripts/settings-table.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const errorTableRows = readme.split('\n').filter((line) => /^\| .* \| `[A-Z_]+` \|$/.test(line));
const scripts = Object.keys(
  (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts,
);
const configSource = ['../../src/config.ts', '../../src/config/settings.ts']
  .map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'))
  .join('\n');
const declared = settingLeaves(SETTINGS);
const operationFiles = readdirSync(new URL('../../operations/', import.meta.url)).filter((name) => name.endsWith('.graphql'));

/** The fenced blocks of one language, in order. */
function codeBlocks(language: string): string[] {
  return [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

/** The environment variables the Settings section names in its table rows. */
function settingsTableVariables(): string[] {
  const section = readme.slice(readme.indexOf('## Settings'), readme.indexOf('\n## ', readme.indexOf('## Settings') + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!));
}

/** The Settings table as README.md has it, between its markers. */
function settingsTableInReadme(): string {
  return readme.slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END)).trim();
}

describe('README', () => {
  it('shows every example operation in operations/ as it is, and nothing else, in its GraphQL block', () => {
    const [block = ''] = codeBlocks('graphql');
    let rest = block;
    for (const name of operationFiles) {
      const operation = readFileSync(new URL(`../../operations/${name}`, import.meta.url), 'utf8').trim();
      expect(block, name).toContain(operation);
      rest = rest.replace(operation, '');
    }

    expect(operationFiles.length).toBeGreaterThan(0);
    expect(rest.trim()).toBe('');
  });

  it('starts with the install, start and test commands', () => {
    const [first = ''] = codeBlocks('sh');

    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
    expect(first).toMatch(/^npm install && npm start\b/m);
    expect(first).toMatch(/^npm test\b/m);
  });

  it('names only npm commands that package.json defines', () => {
    const named = [...readme.matchAll(/\bnpm (?:run ([a-z][\w:-]*)|(start|test)\b)/g)].map((m) => m[1] ?? m[2]!);

    expect(named.length).toBeGreaterThan(0);
    expect([...new Set(named)].filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it('lists in its Settings table only variables src/config.ts reads', () => {
    const variables = settingsTableVariables();

    expect(variables.length).toBeGreaterThan(declared.filter(({ schema }) => declaredDefault(schema) !== undefined).length);
    expect(variables.filter((name) => !new RegExp(`\\b${name}\\b`).test(configSource))).toEqual([]);
  });

  it('lists in its error table only codes of enum MemberErrorCode', () => {
    const codes = errorTableRows.map((row) => /`([A-Z_]+)` \|$/.exec(row)![1]!);

    expect(codes.filter((code) => !(code in MEMBER_ERROR_CODES))).toEqual([]);
  });

  it('has the Settings table src/config/settings.ts declares (`npm run docs:settings` writes it)', () => {
    expect(settingsTableInReadme()).toBe(settingsTable());
  });

  it.each(declared.map((leaf) => [leaf.meta.env, leaf] as const))('states the default and meaning of %s as declared', (_name, leaf) => {
    expect(settingsTableInReadme().split('\n')).toContain(settingRow(leaf));
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

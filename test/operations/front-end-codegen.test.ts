import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadCodegenConfig } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { MEMBER_ERROR_CODES } from '../../src/schema/errors/member-error-code.js';

/**
 * The README's "Codegen and errors" gives a front end a GraphQL Code Generator config to copy. Run by the CLI a
 * front end runs (`graphql-codegen --config`), against this subgraph's schema.graphql and the example operations, it
 * must emit `MemberErrorCode` as a TypeScript type with every code the subgraph raises. The CLI, not the programmatic
 * `generate`: the client preset's output differs between them (the latter emits every enum).
 */

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The first YAML block of the README's "Codegen and errors" subsection. */
function readmeCodegenConfig(): string {
  const start = readme.indexOf('### Codegen and errors');
  const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (start < 0 || block === undefined) throw new Error('README has no YAML block under "### Codegen and errors"');
  return block;
}

describe("the README's codegen config for a front end", () => {
  const repo = mkdtempSync(join(tmpdir(), 'front-end-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('emits MemberErrorCode as a TypeScript type from the subgraph schema', { timeout: 60_000 }, async () => {
    writeFileSync(join(repo, 'codegen.yml'), readmeCodegenConfig());
    const { config } = (await loadCodegenConfig({ configFilePath: join(repo, 'codegen.yml') }))!;
    // Only the paths change: the schema (a router URL in the README) is the committed file, the documents are the
    // example operations, and each output lands in the temporary folder under its own name. Run from this project,
    // where the preset and plugins are installed.
    const generates = Object.fromEntries(Object.entries(config.generates).map(([path, output]) => [join(repo, path), output]));
    const runnable = { ...config, schema: 'schema.graphql', documents: 'operations/*.graphql', generates };
    writeFileSync(join(repo, 'codegen.json'), JSON.stringify(runnable));
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/graphql-codegen'), ['--config', join(repo, 'codegen.json')], { cwd: ROOT });
    const emitted = readdirSync(repo, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(repo, file), 'utf8'))
      .join('\n');

    // The union's members, one a line (`| 'MEMBER_NOT_FOUND'`), each after its description, up to the next export.
    const union = /export type MemberErrorCode =([\s\S]*?)(?:\nexport |$)/.exec(emitted)?.[1] ?? '';
    const codes = [...union.matchAll(/^\s*\| '([A-Z_]+)'/gm)].map((match) => match[1]);
    expect(codes.sort()).toEqual(Object.keys(MEMBER_ERROR_CODES).sort());
    // The operations are typed by the same run, with the new names.
    expect(emitted).toMatch(/kognitivMemberId: number/);
  });
});

import 'reflect-metadata';
import { graphql } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildMemberSubgraphSchema } from '../src/schema/build-subgraph-schema.js';

/**
 * Writes `schema.graphql` from the code; with `--check`, fails when the committed file differs.
 * The file is what a router composes from, so it is the subgraph's own `_service { sdl }` answer: since
 * @apollo/subgraph 2.15, `printSubgraphSchema` prints the whole executable schema instead (`_entities`, `_service`,
 * `_Any`), which is not what a router introspects and would put the federation plumbing in the generated client types.
 */
const target = new URL('../../schema.graphql', import.meta.url);
const answer = await graphql({ schema: await buildMemberSubgraphSchema(), source: '{ _service { sdl } }' });
const serviceSdl = (answer.data?._service as { sdl?: unknown } | undefined)?.sdl;
if (typeof serviceSdl !== 'string') throw new Error(`the subgraph did not answer _service { sdl }: ${JSON.stringify(answer.errors)}`);
const sdl = `${serviceSdl.trimEnd()}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing counts as different
  }
  if (committed !== sdl) {
    console.error('schema.graphql is out of date: run `npm run schema` and commit it.');
    process.exit(1);
  }
  console.log('schema.graphql is current.');
} else {
  writeFileSync(target, sdl);
  console.log('wrote schema.graphql');
}

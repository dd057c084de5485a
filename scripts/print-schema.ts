import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildMemberSubgraphSchema } from '../src/schema/build-subgraph-schema.js';

/** Writes `schema.graphql` from the code; with `--check`, fails when the committed file differs. */
const target = new URL('../../schema.graphql', import.meta.url);
const sdl = `${printSubgraphSchema(await buildMemberSubgraphSchema()).trimEnd()}\n`;

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

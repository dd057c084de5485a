import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { z } from 'zod';

/**
 * The schema gate: `schema.graphql` against the last released schema, `schema/released.graphql`. A breaking change
 * fails unless `schema/acknowledged-changes.yaml` acknowledges it with a reason; dangerous changes are printed and pass;
 * additions and deprecations pass. With `--release`, and only when the gate passes, the current schema becomes the
 * released one and the acknowledgements are emptied, their file's comments kept (git history keeps them with the
 * release commit).
 *
 * Paths are relative to the working directory, the project root under `npm run`. Node 24 runs this file as it is
 * (type stripping): it reads only the two schemas and the YAML file, so the gate needs no build.
 */
const { release } = parseArgs({ options: { release: { type: 'boolean', default: false } } }).values;
const CURRENT = 'schema.graphql';
const RELEASED = 'schema/released.graphql';
const ACKNOWLEDGED = 'schema/acknowledged-changes.yaml';

const acknowledgementsFile = z.object({
  acknowledged: z
    .array(
      z.strictObject({
        change: z.string().regex(/^[A-Z_]+$/, 'a change type as the gate prints it, e.g. FIELD_REMOVED'),
        path: z.string().min(1),
        reason: z.string().trim().min(1, 'say why clients and routers composed against the released schema can take it'),
        date: z.iso.date(),
      }),
    )
    .nullable() // `acknowledged:` with no entries under it
    .transform((entries) => entries ?? []),
});

/**
 * Federation's own plumbing, breaking for routers where graphql-inspector (which knows GraphQL, not federation) calls
 * it dangerous: an entity's `@key` removed, or its fields changed, and other subgraphs can no longer reach the entity.
 */
const KEY_USAGE_REMOVED = /^DIRECTIVE_USAGE_\w+_REMOVED$/;
function withFederationCriticality(change: Change): Change {
  const keyChanged = /\.@key(\.|$)/.test(change.path ?? '') && KEY_USAGE_REMOVED.test(change.type);
  if (!keyChanged) return change;
  const reason = 'Other subgraphs and the router resolve the entity by its @key; composed against the released one, they break.';
  return { ...change, criticality: { level: CriticalityLevel.Breaking, reason } };
}

const idOf = (change: { change: string; path: string }) => `${change.change} ${change.path}`;
const changeId = (change: Change) => idOf({ change: change.type, path: change.path ?? '' });
const described = (change: Change) => [change.message, change.criticality.reason].filter(Boolean).join('. ');

const acknowledgementsDocument = () => parseDocument(readFileSync(ACKNOWLEDGED, 'utf8'));

function readAcknowledgements(): z.infer<typeof acknowledgementsFile>['acknowledged'] {
  const parsed = acknowledgementsFile.safeParse(acknowledgementsDocument().toJS());
  if (parsed.success) return parsed.data.acknowledged;
  console.error(`${ACKNOWLEDGED} is not a list of acknowledgements:\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}

function acknowledgementTemplate(change: Change): string {
  const today = new Date().toISOString().slice(0, 10);
  return [
    `  - change: ${change.type}`,
    `    path: ${change.path ?? ''}`,
    '    reason: <why it can be released>',
    `    date: ${today}`,
  ].join('\n');
}

/** The schema in a file; federation's directives need no definitions here, since the diff compares their usages. */
function sdlSchema(path: string): GraphQLSchema {
  try {
    return buildSchema(readFileSync(path, 'utf8'), { assumeValidSDL: true });
  } catch (error) {
    console.error(`${path}: ${(error as Error).message}`);
    process.exit(1);
  }
}

const changes = (await diff(sdlSchema(RELEASED), sdlSchema(CURRENT))).map(withFederationCriticality);
const acknowledged = readAcknowledgements();
const ofLevel = (level: CriticalityLevel) => changes.filter((change) => change.criticality.level === level);
const breaking = ofLevel(CriticalityLevel.Breaking);
const dangerous = ofLevel(CriticalityLevel.Dangerous);
const acknowledgedIds = new Set(acknowledged.map(idOf));
const unacknowledged = breaking.filter((change) => !acknowledgedIds.has(changeId(change)));
const breakingIds = new Set(breaking.map(changeId));
const stale = acknowledged.filter((entry) => !breakingIds.has(idOf(entry)));

console.log(
  `${CURRENT} against ${RELEASED}: ${breaking.length} breaking (${breaking.length - unacknowledged.length} acknowledged), ` +
    `${dangerous.length} dangerous, ${changes.length - breaking.length - dangerous.length} safe.`,
);
for (const change of breaking.filter((c) => acknowledgedIds.has(changeId(c)))) console.log(`acknowledged: ${changeId(change)}`);
for (const change of dangerous) console.log(`DANGEROUS ${changeId(change)}: ${described(change)}`);
for (const change of unacknowledged) {
  console.error(`BREAKING ${changeId(change)}, not acknowledged: ${described(change)}`);
  console.error(`  to release it anyway, add to ${ACKNOWLEDGED} under acknowledged:\n${acknowledgementTemplate(change)}`);
}
for (const entry of stale) {
  console.error(`${ACKNOWLEDGED}: ${idOf(entry)} matches no breaking change since ${RELEASED}; remove it.`);
}
if (unacknowledged.length > 0 || stale.length > 0) process.exit(1);

if (release) {
  writeFileSync(RELEASED, readFileSync(CURRENT, 'utf8'));
  const emptied = acknowledgementsDocument();
  emptied.set('acknowledged', emptied.createNode([], { flow: true }));
  writeFileSync(ACKNOWLEDGED, emptied.toString());
  console.log(`released: ${RELEASED} is now ${CURRENT}; ${ACKNOWLEDGED} emptied.`);
}

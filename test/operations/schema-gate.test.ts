import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The schema gate (`npm run schema:diff`): `schema.graphql` against the last released schema (`schema/released.graphql`),
 * breaking changes refused unless acknowledged with a reason in `schema/acknowledged-changes.yaml`. Each case runs the
 * script as npm does, in a copy of the project's three files: the committed schema is the released one, and the case
 * edits its own copy of it.
 */
const ROOT = realpathSync(new URL('../..', import.meta.url));
const GATE = join(ROOT, 'scripts/schema-gate.ts');
const committedSchema = readFileSync(join(ROOT, 'schema.graphql'), 'utf8');
const NO_ACKNOWLEDGEMENTS = 'acknowledged: []\n';

interface GateRun {
  status: number | null;
  output: string;
}

const projects: string[] = [];
afterEach(() => {
  for (const dir of projects.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project directory whose released schema is the committed one and whose current schema is `current`. */
function projectWith(current: string, acknowledged = NO_ACKNOWLEDGEMENTS): string {
  const dir = mkdtempSync(join(tmpdir(), 'schema-gate-'));
  projects.push(dir);
  mkdirSync(join(dir, 'schema'));
  writeFileSync(join(dir, 'schema/released.graphql'), committedSchema);
  writeFileSync(join(dir, 'schema.graphql'), current);
  writeFileSync(join(dir, 'schema/acknowledged-changes.yaml'), acknowledged);
  return dir;
}

function runGate(dir: string, ...args: string[]): GateRun {
  const run = spawnSync(process.execPath, [GATE, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The committed schema with one edit; fails the test when `from` is not in it, so no case passes on an unchanged schema. */
function edited(from: string, to: string): string {
  expect(committedSchema).toContain(from);
  return committedSchema.replace(from, to);
}

const acknowledgement = (change: string, path: string, reason = 'No client selects it (checked in the router logs).') =>
  `acknowledged:\n  - change: ${change}\n    path: ${path}\n    reason: ${reason}\n    date: 2026-12-07\n`;

const breakingChanges = [
  {
    name: 'removing a field',
    current: () => edited('  """The loyalty account is locked."""\n  isLocked: Boolean!\n', ''),
    change: 'FIELD_REMOVED',
    path: 'LoyaltyProfile.isLocked',
  },
  {
    name: 'making an input field required',
    current: () => edited('  location: String\n', '  location: String!\n'),
    change: 'INPUT_FIELD_TYPE_CHANGED',
    path: 'RecordInteractionInput.location',
  },
  {
    name: "changing a field's type",
    current: () => edited('  interactionId: Int!\n', '  interactionId: String!\n'),
    change: 'FIELD_TYPE_CHANGED',
    path: 'RecordInteractionPayload.interactionId',
  },
  {
    name: "removing an entity's @key (other subgraphs resolve Member by it)",
    current: () => edited('type Member @key(fields: "id") {', 'type Member {'),
    change: 'DIRECTIVE_USAGE_OBJECT_REMOVED',
    path: 'Member.@key',
  },
];

describe('npm run schema:diff', () => {
  it('passes on the committed schema: issue 19 only added and deprecated, and made an input field optional', () => {
    const run = spawnSync('npm', ['run', '--silent', 'schema:diff'], { cwd: ROOT, encoding: 'utf8' });

    expect(`${run.stdout}${run.stderr}`).toMatch(/0 breaking/);
    expect(run.status).toBe(0);
  });

  describe.each(breakingChanges)('$name', ({ current, change, path }) => {
    it('fails, naming the change and the entry that would acknowledge it', () => {
      const run = runGate(projectWith(current()));

      expect(run.status).toBe(1);
      expect(run.output).toContain(`BREAKING ${change} ${path}`);
      expect(run.output).toContain('not acknowledged');
      expect(run.output).toContain(`  - change: ${change}\n    path: ${path}\n    reason:`);
    });

    it('passes once acknowledged with a reason', () => {
      const run = runGate(projectWith(current(), acknowledgement(change, path)));

      expect(run.output).toContain(`acknowledged: ${change} ${path}`);
      expect(run.status).toBe(0);
    });
  });

  it('refuses an acknowledgement without a reason', () => {
    const run = runGate(projectWith(breakingChanges[0]!.current(), acknowledgement('FIELD_REMOVED', 'LoyaltyProfile.isLocked', "''")));

    expect(run.output).toMatch(/acknowledged-changes\.yaml.*reason/s);
    expect(run.status).toBe(1);
  });

  it('refuses an acknowledgement that matches no breaking change, so it cannot let a later one through unseen', () => {
    const run = runGate(projectWith(committedSchema, acknowledgement('FIELD_REMOVED', 'LoyaltyProfile.isLocked')));

    expect(run.output).toContain('FIELD_REMOVED LoyaltyProfile.isLocked matches no breaking change');
    expect(run.status).toBe(1);
  });

  it('passes additions and deprecations', () => {
    const current = edited(
      '  isLocked: Boolean!\n',
      '  isLocked: Boolean!\n  """Added."""\n  tier: String\n  isSuspendedToo: Boolean! @deprecated(reason: "Use isSuspended.")\n',
    ).replace('  isSuspended: Boolean!\n', '  isSuspended: Boolean! @deprecated(reason: "Use isLocked.")\n');

    const run = runGate(projectWith(current));

    expect(run.output).toMatch(/0 breaking/);
    expect(run.status).toBe(0);
  });

  it('passes a dangerous change and prints it', () => {
    const run = runGate(projectWith(edited('  FAX\n', '  FAX\n  PAGER\n')));

    expect(run.output).toContain('DANGEROUS ENUM_VALUE_ADDED BillingPhoneType.PAGER');
    expect(run.status).toBe(0);
  });
});

describe('npm run schema:release', () => {
  it('makes the current schema the released one and empties the acknowledgements it no longer needs', () => {
    const current = breakingChanges[0]!.current();
    const dir = projectWith(current, acknowledgement('FIELD_REMOVED', 'LoyaltyProfile.isLocked'));

    const release = runGate(dir, '--release');

    expect(release.status).toBe(0);
    expect(readFileSync(join(dir, 'schema/released.graphql'), 'utf8')).toBe(current);
    expect(readFileSync(join(dir, 'schema/acknowledged-changes.yaml'), 'utf8')).toMatch(/^acknowledged: \[\]$/m);
    expect(runGate(dir).status).toBe(0);
  });

  it('releases nothing while the gate fails', () => {
    const dir = projectWith(breakingChanges[0]!.current());

    const release = runGate(dir, '--release');

    expect(release.status).toBe(1);
    expect(release.output).toContain('BREAKING FIELD_REMOVED LoyaltyProfile.isLocked');
    expect(readFileSync(join(dir, 'schema/released.graphql'), 'utf8')).toBe(committedSchema);
  });
});

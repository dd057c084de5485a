import type { DebitsuccessSandbox } from '../src/sandbox/debitsuccess/debitsuccess-sandbox.js';
import type { KognitivSandbox } from '../src/sandbox/kognitiv/kognitiv-sandbox.js';
import { seedMembers } from '../src/sandbox/seed.js';
import { linePlotSvg } from './line-plot.js';
import { fmt } from './report.js';

/** `_entities` sizes, in distinct members (one representation each), up to `MAX_ENTITY_MEMBERS`' default of 150. */
export const SCALING_MEMBERS = [10, 50, 150] as const;
/**
 * Connections of the `_entities` runs: one, each run a counted number of requests (as many as the warm-up's rate
 * answers in `BENCH_SECONDS`), so that no request's CPU is counted without the request; at 10 connections a timed
 * run of 150 members could leave a third of its requests in flight.
 */
export const SCALING_ENTITIES_CONNECTIONS = 1;
/** Connections at which a full member's p50 is read. */
export const SCALING_CONNECTIONS = [1, 10, 50] as const;

const SCALING_ID_PREFIX = 'S';
const scalingId = (i: number) => `${SCALING_ID_PREFIX}${String(i + 1).padStart(4, '0')}`;

/**
 * Gives both sandboxes `count` more members, each a copy of M1001 (a Kognitiv profile with points and phones, one
 * Debitsuccess billing account) under ids of its own, so that `_entities` of up to `count` distinct members does the
 * same work per member: the nine seeded members differ (unknown, prospect, no billing account), and a tenth is unknown.
 */
export function seedScalingMembers(kognitiv: KognitivSandbox, debitsuccess: DebitsuccessSandbox, count: number): void {
  const template = seedMembers().find((m) => m.accountId === 'M1001')!;
  for (let i = 0; i < count; i += 1) {
    const accountId = scalingId(i);
    if (kognitiv.state.byAccountId(accountId)) continue;
    const billingAccounts = template.billingAccounts.map((account) => ({
      ...account,
      accountId: `${account.accountId}-${accountId}`,
      customerId: `${account.customerId}-${accountId}`,
    }));
    kognitiv.state.members.push({ ...structuredClone(template), accountId, kognitivMemberId: 70_000 + i, phones: [], billingAccounts });
    debitsuccess.state.accountsByExternalId.set(accountId, billingAccounts);
  }
}

/** The `_entities` of `count` distinct (seeded) members, one representation each. */
export function distinctEntities(count: number) {
  return {
    query:
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id loyalty { firstName } points { available } billingAccounts { accountId } } } }',
    variables: { r: Array.from({ length: count }, (_, i) => ({ __typename: 'Member', id: scalingId(i) })) },
    roundTrips: 1,
  };
}

export interface ScalingRow {
  /** Distinct members of the `_entities`, or connections of the full member. */
  x: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuMsPerRequest?: number;
  failures: number;
}

/** How far the middle point lies from the straight line through the first and last, as a share of that line's value there. */
function offLinear(rows: readonly { x: number; y: number }[]): string {
  const [first, middle, last] = [rows[0]!, rows[1]!, rows[rows.length - 1]!];
  const linear = first.y + ((last.y - first.y) * (middle.x - first.x)) / (last.x - first.x);
  return `${middle.y >= linear ? '+' : ''}${fmt(((middle.y - linear) / linear) * 100, 0)}%`;
}

/** Both measures as markdown tables, with how far each middle point lies off linear. */
export function scalingTables(entities: ScalingRow[], crowd: ScalingRow[], latencies: { entities: number; crowd: number }): string {
  const cpu = entities.map((r) => ({ x: r.x, y: r.cpuMsPerRequest! }));
  const p50 = crowd.map((r) => ({ x: r.x, y: r.p50 }));
  return [
    `\`_entities\` of N distinct members, one representation each, ${SCALING_ENTITIES_CONNECTIONS} connection, ${latencies.entities} ms vendor latency:`,
    '',
    '| distinct members | CPU ms per request | CPU ms per member | req/s | p50 ms | p99 ms | failures |',
    '|---|---|---|---|---|---|---|',
    ...entities.map(
      (r) =>
        `| ${r.x} | ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(r.cpuMsPerRequest! / r.x, 3)} | ${fmt(r.reqPerSec, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.failures} |`,
    ),
    '',
    `Full \`member\` at N connections, ${latencies.crowd} ms vendor latency:`,
    '',
    '| connections | p50 ms | p99 ms | req/s | CPU ms per request | failures |',
    '|---|---|---|---|---|---|',
    ...crowd.map(
      (r) => `| ${r.x} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.reqPerSec, 0)} | ${fmt(r.cpuMsPerRequest, 2)} | ${r.failures} |`,
    ),
    '',
    `Middle point against the straight line through the first and last: CPU per request at ${cpu[1]?.x} members ${offLinear(cpu)}; p50 at ${p50[1]?.x} connections ${offLinear(p50)}.`,
  ].join('\n');
}

/** The two measures as the SVG docs/benchmarks.md shows. */
export function scalingPlot(
  entities: ScalingRow[],
  crowd: ScalingRow[],
  latencies: { entities: number; crowd: number },
  when: string,
): string {
  return linePlotSvg(
    [
      {
        title: `CPU per _entities request (${latencies.entities} ms vendors)`,
        xLabel: 'distinct members',
        yLabel: 'CPU ms per request',
        points: entities.map((r) => ({ x: r.x, y: r.cpuMsPerRequest! })),
      },
      {
        title: `Full member p50 (${latencies.crowd} ms vendors)`,
        xLabel: 'connections',
        yLabel: 'p50 ms',
        points: crowd.map((r) => ({ x: r.x, y: r.p50 })),
      },
    ],
    `npm run bench, ${when}`,
  );
}

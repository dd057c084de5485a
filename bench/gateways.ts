import { fileURLToPath } from 'node:url';
import { BUSY_WEEK_MEMBERS } from './companion-subgraph.js';
import { drive, type LoadResult } from './load.js';
import { startChild, type ChildServer } from './processes.js';

/** The gateways `BENCH_ONLY=gateways npm run bench` measures, each in a process of its own (bench/gateway-child.ts). */
export const GATEWAYS = ['@apollo/gateway', 'Hive Gateway', 'Hive Gateway, Rust query planner'] as const;
export type GatewayName = (typeof GATEWAYS)[number];

/** What the subgraph alone is sent for each scenario: the same read, and the `_entities` @apollo/gateway sends for the page. */
const PAGE_ENTITIES = {
  query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Member { loyalty { firstName } } } }',
  variables: { representations: Array.from({ length: 150 }, (_, i) => ({ __typename: 'Member', id: BUSY_WEEK_MEMBERS[i % 3] })) },
};
const MEMBER_READ = { query: '{ member(id: "M1001") { id loyalty { firstName } points { available } billingAccounts { accountId } } }' };
export const GATEWAY_SCENARIOS = {
  'member read': { throughGateway: MEMBER_READ, subgraphAlone: MEMBER_READ },
  '_entities page (150 bookings, 3 members)': {
    throughGateway: { query: '{ busyWeek { id member { id loyalty { firstName } } } }' },
    subgraphAlone: PAGE_ENTITIES,
  },
} as const;
type ScenarioName = keyof typeof GATEWAY_SCENARIOS;

export interface GatewayRow extends LoadResult {
  scenario: ScenarioName;
  target: GatewayName | 'subgraph alone';
  latencyMs: number;
  /** CPU time of the gateway's process per request (the subgraph's for `subgraph alone`). */
  cpuMsPerRequest: number;
  /** Vendor calls per answered request: below the subgraph alone's where a gateway merges identical requests in flight. */
  vendorCallsPerRequest: number;
}

/** One answer, checked before any load: a run of errors would measure nothing. */
async function answersWithoutErrors(url: string, body: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (!response.ok || answer.errors || !answer.data) throw new Error(`${url} answered ${response.status} ${JSON.stringify(answer)}`);
}

interface Options {
  connections: number;
  seconds: number;
  latencyMs: number;
  /** Calls the sandbox vendors have received so far. */
  vendorCalls: () => number;
}

async function measure(server: ChildServer, body: string, { connections, seconds, vendorCalls }: Options) {
  await answersWithoutErrors(server.url, body);
  await drive(server.url, { body, connections, seconds: 1 }); // warm-up: JIT, sockets, query plans
  const [cpuBefore, callsBefore] = [server.cpuMs(), vendorCalls()];
  const result = await drive(server.url, { body, connections, seconds });
  return {
    ...result,
    cpuMsPerRequest: (server.cpuMs() - cpuBefore) / result.requests,
    vendorCallsPerRequest: (vendorCalls() - callsBefore) / result.requests,
  };
}

/**
 * Each scenario through each gateway and sent to the subgraph alone, in one run at the same concurrency. `subgraph`
 * is the running subgraph process; gateways and the companion start here and stop when measured.
 */
export async function measureGateways(subgraph: ChildServer, options: Options): Promise<GatewayRow[]> {
  const { latencyMs } = options;
  const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
  const companion = await startChild(here('./companion-child.js'), {});
  const rows: GatewayRow[] = [];
  try {
    for (const [scenario, { subgraphAlone }] of Object.entries(GATEWAY_SCENARIOS) as [
      ScenarioName,
      (typeof GATEWAY_SCENARIOS)[ScenarioName],
    ][]) {
      const body = JSON.stringify(subgraphAlone);
      rows.push({
        scenario,
        target: 'subgraph alone',
        latencyMs,
        ...(await measure(subgraph, body, options)),
      });
      console.error(`measured ${scenario}, subgraph alone`);
    }
    for (const target of GATEWAYS) {
      const gateway = await startChild(here('./gateway-child.js'), {
        GATEWAY: target,
        MEMBERS_URL: subgraph.url,
        BOOKINGS_URL: companion.url,
      });
      try {
        for (const [scenario, { throughGateway }] of Object.entries(GATEWAY_SCENARIOS) as [
          ScenarioName,
          (typeof GATEWAY_SCENARIOS)[ScenarioName],
        ][]) {
          const body = JSON.stringify(throughGateway);
          rows.push({ scenario, target, latencyMs, ...(await measure(gateway, body, options)) });
          console.error(`measured ${scenario} through ${target}`);
        }
      } finally {
        await gateway.stop();
      }
    }
  } finally {
    await companion.stop();
  }
  return rows;
}

/** The rows as a table, with each gateway's req/s and p50 over @apollo/gateway's and over the subgraph alone's. */
export function gatewayTable(rows: GatewayRow[]): string {
  const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '');
  const lines = [
    '| scenario | vendor latency | through | req/s | p50 ms | p99 ms | gateway CPU ms per request | vendor calls per request | req/s ÷ @apollo/gateway | p50 ÷ @apollo/gateway | req/s ÷ subgraph alone | p50 ÷ subgraph alone | failures |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const beside = (target: GatewayRow['target']) =>
      rows.find((r) => r.scenario === row.scenario && r.latencyMs === row.latencyMs && r.target === target)!;
    const [apollo, alone] = [beside('@apollo/gateway'), beside('subgraph alone')];
    const cpu = row.target === 'subgraph alone' ? `(subgraph: ${fmt(row.cpuMsPerRequest, 2)})` : fmt(row.cpuMsPerRequest, 2);
    lines.push(
      `| ${row.scenario} | ${row.latencyMs} ms | ${row.target} | ${fmt(row.reqPerSec, 0)} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${cpu} | ${fmt(row.vendorCallsPerRequest, 2)} | ${fmt(row.reqPerSec / apollo.reqPerSec, 2)} | ${fmt(row.p50 / apollo.p50, 2)} | ${fmt(row.reqPerSec / alone.reqPerSec, 2)} | ${fmt(row.p50 / alone.p50, 2)} | ${row.failures} |`,
    );
  }
  return lines.join('\n');
}

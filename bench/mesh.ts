import { fileURLToPath } from 'node:url';
import type { KognitivSettings } from '../src/config.js';
import { KOGNITIV_METHODS, soapActionOf } from '../src/vendors/kognitiv/asmx-contract.js';
import { drive, type LoadResult } from './load.js';
import { startChild, type ChildServer } from './processes.js';

/** Who serves the Kognitiv read in `BENCH_ONLY=mesh npm run bench`. */
export type MeshPeer = 'subgraph' | 'GraphQL Mesh (@omnigraph/soap)';

export interface MeshRow extends LoadResult {
  target: MeshPeer;
  latencyMs: number;
  connections: number;
  /** CPU time of the serving process per request, from /proc/<pid>/stat. */
  cpuMsPerRequest: number;
  /** Sandbox calls per answered request: 1 for both, or the two do not do the same work. */
  vendorCallsPerRequest: number;
  peakRssMb: number;
}

interface Options {
  connections: number;
  seconds: number;
  latencyMs: number;
  /** Calls the sandbox vendors have received so far. */
  vendorCalls: () => number;
}

/** M1001's first and last name: our subgraph's query, and the same Kognitiv call through the schema Mesh builds from the WSDL. */
const SUBGRAPH_READ = { query: '{ member(id: "M1001") { loyalty { firstName lastName } } }' };
const meshRead = (securityToken: string) => ({
  query: `{ tns_LoyaltyMember_LoyaltyMemberSoap_FetchLoyaltyMemberCore(FetchLoyaltyMemberCore: { preqFetchLoyaltyMemberCore: { SecurityToken: ${JSON.stringify(securityToken)}, AccountId: "M1001" } }) { FetchLoyaltyMemberCoreResult { FirstName LastName } } }`,
});

/** The name each answers, checked before any load: a run of errors, or of a different read, would measure nothing. */
async function nameIn(url: string, body: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
  const found = /"firstName":"([^"]+)","lastName":"([^"]+)"/i.exec(JSON.stringify(answer.data ?? {}));
  if (!response.ok || answer.errors || !found) throw new Error(`${url} answered ${response.status} ${text}`);
  return `${found[1]} ${found[2]}`;
}

async function measure(target: MeshPeer, server: ChildServer, body: string, { connections, seconds, latencyMs, vendorCalls }: Options) {
  await drive(server.url, { body, connections, seconds: 1 }); // warm-up: JIT, sockets
  const [cpuBefore, callsBefore] = [server.cpuMs(), vendorCalls()];
  const result = await drive(server.url, { body, connections, seconds });
  return {
    target,
    latencyMs,
    connections,
    ...result,
    cpuMsPerRequest: (server.cpuMs() - cpuBefore) / result.requests,
    vendorCallsPerRequest: (vendorCalls() - callsBefore) / result.requests,
    peakRssMb: server.peakRssMb(),
  };
}

/**
 * The same Kognitiv read (`FetchLoyaltyMemberCore` of M1001) from our running subgraph and from GraphQL Mesh's SOAP
 * handler in a process of its own (bench/mesh-child.ts), against the same sandbox, one after the other at the same
 * concurrency. The vendor latency is whatever the caller set on the sandbox.
 */
export async function measureMesh(subgraph: ChildServer, kognitiv: KognitivSettings, options: Options): Promise<MeshRow[]> {
  const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
  const { service, method } = KOGNITIV_METHODS.fetchLoyaltyMemberCore;
  const mesh = await startChild(here('./mesh-child.js'), {
    WSDL_URL: `${kognitiv.url}/${service.path}.asmx?WSDL`,
    SOAP_ACTION: soapActionOf(service, method),
  });
  try {
    const subgraphBody = JSON.stringify(SUBGRAPH_READ);
    const meshBody = JSON.stringify(meshRead(kognitiv.securityToken));
    const [ours, theirs] = [await nameIn(subgraph.url, subgraphBody), await nameIn(mesh.url, meshBody)];
    if (ours !== theirs) throw new Error(`the subgraph read ${ours} and Mesh ${theirs}: not the same read`);
    return [
      await measure('subgraph', subgraph, subgraphBody, options),
      await measure('GraphQL Mesh (@omnigraph/soap)', mesh, meshBody, options),
    ];
  } finally {
    await mesh.stop();
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '');

/** The rows as a table. */
export function meshTable(rows: MeshRow[]): string {
  const lines = [
    '| vendor latency | served by | req/s | p50 ms | p99 ms | CPU ms per request | vendor calls per request | peak RSS MB | failures |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.latencyMs} ms | ${row.target} | ${fmt(row.reqPerSec, 0)} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${fmt(row.cpuMsPerRequest, 2)} | ${fmt(row.vendorCallsPerRequest, 2)} | ${fmt(row.peakRssMb, 0)} | ${row.failures} |`,
    );
  return lines.join('\n');
}

/**
 * Issue 22's target, 3x Mesh's req/s, checked where the CPU is the limit (no added vendor latency; with it, both wait
 * on the vendor and tie); at each latency, the subgraph's req/s, p50 and CPU per request beside Mesh's.
 */
export function meshTargets(rows: MeshRow[]): string[] {
  return rows
    .filter((row) => row.target === 'subgraph')
    .flatMap((row) => {
      const mesh = rows.find((r) => r.latencyMs === row.latencyMs && r.target !== 'subgraph');
      if (!mesh) return [];
      const ratio = row.reqPerSec / mesh.reqPerSec;
      const verdict = row.latencyMs === 0 ? ` (target >= 3x): ${ratio >= 3 ? 'met' : 'MISSED'}` : ' (vendor-bound: no target)';
      return [
        `beside ${mesh.target} @ ${row.latencyMs} ms, ${row.connections} connections: req/s ${fmt(ratio, 2)}x Mesh's, from this pair of rows${verdict}; p50 ${fmt(row.p50)} against ${fmt(mesh.p50)} ms; CPU per request ${fmt(row.cpuMsPerRequest, 2)} against ${fmt(mesh.cpuMsPerRequest, 2)} ms`,
      ];
    });
}

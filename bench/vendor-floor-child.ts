import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { createVendorClients } from '../src/vendors/create-vendors.js';
import { resilientVendors } from '../src/vendors/resilience/resilient-vendors.js';
import { VendorPolicies } from '../src/vendors/resilience/vendor-policies.js';
import { driveCalls } from './load.js';

/**
 * The CPU floor of a request's vendor calls (issue 22), in a process of its own: the datasources the subgraph builds
 * (`createVendorClients` from the same settings: node-soap and got, the same transports and socket pools) behind the
 * same per-request resilience layer (breaker, retry policy, deadline; `resilientVendors` with `VendorPolicies`), without
 * the call observer's metrics and logs. Each "request" makes exactly the vendor reads of one subgraph request: for every
 * member in FLOOR_MEMBERS its Kognitiv profile and point balances and its Debitsuccess accounts, all at once.
 * FLOOR_CONNECTIONS requests at a time for 1 s of warm-up then FLOOR_SECONDS; prints one JSON line with the requests
 * made and this process's user + system CPU over them (/proc/self/stat), the subgraph's measure.
 */
const members = (process.env.FLOOR_MEMBERS ?? 'M1001').split(',');
const connections = Number(process.env.FLOOR_CONNECTIONS ?? 10);
const seconds = Number(process.env.FLOOR_SECONDS ?? 5);

const config = loadConfig(process.env);
const clients = await createVendorClients(config.kognitiv!, config.debitsuccess!, {
  maxResponseBytes: config.limits.maxVendorResponseBytes,
  maxSocketsPerVendor: config.limits.maxSocketsPerVendor,
});
const policies = new VendorPolicies(config.resilience);

/** An unknown member's reads fail at the vendor as they do in the subgraph; the floor counts them as made, not as failures. */
const settled = (call: Promise<unknown>) =>
  call.then(
    () => true,
    () => false,
  );

async function oneRequest(): Promise<void> {
  const vendors = resilientVendors(clients, policies, Date.now() + config.limits.requestDeadlineMs);
  await Promise.all(
    members.flatMap((id) => [
      settled(vendors.kognitiv.fetchLoyaltyMemberCore(id)),
      // 0: the subgraph's point read goes out beside the profile read, before it knows Kognitiv's member id.
      settled(vendors.kognitiv.fetchMemberPointBalances(id, 0)),
      settled(vendors.debitsuccessBilling.findAccountsByExternalId(id)),
    ]),
  );
}

/** Linux's USER_HZ: /proc/<pid>/stat's CPU times are in 1/100 s. */
function cpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

await driveCalls(oneRequest, { connections, seconds: 1 });
const before = cpuMs();
const result = await driveCalls(oneRequest, { connections, seconds });
const used = cpuMs() - before;
console.log(JSON.stringify({ requests: result.requests, reqPerSec: result.reqPerSec, p50: result.p50, p99: result.p99, cpuMs: used }));
clients.close();
process.exit(0);

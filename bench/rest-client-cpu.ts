import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import got from 'got';
import { API_PATH, TOKEN_PATH } from '../src/sandbox/debitsuccess/debitsuccess-sandbox.js';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed.js';
import { settingDefault } from '../src/config.js';
import { startSandboxVendors } from '../src/sandbox/start-sandbox-vendors.js';
import { DebitsuccessBilling } from '../src/vendors/debitsuccess/debitsuccess-billing.js';
import { createVendorAgents } from '../src/vendors/vendor-agents.js';
import { createVendorHttp } from '../src/vendors/vendor-http.js';
import { createVendorRest } from '../src/vendors/vendor-rest.js';
import { startChild, startChildOnPort, waitUntilReady } from './processes.js';
import { subgraphEnvFor } from './subgraph-env.js';

/**
 * `npm run bench:rest`: CPU per Debitsuccess REST call (GET /accounts) through each HTTP client, in one run, with
 * the sandbox in a process of its own so that only the client's side is counted; then the CPU of a full `member` and
 * of an `_entities` batch in the subgraph (its own process), to put the difference per call in proportion. Prints
 * two tables.
 */
const CALLS = Number(process.env.BENCH_CALLS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 10;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const sandbox = await startChild(here('./debitsuccess-sandbox-child.js'), {});
const origin = sandbox.url;
// The transport bounds and timeout at their defaults (config holds them).
const transport = { maxSockets: settingDefault('MAX_SOCKETS_PER_VENDOR'), maxResponseBytes: settingDefault('MAX_VENDOR_RESPONSE_BYTES') };
const timeoutMs = settingDefault('DEBITSUCCESS_TIMEOUT_MS');
const agents = createVendorAgents(transport.maxSockets);
const rest = createVendorRest({ agents, timeoutMs, maxResponseBytes: transport.maxResponseBytes });
const tokenAnswer = await rest(`${origin}${TOKEN_PATH}`, {
  method: 'POST',
  headers: { accept: 'application/json' },
  form: {
    grant_type: 'client_credentials',
    client_id: SANDBOX_CREDENTIALS.debitsuccessClientId,
    client_secret: SANDBOX_CREDENTIALS.debitsuccessClientSecret,
  },
});
const token = (JSON.parse(tokenAnswer.body) as { access_token: string }).access_token;
const url = `${origin}${API_PATH}/accounts?accountExternalId=M1003`;
const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
const agent = { http: agents.http, https: agents.https };
const vendorHttp = createVendorHttp({ agents, ...transport });
const billing = new DebitsuccessBilling({
  apiUrl: `${origin}${API_PATH}`,
  tokenUrl: `${origin}${TOKEN_PATH}`,
  clientId: SANDBOX_CREDENTIALS.debitsuccessClientId,
  clientSecret: SANDBOX_CREDENTIALS.debitsuccessClientSecret,
  timeoutMs,
  ...transport,
  agents,
});
const gotNoRetry = got.extend({
  agent,
  retry: { limit: 0 },
  followRedirect: false,
  throwHttpErrors: false,
  timeout: { request: timeoutMs },
});
const gotBuffer = gotNoRetry.extend({ responseType: 'buffer' });

/** got's stream API, the body collected here: what got costs without its promise layer. */
function gotStreamed(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    gotNoRetry
      .stream(url, { headers })
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      .on('error', reject);
  });
}

/** Each client makes the same GET on the same keep-alive agents and reads the whole body as text. */
const CLIENTS: Record<string, () => Promise<unknown>> = {
  'Node http (vendor-http, the transport before got came back)': () =>
    vendorHttp.request({ url, method: 'GET', headers, timeout: timeoutMs }),
  'got 16, defaults (agents only)': () => got(url, { headers, agent }).text(),
  'got 16, no retry/redirect/throw, request timeout': () => gotNoRetry(url, { headers }),
  'the same, responseType buffer': () => gotBuffer(url, { headers }),
  'the same, stream API (body collected by the caller)': gotStreamed,
  'got 16 as the subgraph uses it (vendor-rest: + size bound)': () => rest(url, { method: 'GET', headers }),
  'DebitsuccessBilling on got (+ token cache, rate-limit gate, zod)': () => billing.findAccountsByExternalId('M1003'),
};

/** CPU (user + system) of this process per call, in µs, for `CALLS` calls at `CONCURRENCY` in flight. */
async function cpuPerCall(call: () => Promise<unknown>): Promise<number> {
  let left = CALLS;
  const loop = async () => {
    while (left > 0) {
      left -= 1;
      await call();
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / CALLS;
}

const measured = new Map<string, number[]>(Object.keys(CLIENTS).map((name) => [name, []]));
for (const call of Object.values(CLIENTS)) await cpuPerCall(call); // warm-up: JIT, sockets
// Rounds alternate the clients, so that a slow moment of the machine does not fall on one client only.
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, call] of Object.entries(CLIENTS)) measured.get(name)!.push(await cpuPerCall(call));
}
vendorHttp.close();
billing.close();
agents.close();
await sandbox.stop();

const SUBGRAPH_REQUESTS = [
  {
    name: 'member (full profile)',
    restCalls: 1,
    amount: CALLS,
    query: '{ member(id: "M1001") { id loyalty { firstName lastName } points { available } billingAccounts { accountId overdueStatus } } }',
  },
  {
    name: '_entities x50 (10 members)',
    restCalls: 10,
    amount: CALLS / 10,
    query:
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id loyalty { firstName } points { available } billingAccounts { accountId } } } }',
    // Ten distinct members (nine seeded, one unknown), as in `npm run bench`: ten GET /accounts per request.
    variables: { r: Array.from({ length: 50 }, (_, i) => ({ __typename: 'Member', id: i % 10 === 9 ? 'NOBODY' : `M100${(i % 10) + 1}` })) },
  },
];

/** CPU per request in the subgraph: its process's CPU time (Linux /proc, 10 ms ticks) over a fixed number of requests. */
async function cpuPerSubgraphRequest(): Promise<number[]> {
  const sandboxes = await startSandboxVendors({ kognitiv: true, debitsuccess: true });
  const subgraph = await startChildOnPort(here('../src/main.js'), subgraphEnvFor(sandboxes));
  const ticks = () =>
    readFileSync(`/proc/${subgraph.child.pid}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ')
      .slice(11, 13)
      .reduce((a, b) => a + Number(b), 0);
  try {
    await waitUntilReady(subgraph.url);
    const perRequest: number[] = [];
    for (const request of SUBGRAPH_REQUESTS) {
      const body = JSON.stringify({ query: request.query, variables: request.variables });
      const load = (amount: number) =>
        autocannon({
          url: subgraph.url,
          method: 'POST',
          connections: CONCURRENCY,
          amount,
          headers: { 'content-type': 'application/json' },
          body,
        });
      await load(request.amount / 5);
      const before = ticks();
      const result = await load(request.amount);
      if (result.non2xx + result.errors > 0) throw new Error(`${result.non2xx + result.errors} ${request.name} requests failed`);
      perRequest.push(((ticks() - before) * 10_000) / request.amount);
    }
    return perRequest;
  } finally {
    await subgraph.stop();
    await sandboxes.close();
  }
}
const subgraphUs = await cpuPerSubgraphRequest();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const baseline = median(measured.get(Object.keys(CLIENTS)[0]!)!);
const asUsed = median(measured.get('got 16 as the subgraph uses it (vendor-rest: + size bound)')!);
console.log(`Node ${process.version}, ${CALLS} GET /accounts per client and round, ${CONCURRENCY} in flight, median of ${ROUNDS} rounds\n`);
console.log('| client | CPU per call µs | rounds µs | beyond Node http µs |\n|---|---|---|---|');
for (const [name, values] of measured) {
  console.log(
    `| ${name} | ${median(values).toFixed(0)} | ${values.map((v) => v.toFixed(0)).join(', ')} | ${(median(values) - baseline).toFixed(0)} |`,
  );
}
console.log(
  '\n| subgraph request (got serving its REST calls) | REST calls | subgraph CPU per request µs | got beyond Node http µs | share |\n|---|---|---|---|---|',
);
SUBGRAPH_REQUESTS.forEach((request, i) => {
  const extra = request.restCalls * (asUsed - baseline);
  console.log(
    `| ${request.name} | ${request.restCalls} | ${subgraphUs[i]!.toFixed(0)} | ${extra.toFixed(0)} | ${((extra / subgraphUs[i]!) * 100).toFixed(1)}% |`,
  );
});

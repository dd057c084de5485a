import { request } from 'node:http';
import { connect } from 'node:net';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { withKognitivBug } from '../support/kognitiv-bug.js';
import { startSandboxes, startSubgraph, type Subgraph } from '../support/test-stack.js';

/**
 * The README's promise, walked path by path through the real server: every error body a client can receive,
 * HTTP refusal or GraphQL error, carries an `extensions.code` that is a value of the schema's
 * `enum MemberErrorCode` (as the server itself publishes it) and a boolean `retryable`.
 */

const ROUTER_SECRET = 'router-shared-secret-for-error-bodies';
const ROUTER = { 'router-authorization': ROUTER_SECRET };
const JSON_TYPE = { ...ROUTER, 'content-type': 'application/json' };
const STAFF = { ...ROUTER, 'x-staff-scopes': 'members:manage' };
const BUG = 'a datasource bug nobody raised on purpose';

/** A datasource with a bug, so that the masked INTERNAL_SERVER_ERROR path is walked too. */
const withBug = withKognitivBug('fetchMemberPointBalances', BUG);

let sandboxes: SandboxVendors;
let subgraph: Subgraph;
let schemaCodes: Set<string>;

interface Answer {
  status: number;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, subgraph.url), { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (body: unknown, headers: Record<string, string> = STAFF) =>
  send('POST', '/graphql', { 'content-type': 'application/json', ...headers }, JSON.stringify(body));

/** Headers promising 100 bytes, then only a few: the body-read deadline answers. */
function dribble(): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(subgraph.url).port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve({ status: Number(received.slice(9, 12)), body: received.slice(received.indexOf('\r\n\r\n') + 4) }));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nRouter-Authorization: ${ROUTER_SECRET}\r\nContent-Length: 100\r\n\r\n{ "query":`,
    );
  });
}

/** One request held at the vendor while another arrives: with one slot and no queue, admission refuses it. */
async function overloaded(): Promise<Answer> {
  sandboxes.kognitiv!.sandbox.setLatency(400);
  try {
    const held = post({ query: '{ member(id: "M1001") { loyalty { firstName } } }' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const refused = await post({ query: '{ __typename }' });
    await held;
    return refused;
  } finally {
    sandboxes.kognitiv!.sandbox.setLatency(0);
  }
}

async function throttledLogin(): Promise<Answer> {
  const login = { query: 'mutation { login(input: { accountId: "M1002", password: "wrong" }) { firstName } }' };
  await post(login, { ...ROUTER, 'x-forwarded-for': '203.0.113.9' });
  return post(login, { ...ROUTER, 'x-forwarded-for': '203.0.113.9' });
}

async function vendorOutage(): Promise<Answer> {
  sandboxes.kognitiv!.sandbox.injectFault({ kind: 'html', status: 502 });
  try {
    return await post({ query: '{ member(id: "M1001") { loyalty { firstName } } }' });
  } finally {
    sandboxes.kognitiv!.sandbox.clearFaults();
  }
}

const introspectionFields = '{ __schema { queryType { name } } a: __type(name: "Query") { name } }';

const PATHS: [string, () => Promise<Answer>, string][] = [
  ['no router secret', () => post({ query: '{ __typename }' }, {}), 'UNAUTHENTICATED'],
  ['admission refused', overloaded, 'SERVICE_OVERLOADED'],
  ['a body over the limit', () => post({ query: `{ __typename } # ${'x'.repeat(3000)}` }), 'QUERY_TOO_COSTLY'],
  ['a body that is not JSON', () => send('POST', '/graphql', JSON_TYPE, '{ "query": '), 'BAD_REQUEST'],
  ['a body that does not arrive in time', dribble, 'BAD_REQUEST'],
  ['an unknown route', () => send('GET', '/nothing-here', {}), 'BAD_REQUEST'],
  [
    'a batch over the limit',
    () => post([{ query: '{ __typename }' }, { query: '{ __typename }' }, { query: '{ __typename }' }]),
    'QUERY_TOO_COSTLY',
  ],
  ['an empty batch (Apollo Server refuses it)', () => send('POST', '/graphql', JSON_TYPE, '[]'), 'BAD_REQUEST'],
  [
    'a cost limit',
    () => post({ query: '{ a: member(id: "M1") { id } b: member(id: "M2") { id } c: member(id: "M3") { id } }' }),
    'QUERY_TOO_COSTLY',
  ],
  ['introspection while it is off', () => post({ query: introspectionFields }), 'GRAPHQL_VALIDATION_FAILED'],
  ['a field the schema does not have', () => post({ query: '{ noSuchField }' }), 'GRAPHQL_VALIDATION_FAILED'],
  ['a syntax error', () => post({ query: '{ member(' }), 'GRAPHQL_PARSE_FAILED'],
  ['a missing variable', () => post({ query: 'query($id: ID!) { member(id: $id) { id } }' }), 'BAD_USER_INPUT'],
  [
    'an operation name the document does not hold',
    () => post({ query: 'query A { __typename }', operationName: 'B' }),
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'a persisted query hash',
    () => post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    'PERSISTED_QUERY_NOT_FOUND',
  ],
  ['no caller identity', () => post({ query: '{ member(id: "M1001") { loyalty { firstName } } }' }, ROUTER), 'UNAUTHENTICATED'],
  [
    "another member's account",
    () => post({ query: '{ member(id: "M1001") { loyalty { firstName } } }' }, { ...ROUTER, 'x-member-id': 'M1002' }),
    'FORBIDDEN',
  ],
  ['a throttled login', throttledLogin, 'LOGIN_THROTTLED'],
  ['input over its limit', () => post({ query: `{ member(id: "${'x'.repeat(61)}") { id } }` }), 'BAD_USER_INPUT'],
  ['a vendor return code', () => post({ query: '{ member(id: "NO-SUCH-MEMBER") { loyalty { firstName } } }' }), 'MEMBER_NOT_FOUND'],
  ['a vendor outage', vendorOutage, 'VENDOR_UNAVAILABLE'],
  [
    'an error nobody raised on purpose (masked)',
    () => post({ query: '{ member(id: "M1001") { points { __typename } } }' }),
    'INTERNAL_SERVER_ERROR',
  ],
];

beforeAll(async () => {
  sandboxes = await startSandboxes();
  subgraph = await startSubgraph(sandboxes, {
    wrapVendors: withBug,
    env: {
      ROUTER_SECRET,
      AUTHORIZATION: 'on',
      INTROSPECTION: 'off',
      LOGIN_MAX_FAILURES: '1',
      MAX_BODY_BYTES: '2000',
      MAX_BATCH_OPERATIONS: '2',
      MAX_MEMBER_FIELDS: '2',
      BODY_READ_TIMEOUT_MS: '300',
      MAX_CONCURRENT_OPERATIONS: '1',
      MAX_QUEUED_OPERATIONS: '0',
      VENDOR_READ_ATTEMPTS: '1',
    },
  });
  // The enum as the server publishes it to routers, not as our source spells it.
  const { data } = await subgraph.request<{ _service: { sdl: string } }>('{ _service { sdl } }', {}, ROUTER);
  const enumNode = parse(data!._service.sdl).definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'MemberErrorCode',
  );
  schemaCodes = new Set(enumNode!.values!.map((v) => v.name.value));
});

afterAll(async () => {
  await subgraph?.close();
  await sandboxes?.close();
});

describe('every error body carries a MemberErrorCode of the schema and a boolean retryable', () => {
  it.each(PATHS)('%s', async (_path, provoke, expectedCode) => {
    const answer = await provoke();

    const bodies = [JSON.parse(answer.body) as { errors?: { extensions?: { code?: unknown; retryable?: unknown } }[] }].flat();
    const errors = bodies.flatMap((b) => b.errors ?? []);
    expect(errors.map((e) => e.extensions?.code)).toContain(expectedCode);
    for (const error of errors) {
      expect({
        code: error.extensions?.code,
        inSchema: schemaCodes.has(String(error.extensions?.code)),
        retryable: typeof error.extensions?.retryable,
      }).toEqual({
        code: error.extensions?.code,
        inSchema: true,
        retryable: 'boolean',
      });
    }
  });
});

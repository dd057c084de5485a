import { request } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isMemberErrorCode } from '../../src/schema/errors/member-error-code.js';
import { useSandboxedSubgraph } from '../support/test-stack.js';

const ROUTER_SECRET = 'router-shared-secret-for-tests';
const QUERY = JSON.stringify({ query: '{ __typename }' });

const stack = useSandboxedSubgraph(() => ({
  env: { ROUTER_SECRET, MAX_BODY_BYTES: '2000', MAX_BATCH_OPERATIONS: '2', BODY_READ_TIMEOUT_MS: '300' },
}));

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** Any request, byte for byte as given (Node's fetch would refuse or fix some of these). */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Answer> {
  const url = new URL(path, stack.subgraph.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, contentType: res.headers['content-type'] ?? '', body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ROUTER = { 'router-authorization': ROUTER_SECRET };
const JSON_TYPE = { ...ROUTER, 'content-type': 'application/json' };

describe('every refusal is JSON with a MemberErrorCode, never an HTML page or a stack', () => {
  it.each<[string, string, string, Record<string, string>, Buffer | string | undefined, number, string]>([
    [
      'an unsupported charset',
      'POST',
      '/graphql',
      { ...ROUTER, 'content-type': 'application/json; charset=koi8-x' },
      QUERY,
      415,
      'BAD_REQUEST',
    ],
    ['Content-Encoding: compress', 'POST', '/graphql', { ...JSON_TYPE, 'content-encoding': 'compress' }, QUERY, 415, 'BAD_REQUEST'],
    [
      'gzip with a garbage body',
      'POST',
      '/graphql',
      { ...JSON_TYPE, 'content-encoding': 'gzip' },
      'certainly not gzip',
      400,
      'BAD_REQUEST',
    ],
    [
      'a gzipped body that is not JSON',
      'POST',
      '/graphql',
      { ...JSON_TYPE, 'content-encoding': 'gzip' },
      gzipSync('{ "query": '),
      400,
      'BAD_REQUEST',
    ],
    ['a body that is not JSON', 'POST', '/graphql', JSON_TYPE, '{ "query": ', 400, 'BAD_REQUEST'],
    [
      'a body over the limit',
      'POST',
      '/graphql',
      JSON_TYPE,
      JSON.stringify({ query: `{ __typename } # ${'x'.repeat(3000)}` }),
      413,
      'QUERY_TOO_COSTLY',
    ],
    [
      'a gzipped body that inflates over the limit',
      'POST',
      '/graphql',
      { ...JSON_TYPE, 'content-encoding': 'gzip' },
      gzipSync(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(50_000)}` })),
      413,
      'QUERY_TOO_COSTLY',
    ],
    [
      'a batch over the limit',
      'POST',
      '/graphql',
      { ...JSON_TYPE, accept: 'application/graphql-response+json' },
      JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }, { query: '{ __typename }' }]),
      400,
      'QUERY_TOO_COSTLY',
    ],
    [
      'a text/plain body (Apollo Server refuses it)',
      'POST',
      '/graphql',
      { ...ROUTER, 'content-type': 'text/plain' },
      QUERY,
      400,
      'BAD_REQUEST',
    ],
    ['an empty batch (Apollo Server refuses it)', 'POST', '/graphql', JSON_TYPE, '[]', 400, 'BAD_REQUEST'],
    ['no router secret', 'POST', '/graphql', { 'content-type': 'application/json' }, QUERY, 401, 'UNAUTHENTICATED'],
    ['an unknown route', 'GET', '/nothing-here', {}, undefined, 404, 'BAD_REQUEST'],
    ['a POST to /health', 'POST', '/health', { 'content-type': 'application/json' }, '{}', 404, 'BAD_REQUEST'],
  ])('%s', async (_case, method, path, headers, body, status, code) => {
    const answer = await send(method, path, headers, body);

    expect(answer.body).not.toMatch(/<html|<pre|\bat .+\.(js|ts):\d+/i);
    expect(answer.contentType).toMatch(/^application\/json/);
    const { errors } = JSON.parse(answer.body) as { errors: { message: string; extensions: { code: unknown; retryable: unknown } }[] };
    expect({ status: answer.status, code: errors[0]!.extensions.code, retryable: typeof errors[0]!.extensions.retryable }).toEqual({
      status,
      code,
      retryable: 'boolean',
    });
    expect(isMemberErrorCode(errors[0]!.extensions.code)).toBe(true);
    // body-parser's messages quote the caller's headers; ours are fixed.
    expect(errors[0]!.message).not.toMatch(/koi8|compress/i);
  });
});

describe('a refused operation is HTTP 200 for application/json, 4xx for application/graphql-response+json', () => {
  const introspectionFields =
    '{ __schema { queryType { name } } a: __type(name: "Query") { name } b: __type(name: "Member") { name } c: __type(name: "String") { name } }';
  const refusals: [string, string, string][] = [
    ['a cost limit', JSON.stringify({ query: introspectionFields }), 'QUERY_TOO_COSTLY'],
    [
      'the batch limit',
      JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }, { query: '{ __typename }' }]),
      'QUERY_TOO_COSTLY',
    ],
    ['a validation error', JSON.stringify({ query: '{ noSuchField }' }), 'GRAPHQL_VALIDATION_FAILED'],
    ['a syntax error', JSON.stringify({ query: '{ member(' }), 'GRAPHQL_PARSE_FAILED'],
    ['a missing variable', JSON.stringify({ query: 'query($id: ID!) { member(id: $id) { id } }' }), 'BAD_USER_INPUT'],
  ];
  // As Apollo Server negotiates: a tie (`*/*`, no header) goes to application/json.
  const accepts: [string, Record<string, string>, number][] = [
    ['no Accept header', {}, 200],
    ['*/* (what @apollo/gateway sends)', { accept: '*/*' }, 200],
    ['application/json', { accept: 'application/json' }, 200],
    ['application/json first', { accept: 'application/json, application/graphql-response+json' }, 200],
    ['application/graphql-response+json', { accept: 'application/graphql-response+json' }, 400],
    ['application/graphql-response+json preferred', { accept: 'application/json;q=0.9, application/graphql-response+json' }, 400],
  ];

  it.each(
    refusals.flatMap(([refusal, body, code]) =>
      accepts.map(([accept, headers, status]) => [refusal, accept, body, headers, status, code] as const),
    ),
  )('%s with %s', async (_refusal, _accept, body, headers, status, code) => {
    const answer = await send('POST', '/graphql', { ...JSON_TYPE, ...headers }, body);

    expect(answer.status).toBe(status);
    const { errors } = JSON.parse(answer.body) as { errors: { extensions: { code: unknown; retryable: unknown } }[] };
    expect(errors[0]!.extensions).toMatchObject({ code, retryable: false });
  });

  it.each(accepts)('answers a batch with one refused operation with %s as one status for all', async (_accept, headers, status) => {
    const twoIntrospectionFields = { query: '{ __schema { queryType { name } } a: __type(name: "Query") { name } }' };

    const answer = await send(
      'POST',
      '/graphql',
      { ...JSON_TYPE, ...headers },
      JSON.stringify([twoIntrospectionFields, twoIntrospectionFields]),
    );

    expect(answer.status).toBe(status);
    const codes = (JSON.parse(answer.body) as { errors?: { extensions: { code: string } }[] }[]).map(
      (a) => a.errors?.[0]?.extensions.code ?? 'served',
    );
    expect(codes.sort()).toEqual(['QUERY_TOO_COSTLY', 'served']);
  });

  it.each<[string, Record<string, string>, string, number, string]>([
    [
      'no router secret (401, before the body is read)',
      { 'content-type': 'application/json', accept: 'application/json' },
      QUERY,
      401,
      'UNAUTHENTICATED',
    ],
    [
      'a body over the limit (413)',
      { ...JSON_TYPE, accept: 'application/json' },
      JSON.stringify({ query: `{ __typename } # ${'x'.repeat(3000)}` }),
      413,
      'QUERY_TOO_COSTLY',
    ],
  ])('keeps the HTTP status of %s for application/json, with its code in a JSON body', async (_case, headers, body, status, code) => {
    const answer = await send('POST', '/graphql', headers, body);

    expect(answer.status).toBe(status);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body).errors[0].extensions).toMatchObject({ code, retryable: false });
  });
});

describe('a body that does not arrive in time', () => {
  it('is answered 408 JSON and its connection closed', async () => {
    const socket = connect(Number(new URL(stack.subgraph.url).port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});

    // Headers promise 100 bytes; only a few arrive.
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nRouter-Authorization: ${ROUTER_SECRET}\r\nContent-Length: 100\r\n\r\n{ "query":`,
    );
    const timeout = setTimeout(() => socket.destroy(), 10_000);
    await closed;
    clearTimeout(timeout);

    expect(received).toMatch(/^HTTP\/1\.1 408/);
    const body = received.slice(received.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body).errors[0].extensions).toEqual({ code: 'BAD_REQUEST', retryable: true });
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { EXAMPLE_OPERATIONS } from '../support/documents.js';
import { startBuiltSubgraph } from '../support/built-subgraph.js';
import { useSandboxedSubgraph } from '../support/test-stack.js';

const APP = 'http://localhost:3000';
/** What a front end's GraphQL client sends: JSON, Apollo's CSRF header, the member header, a key, a trace parent. */
const FRONT_END_HEADERS = ['content-type', 'apollo-require-preflight', 'x-member-id', 'idempotency-key', 'traceparent'];

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': FRONT_END_HEADERS.join(',') },
  });
const corsHeaders = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));

describe('a browser app on a development origin, without CORS_ORIGINS (the default)', () => {
  const stack = useSandboxedSubgraph();

  it('gets no CORS headers on a preflight or a request', async () => {
    const options = await preflight(stack.subgraph.url, APP);
    const post = await fetch(stack.subgraph.url, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

    expect(corsHeaders(options)).toEqual({});
    expect(corsHeaders(post)).toEqual({});
  });
});

describe('CORS_ORIGINS=http://localhost:3000 (and a router secret: preflights carry none)', () => {
  const stack = useSandboxedSubgraph(() => ({
    env: { CORS_ORIGINS: `${APP}, http://127.0.0.1:5173`, ROUTER_SECRET: 'dev-router-secret' },
  }));

  it('answers a preflight from the allowed origin, the headers a front end sends included, without credentials', async () => {
    const response = await preflight(stack.subgraph.url, APP);

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-methods')!.split(',')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')!.toLowerCase().split(',')).toEqual(
      expect.arrayContaining(FRONT_END_HEADERS),
    );
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('answers the second listed origin too, and gives an origin not listed no CORS headers', async () => {
    const second = await preflight(stack.subgraph.url, 'http://127.0.0.1:5173');
    const other = await preflight(stack.subgraph.url, 'http://localhost:3001');

    expect(second.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(corsHeaders(other)).toEqual({});
  });

  it('lets the allowed origin read the answer to a real POST, and the response headers a front end needs', async () => {
    const response = await fetch(stack.subgraph.url, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json', 'router-authorization': 'dev-router-secret' },
      body: JSON.stringify({ query: EXAMPLE_OPERATIONS.member, variables: { id: 'M1001' } }),
    });
    const body = (await response.json()) as { data: { member: { id: string } } };

    expect(response.status).toBe(200);
    expect(body.data.member.id).toBe('M1001');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')!.toLowerCase().split(',')).toEqual(
      expect.arrayContaining(['idempotent-replayed', 'retry-after', 'x-request-id']),
    );
  });

  it('still refuses a simple request (no preflight) from the allowed origin: CSRF prevention is kept', async () => {
    const formPost = await fetch(stack.subgraph.url, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'text/plain', 'router-authorization': 'dev-router-secret' },
      body: JSON.stringify({ query: 'mutation { __typename }' }),
    });
    const get = await fetch(`${stack.subgraph.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: APP, 'router-authorization': 'dev-router-secret' },
    });

    expect(formPost.status).toBe(400);
    expect(await formPost.text()).toMatch(/Cross-Site Request Forgery/);
    expect(get.status).toBe(400);
  });
});

describe('the built process', () => {
  it('answers a preflight from CORS_ORIGINS, and gives other origins nothing', async () => {
    const subgraph = await startBuiltSubgraph({ CORS_ORIGINS: APP });
    try {
      const allowed = await preflight(subgraph.url, APP);
      const other = await preflight(subgraph.url, 'http://localhost:3001');

      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
      expect(corsHeaders(other)).toEqual({});
    } finally {
      await subgraph.stop();
    }
  }, 60_000);
});

describe('CORS_ORIGINS values', () => {
  it('are exact origins, comma-separated; unset or blank is none', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' ' }).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'http://localhost:3000,https://app.example.test' }).corsOrigins).toEqual([
      'http://localhost:3000',
      'https://app.example.test',
    ]);
  });

  it.each(['*', 'localhost:3000', 'http://localhost:3000/', 'http://localhost:3000/app', 'ftp://files.example.test'])(
    'refuses %j at start-up: only exact origins (scheme, host, port) are allowed',
    (value) => {
      expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
    },
  );
});

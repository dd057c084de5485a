import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SANDBOX_CREDENTIALS, SANDBOX_FORBIDDEN_CLIENT, type SeedBillingAccount } from '../seed.js';
import type { CallCounter } from '../shared/http-server.js';
import type { DebitsuccessState } from './debitsuccess-state.js';

const RATE_LIMIT = 1000;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ratelimit-limit': String(RATE_LIMIT),
    'x-ratelimit-remaining': String(RATE_LIMIT - 1),
    'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60),
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function publicAccount({ hasGuarantor: _hasGuarantor, ...account }: SeedBillingAccount) {
  return account;
}

/** The token endpoint and the parts of Customer Services API v1.0 the subgraph reads. */
export class RestApi {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();

  constructor(
    private readonly state: DebitsuccessState,
    private readonly calls: CallCounter,
    private readonly tokenTtlSeconds: () => number,
  ) {}

  issueToken(res: ServerResponse, form: URLSearchParams): void {
    this.calls.record('POST /identity/connect/token');
    const clientId = form.get('client_id') ?? '';
    const secret = form.get('client_secret') ?? '';
    const known =
      (clientId === SANDBOX_CREDENTIALS.debitsuccessClientId && secret === SANDBOX_CREDENTIALS.debitsuccessClientSecret) ||
      (clientId === SANDBOX_FORBIDDEN_CLIENT.clientId && secret === SANDBOX_FORBIDDEN_CLIENT.clientSecret);
    if (form.get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type' });
    if (!known) return json(res, 401, { error: 'invalid_client' });
    const ttl = this.tokenTtlSeconds();
    const expiresAt = Date.now() + ttl * 1000;
    const claims = { sub: clientId, exp: Math.floor(expiresAt / 1000) };
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.${randomBytes(16).toString('base64url')}`;
    this.tokens.set(token, { clientId, expiresAt });
    json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: ttl });
  }

  /** Revokes every issued token, as an operator rotating credentials would. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
    const operation = path.startsWith('/accounts/')
      ? 'GET /accounts/{id}'
      : path.startsWith('/customers/')
        ? 'GET /customers/{id}/phoneNumbers'
        : `GET ${path}`;
    this.calls.record(operation);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ? this.tokens.get(bearer) : undefined;
    if (!token || token.expiresAt <= Date.now())
      return json(res, 401, { errorCode: 'Unauthorized', message: 'Invalid or expired access token' });
    if (token.clientId === SANDBOX_FORBIDDEN_CLIENT.clientId)
      return json(res, 403, { errorCode: 'Forbidden', message: 'Client may not read accounts' });

    if (path === '/accounts') {
      const externalId = query.get('accountExternalId') ?? '';
      if (this.trigger(res, externalId)) return;
      return json(res, 200, { accounts: (this.state.accountsByExternalId.get(externalId) ?? []).map(publicAccount) });
    }
    const account = /^\/accounts\/([^/]+)$/.exec(path);
    if (account) {
      const found = this.state.accountById(decodeURIComponent(account[1]!));
      return found ? json(res, 200, publicAccount(found)) : json(res, 404, { errorCode: 'NotFound', message: 'Account not found' });
    }
    const phones = /^\/customers\/([^/]+)\/phoneNumbers$/.exec(path);
    if (phones)
      return json(res, 200, {
        phoneNumbers: this.state.phonesOf(decodeURIComponent(phones[1]!)).filter((p) => p.phoneType !== 'previous'),
      });
    json(res, 404, { errorCode: 'NotFound', message: 'No such resource' });
  }

  /** `RC-…` external ids answer the failures a real API produces now and then. */
  private trigger(res: ServerResponse, externalId: string): boolean {
    switch (externalId) {
      case 'RC-400':
        json(res, 400, {
          errorCode: 'BadRequest',
          message: 'Invalid request',
          errors: [{ field: 'accountExternalId', message: 'invalid' }],
        });
        return true;
      case 'RC-404':
        json(res, 404, { errorCode: 'NotFound', message: 'Not found' });
        return true;
      case 'RC-429':
        json(
          res,
          429,
          { errorCode: 'TooManyRequests', message: 'Rate limit exceeded' },
          { 'retry-after': '2', 'x-ratelimit-remaining': '0' },
        );
        return true;
      case 'RC-500':
      case 'RC-503':
        json(res, Number(externalId.slice(3)), {
          errorCode: 'ServerError',
          message: 'Internal error at Debitsuccess (stack: Debitsuccess.Api.Controllers…)',
        });
        return true;
      case 'RC-HTML':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><h1>Service Unavailable</h1></body></html>');
        return true;
      case 'RC-MALFORMED':
        json(res, 200, { accounts: [{ accountId: 'x' }] });
        return true;
      default:
        return false;
    }
  }
}

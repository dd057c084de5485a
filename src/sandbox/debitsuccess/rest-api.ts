import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SANDBOX_CREDENTIALS, SANDBOX_FORBIDDEN_CLIENT, type SeedBillingAccount } from '../seed.js';
import { answerWith, type FaultInjector, type SoapFaultWriter } from '../shared/faults.js';
import type { CallCounter } from '../shared/http-server.js';
import type { DebitsuccessState } from './debitsuccess-state.js';

const RATE_LIMIT = 1000;
const PHONE_PAGE_LIMIT = 50;

/** An opaque cursor, as the API's are: the customer and the id of the last number served. */
function writeCursor(customerId: string, afterId: number): string {
  return Buffer.from(JSON.stringify({ c: customerId, a: afterId })).toString('base64url');
}

/** The id a cursor continues after, or null when it is not one of this customer's cursors. */
function readCursor(cursor: string, customerId: string): number | null {
  try {
    const { c, a } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown; a?: unknown };
    return c === customerId && Number.isInteger(a) ? (a as number) : null;
  } catch {
    return null;
  }
}

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
    private readonly phoneFaults: FaultInjector,
    private readonly faultWriter: SoapFaultWriter,
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

  handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void | Promise<void> {
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
    if (phones) {
      const page = this.phonePage(decodeURIComponent(phones[1]!), query);
      if ('error' in page) return json(res, 400, page.error);
      const fault = this.phoneFaults.take();
      if (fault) return answerWith(res, 'application/json; charset=utf-8', JSON.stringify(page.answer), fault, this.faultWriter);
      return json(res, 200, page.answer);
    }
    json(res, 404, { errorCode: 'NotFound', message: 'No such resource' });
  }

  /**
   * One page of a customer's numbers (those UpdateClientPhoneNumber replaced left out), `limit` at most 50 (the default).
   * The cursor names the last number of the page before, so a number saved between two pages is never listed twice.
   */
  phonePage(customerId: string, query: URLSearchParams): { answer: unknown } | { error: unknown } {
    const limit = Number(query.get('limit') ?? PHONE_PAGE_LIMIT);
    if (!Number.isInteger(limit) || limit < 1 || limit > PHONE_PAGE_LIMIT)
      return { error: { errorCode: 'BadRequest', message: 'Invalid request', errors: [{ field: 'limit', message: 'must be 1 to 50' }] } };
    const cursor = query.get('nextCursor');
    const after = cursor === null ? undefined : readCursor(cursor, customerId);
    if (after === null)
      return { error: { errorCode: 'BadRequest', message: 'Invalid request', errors: [{ field: 'nextCursor', message: 'invalid' }] } };
    const listed = this.state.phonesOf(customerId).filter((p) => p.phoneType !== 'previous');
    const start = after === undefined ? 0 : listed.findIndex((p) => Number(p.phoneNumberId) > after);
    const page = start < 0 ? [] : listed.slice(start, start + limit);
    const hasNext = start >= 0 && start + limit < listed.length;
    const last = page.at(-1);
    return {
      answer: {
        phoneNumbers: page,
        responseMetadata: { nextCursor: hasNext && last ? writeCursor(customerId, Number(last.phoneNumberId)) : null, hasNext },
      },
    };
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

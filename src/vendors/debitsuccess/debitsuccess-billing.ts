import got, { HTTPError, RequestError, type Got } from 'got';
import { z } from 'zod';
import { createVendorAgents, type VendorAgents } from '../vendor-agents.js';
import { VendorReturnCodeError, VendorTransportError } from '../vendor-error.js';
import { TokenCache } from './oauth-token.js';
import { RateLimitGate } from './rate-limit-gate.js';

export interface DebitsuccessBillingOptions {
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  maxSockets?: number;
  maxResponseBytes?: number;
  /** Debitsuccess's shared socket pool; without it the client makes (and closes) its own. */
  agents?: VendorAgents;
}

export interface BillingAccountRecord {
  accountId: string;
  customerId: string;
  overdueStatus: number;
  overdueAmountPayment: number;
  overdueAmountFee: number;
  suspended: boolean;
  paymentStopped: boolean;
  /** ISO date. */
  nextBillingDate: string | null;
  accountCloseDateTime: string | null;
}

const id = z.union([z.string().min(1), z.number()]).transform(String);
const emptyAsNull = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

const accountSchema = z.object({
  accountId: id,
  customerId: id,
  overdueStatus: z.number().int().min(0),
  overdueAmountPayment: z.number(),
  overdueAmountFee: z.number(),
  suspended: z.boolean(),
  paymentStopped: z.boolean(),
  nextBillingDate: emptyAsNull.transform((v) => (v === null ? null : v.slice(0, 10))),
  accountCloseDateTime: emptyAsNull,
});
const accountsSchema = z.object({ accounts: z.array(accountSchema) });
const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

const ACCOUNTS = 'GET /accounts';
const TOKEN = 'POST /identity/connect/token';

/** HTTP statuses that are the vendor's verdict on this request, not an outage. */
const VERDICTS = new Set([400, 401, 403, 404]);

/**
 * Debitsuccess Customer Services API (REST, OAuth2 client credentials). got's own retries are off:
 * retrying is decided in one place for every vendor (src/vendors/resilience).
 */
export class DebitsuccessBilling {
  private readonly http: Got;
  private readonly agents: VendorAgents;
  private readonly tokens: TokenCache;
  private readonly rateLimit = new RateLimitGate();

  constructor(private readonly options: DebitsuccessBillingOptions) {
    this.agents = options.agents ?? createVendorAgents(options.maxSockets);
    this.http = got.extend({
      agent: { http: this.agents.http, https: this.agents.https },
      retry: { limit: 0 },
      timeout: { request: options.timeoutMs ?? 5000 },
      followRedirect: false,
      throwHttpErrors: true,
    });
    this.tokens = new TokenCache(() => this.fetchToken());
  }

  close(): void {
    if (!this.options.agents) this.agents.close();
  }

  private failure(operation: string, error: unknown): Error {
    if (error instanceof HTTPError) {
      const status = error.response.statusCode;
      if (VERDICTS.has(status)) return new VendorReturnCodeError('DEBITSUCCESS', operation, String(status));
      const retryAfter = Number(error.response.headers['retry-after']);
      return new VendorTransportError('DEBITSUCCESS', operation, 'HTTP_STATUS', true, `HTTP ${status} ${String(error.response.body).slice(0, 300)}`, {
        httpStatus: status,
        retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
      });
    }
    if (error instanceof RequestError) {
      const code = error.code;
      if (code === 'ETIMEDOUT') return new VendorTransportError('DEBITSUCCESS', operation, 'TIMEOUT', true, error.message);
      if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code)) {
        return new VendorTransportError('DEBITSUCCESS', operation, 'CONNECTION', false, error.message);
      }
      if (['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE'].includes(code)) return new VendorTransportError('DEBITSUCCESS', operation, 'CONNECTION', true, error.message);
      return new VendorTransportError('DEBITSUCCESS', operation, 'MALFORMED_RESPONSE', true, `${code}: ${error.message}`);
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  /** Reads a JSON body, refusing one that is not JSON, too large, or not of the expected shape. */
  private parse<T>(operation: string, schema: z.ZodType<T>, body: string): T {
    const limit = this.options.maxResponseBytes ?? 1024 * 1024;
    if (Buffer.byteLength(body) > limit) throw new VendorTransportError('DEBITSUCCESS', operation, 'MALFORMED_RESPONSE', true, `body over ${limit} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new VendorTransportError('DEBITSUCCESS', operation, 'MALFORMED_RESPONSE', true, `not JSON: ${body.slice(0, 200)}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new VendorTransportError('DEBITSUCCESS', operation, 'MALFORMED_RESPONSE', true, `unexpected shape: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  private async fetchToken(): Promise<{ accessToken: string; expiresInSeconds: number }> {
    let body: string;
    try {
      body = await this.http
        .post(this.options.tokenUrl, {
          form: { grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret },
        })
        .text();
    } catch (error) {
      throw this.failure(TOKEN, error);
    }
    const token = this.parse(TOKEN, tokenSchema, body);
    return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
  }

  private async getJson<T>(operation: string, path: string, schema: z.ZodType<T>, retriedWithNewToken = false): Promise<T> {
    const wait = this.rateLimit.waitSeconds();
    if (wait > 0) {
      throw new VendorTransportError('DEBITSUCCESS', operation, 'HTTP_STATUS', false, 'rate limit exhausted: not sent', { httpStatus: 429, retryAfterSeconds: wait });
    }
    const token = await this.tokens.get();
    let body: string;
    try {
      const request = this.http.get(`${this.options.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      // Stop reading an oversized answer as it arrives, rather than buffering and parsing it.
      const limit = this.options.maxResponseBytes ?? 1024 * 1024;
      request.on('downloadProgress', ({ transferred }) => {
        if (transferred > limit) request.cancel(`response over ${limit} bytes`);
      });
      const response = await request;
      this.rateLimit.observe(response.headers);
      body = response.body;
    } catch (error) {
      if (error instanceof HTTPError) this.rateLimit.observe(error.response.headers);
      // A token can be revoked before it expires: fetch a fresh one once, then give up.
      if (error instanceof HTTPError && error.response.statusCode === 401 && !retriedWithNewToken) {
        this.tokens.invalidate(token);
        return this.getJson(operation, path, schema, true);
      }
      throw this.failure(operation, error);
    }
    return this.parse(operation, schema, body);
  }

  async findAccountsByExternalId(externalId: string): Promise<BillingAccountRecord[]> {
    const { accounts } = await this.getJson(ACCOUNTS, `/accounts?accountExternalId=${encodeURIComponent(externalId)}`, accountsSchema);
    return accounts;
  }
}

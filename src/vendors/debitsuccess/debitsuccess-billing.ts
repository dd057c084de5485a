import { z } from 'zod';
import type { DebitsuccessSettings } from '../../config.js';
import { INT32_MAX } from '../int32.js';
import { retryAfterSeconds } from '../retry-after.js';
import { createVendorAgents, type VendorAgents } from '../vendor-agents.js';
import { transportFailureOf } from '../transport-failure.js';
import { createVendorRest, type VendorRestAnswer, type VendorRestExchange, type VendorRestRequest } from '../vendor-rest.js';
import { restCall, VendorReturnCodeError, VendorTransportError } from '../vendor-error.js';
import type { VendorTransportOptions } from '../vendor-transport-options.js';
import { TokenCache } from './oauth-token.js';
import { RateLimitGate } from './rate-limit-gate.js';

/** The Debitsuccess settings the REST API uses (`src/config.ts` declares them and their defaults), and how to reach it. */
export type DebitsuccessBillingOptions = Pick<DebitsuccessSettings, 'apiUrl' | 'tokenUrl' | 'clientId' | 'clientSecret' | 'timeoutMs'> &
  VendorTransportOptions;

const id = z.union([z.string().min(1), z.number()]).transform(String);
const emptyAsNull = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

const accountSchema = z.object({
  accountId: id,
  customerId: id,
  overdueStatus: z.number().int().min(0).max(INT32_MAX),
  // z.number() refuses non-finite numbers (JSON's 1e400 parses to Infinity).
  overdueAmountPayment: z.number(),
  overdueAmountFee: z.number(),
  suspended: z.boolean(),
  paymentStopped: z.boolean(),
  /** ISO date. */
  nextBillingDate: emptyAsNull.transform((v) => (v === null ? null : v.slice(0, 10))),
  accountCloseDateTime: emptyAsNull,
});
/** A billing account as read from `GET /accounts`. */
export type BillingAccountRecord = z.output<typeof accountSchema>;
const accountsSchema = z.object({ accounts: z.array(accountSchema) });
const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

/** Debitsuccess `phoneType` values, as the OpenAPI file lists them; `previous` is what UpdateClientPhoneNumber leaves behind. */
export const BILLING_PHONE_TYPES = ['emergency', 'fax', 'home', 'mobile', 'work'] as const;
const phoneSchema = z.object({
  phoneNumberId: id,
  phoneName: emptyAsNull,
  countryCode: emptyAsNull,
  areaCode: emptyAsNull,
  phoneType: z.enum([...BILLING_PHONE_TYPES, 'previous']),
  phoneNumber: z.string(),
  isPrimary: z.boolean(),
});
const phonePageSchema = z.object({
  phoneNumbers: z.array(phoneSchema),
  responseMetadata: z.object({ nextCursor: emptyAsNull, hasNext: z.boolean() }),
});
/** A phone number as read from `GET /customers/{customerId}/phoneNumbers`; never one of type `previous`. */
export type BillingPhoneRecord = Omit<z.output<typeof phoneSchema>, 'phoneType'> & { phoneType: (typeof BILLING_PHONE_TYPES)[number] };

/** The most the API serves per page (its default), so a customer's numbers take as few calls as they can. */
export const PHONE_PAGE_SIZE = 50;

const ACCOUNTS = 'GET /accounts';
const PHONE_NUMBERS = 'GET /customers/{customerId}/phoneNumbers';
/** The token endpoint, as errors name its operation. */
export const TOKEN_OPERATION = 'POST /identity/connect/token';

/** HTTP statuses that are the vendor's verdict on this request, each with its own row in the error table. */
const VERDICTS = new Set([401, 403, 404]);

/** Any other 4xx but 429 answers the request itself (400, 405, 409, 422, …): a refusal, not an outage. */
function refusesTheRequest(status: number): boolean {
  return status >= 400 && status < 500 && status !== 429;
}

/** A non-2xx answer, carried to the one place that turns it into a vendor error. */
class StatusAnswer {
  constructor(readonly response: VendorRestAnswer) {}
}

/**
 * Debitsuccess Customer Services API (REST, OAuth2 client credentials) over got, on the vendor's shared sockets.
 * Nothing is retried here: retrying is decided in one place for every vendor (src/vendors/resilience).
 */
export class DebitsuccessBilling {
  private readonly http: VendorRestExchange;
  private readonly agents: VendorAgents;
  private readonly tokens: TokenCache;
  private readonly rateLimit = new RateLimitGate();

  constructor(private readonly options: DebitsuccessBillingOptions) {
    this.agents = options.agents ?? createVendorAgents(options.maxSockets);
    this.http = createVendorRest({
      agents: this.agents,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      propagateTrace: options.propagateTrace,
    });
    this.tokens = new TokenCache(() => this.fetchToken());
  }

  close(): void {
    if (!this.options.agents) this.agents.close();
  }

  /** One exchange; a 2xx answer's body, or a StatusAnswer / transport error thrown. */
  private async exchange(url: string, request: VendorRestRequest): Promise<VendorRestAnswer> {
    const response = await this.http(url, request);
    if (response.status < 200 || response.status >= 300) throw new StatusAnswer(response);
    return response;
  }

  private failure(operation: string, error: unknown): Error {
    if (error instanceof StatusAnswer) {
      const { status, headers, body } = error.response;
      if (VERDICTS.has(status)) return new VendorReturnCodeError(restCall('DEBITSUCCESS', operation), String(status));
      return new VendorTransportError(
        restCall('DEBITSUCCESS', operation),
        refusesTheRequest(status) ? 'REQUEST_REFUSED' : 'HTTP_STATUS',
        true,
        `HTTP ${status} ${body}`,
        {
          httpStatus: status,
          retryAfterSeconds: retryAfterSeconds(headers['retry-after']),
        },
      );
    }
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    const transport = transportFailureOf(code);
    if (transport) return new VendorTransportError(restCall('DEBITSUCCESS', operation), transport.reason, transport.sent, message);
    // Any other coded failure of the exchange (an oversized or undecodable answer) is an answer we cannot use.
    if (typeof code === 'string')
      return new VendorTransportError(restCall('DEBITSUCCESS', operation), 'MALFORMED_RESPONSE', true, `${code}: ${message}`);
    return error instanceof Error ? error : new Error(message);
  }

  /** Reads a JSON body, refusing one that is not JSON or not of the expected shape (size: see vendor-rest). */
  private parse<T>(operation: string, schema: z.ZodType<T>, body: string): T {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new VendorTransportError(restCall('DEBITSUCCESS', operation), 'MALFORMED_RESPONSE', true, `not JSON: ${body}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new VendorTransportError(
        restCall('DEBITSUCCESS', operation),
        'MALFORMED_RESPONSE',
        true,
        `unexpected shape: ${parsed.error.issues[0]?.message}`,
      );
    return parsed.data;
  }

  private async fetchToken(): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const form = { grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret };
    let body: string;
    try {
      body = (await this.exchange(this.options.tokenUrl, { method: 'POST', headers: { accept: 'application/json' }, form })).body;
    } catch (error) {
      throw this.failure(TOKEN_OPERATION, error);
    }
    const token = this.parse(TOKEN_OPERATION, tokenSchema, body);
    return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
  }

  private async getJson<T>(operation: string, path: string, schema: z.ZodType<T>, retriedWithNewToken = false): Promise<T> {
    const wait = this.rateLimit.waitSeconds();
    if (wait > 0) {
      throw new VendorTransportError(restCall('DEBITSUCCESS', operation), 'HTTP_STATUS', false, 'rate limit exhausted: not sent', {
        httpStatus: 429,
        retryAfterSeconds: wait,
      });
    }
    const token = await this.tokens.get();
    let body: string;
    try {
      const response = await this.exchange(`${this.options.apiUrl}${path}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      this.rateLimit.observe(response.headers);
      body = response.body;
    } catch (error) {
      if (error instanceof StatusAnswer) {
        this.rateLimit.observe(error.response.headers);
        // A token can be revoked before it expires: fetch a fresh one once, then give up.
        if (error.response.status === 401 && !retriedWithNewToken) {
          this.tokens.invalidate(token);
          return this.getJson(operation, path, schema, true);
        }
      }
      throw this.failure(operation, error);
    }
    return this.parse(operation, schema, body);
  }

  async findAccountsByExternalId(externalId: string): Promise<BillingAccountRecord[]> {
    const { accounts } = await this.getJson(ACCOUNTS, `/accounts?accountExternalId=${encodeURIComponent(externalId)}`, accountsSchema);
    return accounts;
  }

  /**
   * Every phone number of a customer, following `nextCursor` for at most `maxPages` pages. More pages than that, a
   * cursor the vendor already gave, or `hasNext` without a cursor is an answer we cannot use whole (MALFORMED_RESPONSE),
   * never a list silently cut short. A number of type `previous` (one UpdateClientPhoneNumber replaced; whether the
   * API lists them is not published) is left out: it is no longer the customer's.
   */
  async listPhoneNumbers(customerId: string, maxPages: number): Promise<BillingPhoneRecord[]> {
    const path = `/customers/${encodeURIComponent(customerId)}/phoneNumbers?limit=${PHONE_PAGE_SIZE}`;
    const phones: BillingPhoneRecord[] = [];
    const cursorsSeen = new Set<string>();
    let cursor: string | null = null;
    for (let page = 1; ; page++) {
      const query: string = cursor === null ? '' : `&nextCursor=${encodeURIComponent(cursor)}`;
      const { phoneNumbers, responseMetadata } = await this.getJson(PHONE_NUMBERS, path + query, phonePageSchema);
      for (const phone of phoneNumbers) if (phone.phoneType !== 'previous') phones.push({ ...phone, phoneType: phone.phoneType });
      if (!responseMetadata.hasNext) return phones;
      cursor = responseMetadata.nextCursor;
      const unusable =
        cursor === null
          ? 'hasNext without a nextCursor'
          : cursorsSeen.has(cursor)
            ? `nextCursor repeated on page ${page}`
            : page >= maxPages
              ? `more than ${maxPages} pages (MAX_PHONE_PAGES)`
              : undefined;
      if (unusable) throw new VendorTransportError(restCall('DEBITSUCCESS', PHONE_NUMBERS), 'MALFORMED_RESPONSE', true, unusable);
      cursorsSeen.add(cursor!);
    }
  }
}

import { Writable } from 'node:stream';
import { pino, type DestinationStream, type Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, secretValues, type DebitsuccessSettings, type KognitivSettings } from '../../src/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { startSandboxVendors, type SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import type { Vendors } from '../../src/vendors/vendor-operations.js';
import { startServer } from '../../src/server.js';
import { createVendorClients } from '../../src/vendors/create-vendors.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface Subgraph {
  url: string;
  request<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
  /** Exports the spans ended so far (when tracing is configured). */
  flushTraces(): Promise<void>;
}

export interface SubgraphOverrides {
  kognitiv?: Partial<KognitivSettings>;
  debitsuccess?: Partial<DebitsuccessSettings>;
  env?: Record<string, string>;
  /** Defaults to a silent logger. */
  logger?: Logger;
  /** Wraps the real datasources, e.g. to stand in one with a bug for a test of what a bug looks like to clients. */
  wrapVendors?: (vendors: Vendors) => Vendors;
  /** The production logger (createLogger, censoring the secrets this subgraph is configured with) at `level`, writing to `destination`. */
  log?: { level: string; destination: DestinationStream };
}

/** Both sandbox vendors on loopback ports, as `npm start` runs them. */
export function startSandboxes(): Promise<SandboxVendors> {
  return startSandboxVendors({ kognitiv: true, debitsuccess: true });
}

/** A real subgraph process-in-miniature over HTTP, pointed at the sandboxes with optional changes. */
export async function startSubgraph(sandboxes: SandboxVendors, overrides: SubgraphOverrides = {}): Promise<Subgraph> {
  const config = loadConfig({ NODE_ENV: 'test', ...overrides.env });
  const kognitiv = { ...sandboxes.kognitiv!.settings, ...overrides.kognitiv };
  const debitsuccess = { ...sandboxes.debitsuccess!.settings, ...overrides.debitsuccess };
  const vendors = await createVendorClients(kognitiv, debitsuccess, {
    maxResponseBytes: config.limits.maxVendorResponseBytes,
    maxSocketsPerVendor: config.limits.maxSocketsPerVendor,
    propagateTrace: config.tracing.propagateToVendors,
  });
  // As main.ts does: the SDK only when an OTLP endpoint is configured.
  const { tracesUrl } = config.tracing;
  const tracing =
    tracesUrl === undefined
      ? undefined
      : (await import('../../src/observability/tracing-sdk.js')).startTracing({ ...config.tracing, tracesUrl });
  const secrets = secretValues({ ...config, kognitiv, debitsuccess });
  const logger = overrides.log
    ? createLogger({ ...overrides.log, pretty: false, secrets })
    : (overrides.logger ?? pino({ level: 'silent' }));
  const server = await startServer(
    { config, vendors: overrides.wrapVendors?.(vendors) ?? vendors, logger, secrets },
    { port: 0, host: '127.0.0.1' },
  );
  return {
    url: server.url,
    async request(query, variables, headers) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await server.stop();
      vendors.close();
      await tracing?.shutdown();
    },
    flushTraces: async () => tracing?.flush(),
  };
}

/** A log destination keeping every line written to it, as text and as parsed JSON lines. */
export function captureLog(): { destination: Writable; text(): string; lines(): Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const text = () => chunks.join('');
  return {
    destination,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The one error at `path`, failing loudly when there is none or several. */
export function errorAt(response: GraphQLResponse, path: (string | number)[]) {
  const found = (response.errors ?? []).filter((e) => JSON.stringify(e.path) === JSON.stringify(path));
  if (found.length !== 1) throw new Error(`expected one error at ${path.join('.')}, got ${JSON.stringify(response.errors)}`);
  return found[0]!;
}

/** Sandboxes and a subgraph (with `overrides`, given the sandboxes) for the enclosing describe block (or file), started fresh from the seed. */
export function useSandboxedSubgraph(overrides: (sandboxes: SandboxVendors) => SubgraphOverrides = () => ({})): {
  readonly sandboxes: SandboxVendors;
  readonly subgraph: Subgraph;
} {
  const stack = {} as { sandboxes: SandboxVendors; subgraph: Subgraph };
  beforeAll(async () => {
    stack.sandboxes = await startSandboxes();
    stack.subgraph = await startSubgraph(stack.sandboxes, overrides(stack.sandboxes));
  });
  afterAll(async () => {
    await stack.subgraph?.close();
    await stack.sandboxes?.close();
  });
  return stack;
}

/**
 * Live vendor settings pointing at `sandboxes`, as environment variables: what NODE_ENV=production needs
 * (it refuses sandboxed vendors), for a subgraph or a built process run production-like.
 */
export function liveVendorEnv(sandboxes: SandboxVendors, kognitivUrl = sandboxes.kognitiv!.settings.url): Record<string, string> {
  const k = sandboxes.kognitiv!.settings;
  const d = sandboxes.debitsuccess!.settings;
  return {
    KOGNITIV_URL: kognitivUrl,
    KOGNITIV_WSDL: k.wsdl,
    KOGNITIV_SECURITY_TOKEN: k.securityToken,
    KOGNITIV_LOYALTY_PROGRAM_ID: String(k.loyaltyProgramId),
    KOGNITIV_LOCATION: k.defaultLocation,
    DEBITSUCCESS_SOAP_URL: d.soapUrl,
    DEBITSUCCESS_USERNAME: d.username,
    DEBITSUCCESS_PASSWORD: d.password,
    DEBITSUCCESS_API_URL: d.apiUrl,
    DEBITSUCCESS_TOKEN_URL: d.tokenUrl,
    DEBITSUCCESS_CLIENT_ID: d.clientId,
    DEBITSUCCESS_CLIENT_SECRET: d.clientSecret,
  };
}

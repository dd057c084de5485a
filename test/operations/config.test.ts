import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretValues, SETTINGS } from '../../src/config.js';
import { settingLeaves, valueAt } from '../../src/config/setting.js';

const KOGNITIV = {
  KOGNITIV_URL: 'https://app.kognitivloyalty.com/',
  KOGNITIV_SECURITY_TOKEN: 't0k3n-kognitiv',
  KOGNITIV_LOYALTY_PROGRAM_ID: '42',
  KOGNITIV_LOCATION: 'WEB',
};
const DEBITSUCCESS = {
  DEBITSUCCESS_SOAP_URL: 'https://ws.example.test/Messages.svc',
  DEBITSUCCESS_USERNAME: 'club',
  DEBITSUCCESS_PASSWORD: 'ds-password',
  DEBITSUCCESS_API_URL: 'https://oc-sbox.debitsuccess.com/CustomerServices/v1.0',
  DEBITSUCCESS_TOKEN_URL: 'https://oc-sbox.debitsuccess.com/identity/connect/token',
  DEBITSUCCESS_CLIENT_ID: 'id',
  DEBITSUCCESS_CLIENT_SECRET: 'ds-client-secret',
};

describe('loadConfig', () => {
  it('traces only when an OTLP endpoint is set: the traces endpoint as is, else /v1/traces on the shared one', () => {
    expect(loadConfig({}).tracing).toEqual({
      tracesUrl: undefined,
      serviceName: 'member-subgraph',
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
      propagateToVendors: false,
    });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing.tracesUrl).toBe('http://collector:4318/v1/traces');
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://other:4318/traces' })
        .tracing.tracesUrl,
    ).toBe('http://other:4318/traces');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => loadConfig({ OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(/OTEL_TRACES_SAMPLER/);
    expect(() => loadConfig({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });

  it('runs both vendors as sandboxes with no configuration at all', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({ port: 4001, host: '127.0.0.1', kognitiv: undefined, debitsuccess: undefined });
    expect(config.kognitivPhoneTypes).toEqual({ HOME: 'HOME', MOBILE: 'MOBILE', WORK: 'WORK', EMERGENCY: 'EMERGENCY' });
  });

  it('reads live vendors with their defaults', () => {
    const config = loadConfig({ ...KOGNITIV, ...DEBITSUCCESS });

    expect(config.kognitiv).toEqual({
      url: 'https://app.kognitivloyalty.com',
      securityToken: 't0k3n-kognitiv',
      loyaltyProgramId: 42,
      defaultLocation: 'WEB',
      wsdl: 'remote',
      timeoutMs: 5000,
    });
    expect(config.debitsuccess).toMatchObject({
      requestInitiator: 'member-subgraph',
      soapAction: expect.stringContaining('UpdateClientPhoneNumber'),
      clientSecret: 'ds-client-secret',
    });
  });

  it('names every missing setting of a partly configured vendor', () => {
    expect(() => loadConfig({ KOGNITIV_URL: 'https://x.test' })).toThrow(
      new ConfigError('Kognitiv is partly configured: missing KOGNITIV_SECURITY_TOKEN, KOGNITIV_LOYALTY_PROGRAM_ID, KOGNITIV_LOCATION'),
    );
    expect(() => loadConfig({ DEBITSUCCESS_API_URL: 'https://x.test' })).toThrow(/DEBITSUCCESS_SOAP_URL, DEBITSUCCESS_USERNAME/);
    expect(() => loadConfig({ KOGNITIV_SECURITY_TOKEN: 'x' })).toThrow(/KOGNITIV_URL missing/);
  });

  it('reads a secret from <NAME>_FILE and refuses both forms at once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'token');
    writeFileSync(file, 'from-file\n');
    const { KOGNITIV_SECURITY_TOKEN: _, ...withoutToken } = KOGNITIV;

    expect(loadConfig({ ...withoutToken, KOGNITIV_SECURITY_TOKEN_FILE: file }).kognitiv?.securityToken).toBe('from-file');
    expect(() => loadConfig({ ...KOGNITIV, KOGNITIV_SECURITY_TOKEN_FILE: file })).toThrow(/not both/);
  });

  it('maps phone types and country codes from KEY=VALUE lists', () => {
    const config = loadConfig({ KOGNITIV_PHONE_TYPES: 'MOBILE=Cell, HOME=Home', DEBITSUCCESS_COUNTRY_CODES: '64=NZ,61=AU' });

    expect(config.kognitivPhoneTypes).toEqual({ HOME: 'Home', MOBILE: 'Cell', WORK: 'WORK', EMERGENCY: 'EMERGENCY' });
    expect(config.debitsuccessCountryCodes).toEqual({ '64': 'NZ', '61': 'AU' });
    expect(() => loadConfig({ KOGNITIV_PHONE_TYPES: 'FAX=Fax' })).toThrow(/unknown phone type FAX/);
  });

  it('refuses sandboxed vendors or a missing router secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...KOGNITIV, ROUTER_SECRET: 'router-secret' })).toThrow(
      'NODE_ENV=production needs DEBITSUCCESS_SOAP_URL and DEBITSUCCESS_API_URL',
    );
    expect(() => loadConfig({ NODE_ENV: 'production', ...KOGNITIV, ...DEBITSUCCESS })).toThrow('NODE_ENV=production needs ROUTER_SECRET');
    expect(loadConfig({ NODE_ENV: 'production', ...KOGNITIV, ...DEBITSUCCESS, ROUTER_SECRET: 'router-secret' })).toMatchObject({
      host: '0.0.0.0',
      authorization: { enabled: true },
    });
  });

  it.each([
    ['ROUTER_SECRET', '1'],
    ['ROUTER_SECRET', '   '],
    ['ROUTER_SECRET', 'r7chars'],
    ['KOGNITIV_SECURITY_TOKEN', 'tok-123'],
    ['DEBITSUCCESS_PASSWORD', ' \t '],
    ['DEBITSUCCESS_CLIENT_SECRET', 'cs'],
    ['ROUTER_SECRET', '12345678'],
    ['ROUTER_SECRET', 'true,false'],
  ])('refuses %s=%j in production: its censoring would rewrite log text, and it is short enough to guess', (name, value) => {
    const env = { NODE_ENV: 'production', ...KOGNITIV, ...DEBITSUCCESS, ROUTER_SECRET: 'router-secret', [name]: value };

    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${name}: `));
  });

  it('accepts production secrets of 8 characters or more', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...KOGNITIV, ...DEBITSUCCESS, ROUTER_SECRET: 'r8-chars' }).routerSecret).toBe('r8-chars');
  });

  it.each([
    ['ROUTER_SECRET', '1'],
    ['ROUTER_SECRET', '  '],
    ['ROUTER_SECRET', 'abc'],
    ['ROUTER_SECRET', '2024-10'],
    ['ROUTER_SECRET', 'null'],
    ['REDIS_URL', 'redis://:42@cache.example.test:6379'],
  ])('refuses %s=%j outside production too: censoring it would rewrite ordinary log text or break the JSON', (name, value) => {
    expect(() => loadConfig({ NODE_ENV: 'test', [name]: value })).toThrow(new RegExp(`^${name}: `));
  });

  it('accepts short secrets outside production that cannot damage a log line', () => {
    expect(loadConfig({ NODE_ENV: 'test', ROUTER_SECRET: 's3cr' }).routerSecret).toBe('s3cr');
    expect(loadConfig({ ROUTER_SECRET: 'sandbox-secret' }).routerSecret).toBe('sandbox-secret');
  });

  it('turns introspection off in production unless INTROSPECTION=on, and refuses other values', () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', ...KOGNITIV, ...DEBITSUCCESS, ROUTER_SECRET: 'router-secret' }).introspection).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', ...KOGNITIV, ...DEBITSUCCESS, ROUTER_SECRET: 'router-secret', INTROSPECTION: 'on' })
        .introspection,
    ).toBe(true);
    expect(() => loadConfig({ INTROSPECTION: 'true' })).toThrow(
      new ConfigError('INTROSPECTION: Invalid option: expected one of "on"|"off" (got "true")'),
    );
  });

  it.each(['Production', 'PRODUCTION', 'prod', ' production', ''])(
    'refuses NODE_ENV=%j, naming the values it knows, rather than skip the production checks',
    (nodeEnv) => {
      expect(() => loadConfig({ NODE_ENV: nodeEnv })).toThrow(
        new ConfigError(`NODE_ENV: Invalid option: expected one of "development"|"production"|"test" (got "${nodeEnv}")`),
      );
    },
  );

  it('accepts each known NODE_ENV, development when unset', () => {
    expect(loadConfig({}).nodeEnv).toBe('development');
    expect(loadConfig({ NODE_ENV: 'test' }).nodeEnv).toBe('test');
    expect(loadConfig({ NODE_ENV: 'development' }).nodeEnv).toBe('development');
  });

  it('takes the caller address one proxy from the right by default, and refuses the removed CLIENT_ADDRESS_HEADER', () => {
    expect(loadConfig({}).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY_HOPS: '0' }).trustProxyHops).toBe(0);
    expect(() => loadConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => loadConfig({ CLIENT_ADDRESS_HEADER: 'x-real-ip' })).toThrow(/CLIENT_ADDRESS_HEADER is no longer read.*TRUST_PROXY_HOPS/);
  });

  it('reads the load settings, with defaults sized for one router batch and a bounded heap', () => {
    expect(loadConfig({})).toMatchObject({
      vendorConcurrency: 20,
      heapGrowthPercent: 50,
      limits: { maxSocketsPerVendor: 64, admission: { maxConcurrent: 64, maxQueued: 1000, maxWaitMs: 5000 } },
    });
    expect(
      loadConfig({ MAX_CONCURRENT_OPERATIONS: '4', MAX_QUEUED_OPERATIONS: '0', MAX_QUEUE_WAIT_MS: '250', HEAP_GROWTH_PERCENT: '0' }),
    ).toMatchObject({
      heapGrowthPercent: 0,
      limits: { admission: { maxConcurrent: 4, maxQueued: 0, maxWaitMs: 250 } },
    });
    expect(() => loadConfig({ MAX_CONCURRENT_OPERATIONS: '0' })).toThrow(/MAX_CONCURRENT_OPERATIONS/);
  });

  it('reads the body read timeout and the introspection bound', () => {
    expect(loadConfig({}).limits).toMatchObject({ bodyReadTimeoutMs: 5000, maxIntrospectionFields: 3 });
    expect(loadConfig({ BODY_READ_TIMEOUT_MS: '300', MAX_INTROSPECTION_FIELDS: '0' }).limits).toMatchObject({
      bodyReadTimeoutMs: 300,
      maxIntrospectionFields: 0,
    });
    expect(() => loadConfig({ BODY_READ_TIMEOUT_MS: '0' })).toThrow(/BODY_READ_TIMEOUT_MS/);
  });

  it('refuses malformed values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ...KOGNITIV, KOGNITIV_WSDL: 'local' })).toThrow(/KOGNITIV_WSDL/);
    expect(() => loadConfig({ ...KOGNITIV, KOGNITIV_URL: 'ftp://x' })).toThrow(/KOGNITIV_URL/);
  });

  it('reads REDIS_URL or REDIS_URL_FILE (TLS with rediss://), refuses another scheme without quoting it, and censors its password', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'redis');
    writeFileSync(file, 'rediss://:s3cr%40t@cache.example.test:6380/0\n');

    const config = loadConfig({ REDIS_URL_FILE: file });

    expect(config.state).toEqual({ redisUrl: 'rediss://:s3cr%40t@cache.example.test:6380/0', timeoutMs: 500, memoryMaxKeys: 100_000 });
    expect(loadConfig({}).state.redisUrl).toBeUndefined();
    expect(() => loadConfig({ REDIS_URL: 'http://:hunter2@cache' })).toThrow(
      /^REDIS_URL: expected a redis:\/\/ or rediss:\/\/ \(TLS\) URL$/,
    );
    expect(secretValues(config)).toEqual(expect.arrayContaining(['rediss://:s3cr%40t@cache.example.test:6380/0', 's3cr@t']));
  });
});

describe('the declared secrets', () => {
  const secrets = settingLeaves(SETTINGS).filter(({ meta }) => meta.secret !== undefined);
  /** A value each secret may hold, and the secret inside it (a URL's password). */
  const sample = (name: string) =>
    name === 'REDIS_URL' ? ['redis://:pa55-word@cache.example.test:6379', 'pa55-word'] : ['f1le-secret', 'f1le-secret'];

  it('are the settings the README marks secret', () => {
    expect(secrets.map(({ meta }) => meta.env)).toEqual([
      'KOGNITIV_SECURITY_TOKEN',
      'DEBITSUCCESS_PASSWORD',
      'DEBITSUCCESS_CLIENT_SECRET',
      'ROUTER_SECRET',
      'REDIS_URL',
    ]);
  });

  it.each(secrets.map((leaf) => [leaf.meta.env, leaf] as const))('%s: read from its _FILE, checked at start-up, censored', (name, leaf) => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'secret');
    const env = { ...KOGNITIV, ...DEBITSUCCESS, [name]: undefined, [`${name}_FILE`]: file };
    const [value, secret] = sample(name);
    writeFileSync(file, `${value}\n`);

    const config = loadConfig(env);

    expect(valueAt(config, leaf.path)).toBe(value);
    expect(secretValues(config)).toContain(secret);
    writeFileSync(file, name === 'REDIS_URL' ? 'redis://:ab@cache.example.test:6379' : 'ab');
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${name}: shorter than 4 characters`));
  });
});

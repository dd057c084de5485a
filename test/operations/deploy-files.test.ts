import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Deployment } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service } from 'kubernetes-models/v1';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { startRedisServer, type RedisServer } from '../../bench/redis-server.js';
import { freePort } from '../../bench/processes.js';
import { envExample, SECRETS_DIR } from '../../scripts/env-example.js';
import { GRAPHQL_PATH, shutdownGraceMs } from '../../src/app.js';
import { loadConfig, settingDefault, SETTINGS } from '../../src/config.js';
import { settingLeaves } from '../../src/config/setting.js';
import { ROUTER_SECRET_HEADER } from '../../src/http/require-router-secret.js';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startBuiltSubgraph, type BuiltSubgraph } from '../support/built-subgraph.js';
import { liveVendorEnv, startSandboxes } from '../support/test-stack.js';

/**
 * deploy/ held to the code: the manifests are valid Kubernetes objects that point at each other, name only settings the
 * subgraph reads, bring every secret as a file, probe what the app answers and give it the time it takes to stop; the
 * router configurations send the headers the subgraph reads; the example env file starts the built process.
 */
const DEPLOY = new URL('../../deploy/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, DEPLOY), 'utf8');
const declared = settingLeaves(SETTINGS);
const variables = new Set(declared.flatMap(({ meta }) => [meta.env, ...(meta.fallback ? [meta.fallback.env] : [])]));
const secrets = declared.filter(({ meta }) => meta.secret !== undefined).map(({ meta }) => meta.env);

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; spec: any };
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
  'monitoring.coreos.com/v1 ServiceMonitor': ServiceMonitor,
};

const kustomization = parse(read('kustomization.yaml')) as {
  resources: string[];
  configMapGenerator: { name: string; envs: string[] }[];
};
const manifests: Manifest[] = kustomization.resources.flatMap((file) => parseAllDocuments(read(file)).map((doc) => doc.toJS() as Manifest));
const one = (kind: string) => {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};
const deployment = () => one('Deployment');
const container = () => deployment().spec.template.spec.containers[0];
const portNamed = (name: string): number => container().ports.find((p: { name: string }) => p.name === name).containerPort;

/** The example env file: `NAME=value` lines set, `# NAME=value` lines shown with their default. */
const envFile = read('member-subgraph.env.example');
const assignments = [...envFile.matchAll(/^(# )?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => ({ set: !m[1], name: m[2]!, value: m[3]! }));
const setInEnvFile = Object.fromEntries(assignments.filter((a) => a.set).map((a) => [a.name, a.value]));

describe('deploy/ Kubernetes manifests', () => {
  it('are each a valid object of its API (the Kubernetes and prometheus-operator schemas, offline)', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(
      ['Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceMonitor'].sort(),
    );
    for (const manifest of manifests) {
      const Model = MODELS[`${manifest.apiVersion} ${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      expect(() => new Model!(manifest).validate(), manifest.kind).not.toThrow();
    }
  });

  it('point at each other: selectors match the pods, the autoscaler and budget the Deployment, the monitor the Service', () => {
    const podLabels = deployment().spec.template.metadata.labels as Record<string, string>;
    const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
      Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);
    expect(matches(deployment().spec.selector.matchLabels, podLabels)).toBe(true);
    expect(matches(one('Service').spec.selector, podLabels)).toBe(true);
    expect(matches(one('PodDisruptionBudget').spec.selector.matchLabels, podLabels)).toBe(true);
    expect(matches(one('NetworkPolicy').spec.podSelector.matchLabels, podLabels)).toBe(true);
    expect(one('HorizontalPodAutoscaler').spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment().metadata.name });
    const service = one('Service');
    expect(matches(one('ServiceMonitor').spec.selector.matchLabels, service.metadata.labels!)).toBe(true);
    const servicePorts = service.spec.ports as { name: string; port: number; targetPort: string }[];
    for (const endpoint of one('ServiceMonitor').spec.endpoints as { port: string; path: string }[]) {
      expect(servicePorts.map((p) => p.name)).toContain(endpoint.port);
      expect(endpoint.path).toBe('/metrics');
    }
    for (const port of servicePorts) expect(container().ports.map((p: { name: string }) => p.name)).toContain(port.targetPort);
  });

  it('roll one replica at a time, keep one through a disruption, and run two at least', () => {
    expect(deployment().spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
    expect(one('HorizontalPodAutoscaler').spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(one('PodDisruptionBudget').spec.minAvailable).toBe(1);
  });

  it('run the container unprivileged: non-root, read-only root, no escalation, no capabilities, RuntimeDefault seccomp', () => {
    const pod = deployment().spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container().securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container().resources.limits.memory).toBe('320Mi');
  });

  it('give a stopping replica more time than the drain and the closing take (preStop included)', () => {
    const env = { ...settingsSetInEnvFile(), ...secretValuesAsText() };
    const grace = shutdownGraceMs(loadConfig(env).limits);
    const preStop = container().lifecycle.preStop.exec.command as string[];
    expect(preStop.slice(0, -1)).toEqual(['sleep']);
    const preStopMs = Number(preStop.at(-1)) * 1000;
    expect(deployment().spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThanOrEqual(preStopMs + grace + 5_000);
  });

  it('admit the GraphQL port only from the router pods, and the metrics port only from the monitoring namespace', () => {
    const rules = one('NetworkPolicy').spec.ingress as { from: any[]; ports: { port: string }[] }[];
    const http = rules.filter((rule) => rule.ports.some((p) => p.port === 'http'));
    expect(http).toHaveLength(1);
    expect(http[0]!.ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
    expect(http[0]!.from.every((peer) => Object.keys(peer).join() === 'podSelector' && peer.podSelector.matchLabels)).toBe(true);
    const metrics = rules.filter((rule) => rule.ports.some((p) => p.port === 'metrics'));
    expect(metrics).toHaveLength(1);
    expect(metrics[0]!.from.every((peer) => peer.namespaceSelector?.matchLabels)).toBe(true);
    expect(one('NetworkPolicy').spec.policyTypes).toEqual(['Ingress']);
  });
});

/** Issue 21's metrics port (its own brief): the manifests assume `METRICS_PORT`, 9464 by default, serving `/metrics`. */
const metricsPort = declared.find(({ meta }) => meta.env === 'METRICS_PORT');

describe('deploy/ metrics port', () => {
  it.runIf(metricsPort)('is the port METRICS_PORT serves by default', () => {
    expect(portNamed('metrics')).toBe(Number(assignments.find((a) => a.name === 'METRICS_PORT')!.value));
  });
});

describe('deploy/member-subgraph.env.example', () => {
  it('is what `npm run docs:env` writes from the declared settings', () => {
    expect(envFile).toBe(envExample());
  });

  it('names every setting the subgraph reads and nothing else, each secret only as a file', () => {
    const named = new Set(assignments.map((a) => a.name.replace(/_FILE$/, '')));
    expect([...named].filter((name) => !variables.has(name))).toEqual([]);
    expect([...variables].filter((name) => !named.has(name))).toEqual([]);
    for (const secret of secrets) {
      expect(
        assignments.filter((a) => a.name === secret),
        secret,
      ).toEqual([]);
      expect(setInEnvFile[`${secret}_FILE`], secret).toMatch(new RegExp(`^${SECRETS_DIR}/`));
    }
  });

  it('is the ConfigMap the Deployment reads, and the Deployment mounts the secret files it names and sets no variable itself', () => {
    expect(kustomization.configMapGenerator).toEqual([{ name: 'member-subgraph-settings', envs: ['member-subgraph.env'] }]);
    expect(container().envFrom).toEqual([{ configMapRef: { name: 'member-subgraph-settings' } }]);
    expect(container().env).toBeUndefined();
    const mount = container().volumeMounts.find((m: { mountPath: string }) => m.mountPath === SECRETS_DIR);
    expect(mount.readOnly).toBe(true);
    const volume = deployment().spec.template.spec.volumes.find((v: { name: string }) => v.name === mount.name);
    const files = (volume.secret.items as { key: string; path: string }[]).map((item) => `${SECRETS_DIR}/${item.path}`);
    expect(files.sort()).toEqual(secrets.map((secret) => setInEnvFile[`${secret}_FILE`]).sort());
  });
});

describe('deploy/ router configurations', () => {
  const rhai = read('apollo-router/identity-headers.rhai');
  const router = parse(read('apollo-router/router.yaml')) as any;
  const hive = read('hive-gateway/gateway.config.ts');
  const memberIdHeader = settingDefault('MEMBER_ID_HEADER');
  const staffScopesHeader = settingDefault('STAFF_SCOPES_HEADER');

  it('Apollo Router: routes to the Service, sends the router secret and the caller address, waits past the deadline', () => {
    const supergraph = parse(read('apollo-router/supergraph.yaml')) as any;
    const service = one('Service');
    const httpPort = service.spec.ports.find((p: { name: string }) => p.name === 'http').port;
    expect(supergraph.subgraphs.members.routing_url).toBe(`http://${service.metadata.name}:${httpPort}${GRAPHQL_PATH}`);
    const rules = router.headers.subgraphs.members.request as Record<string, any>[];
    expect(rules).toContainEqual({ insert: { name: ROUTER_SECRET_HEADER, value: '${env.MEMBER_SUBGRAPH_SECRET}' } });
    expect(rules).toContainEqual({ propagate: { named: 'x-forwarded-for' } });
    expect(JSON.stringify(rules)).not.toMatch(new RegExp(`${memberIdHeader}|${staffScopesHeader}`));
    expect(parseSeconds(router.traffic_shaping.subgraphs.members.timeout) * 1000).toBeGreaterThan(settingDefault('REQUEST_DEADLINE_MS'));
    expect(router.rhai).toEqual({ scripts: './', main: 'identity-headers.rhai' });
    expect(router.authorization.directives.enabled).toBe(true);
  });

  it('Apollo Router: the Rhai script drops client-sent identity headers and sets them from the JWT claims', () => {
    for (const header of [memberIdHeader, staffScopesHeader]) {
      expect(rhai).toContain(`headers.remove("${header}")`);
      expect(rhai).toMatch(new RegExp(`headers\\["${header}"\\] = `));
    }
    expect(rhai).toContain('apollo::authentication::jwt_claims');
  });

  it('Hive Gateway: the Rust planner, JWT claims to the same headers, the router secret and the caller address', () => {
    expect(hive).toContain("import { unifiedGraphHandler } from '@graphql-hive/router-runtime'");
    expect(hive).toMatch(/^\s+unifiedGraphHandler,$/m);
    for (const header of [ROUTER_SECRET_HEADER, 'x-forwarded-for', memberIdHeader, staffScopesHeader])
      expect(hive).toContain(`'${header}':`);
  });
});

describe('deploy/member-subgraph.env.example started as the built process', () => {
  let sandboxes: SandboxVendors;
  let redis: RedisServer;
  let subgraph: BuiltSubgraph;
  let metricsPort: number;
  const secretsDir = mkdtempSync(join(tmpdir(), 'deploy-secrets-'));

  beforeAll(async () => {
    sandboxes = await startSandboxes();
    redis = await startRedisServer();
    const live = liveVendorEnv(sandboxes);
    const values: Record<string, string> = { ...live, REDIS_URL: redis.url, ROUTER_SECRET: 'deploy-files-router-secret' };
    // Free ports for this machine: the file's own (4001, 9464) may be taken by another test or process.
    metricsPort = await freePort();
    const env: Record<string, string> = { ...setInEnvFile, PORT: '0', METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' };
    // The site's values: the sandboxes' URLs and credentials; each secret in the file the env file names, under a temp dir.
    for (const [name, value] of Object.entries(live)) if (!secrets.includes(name)) env[name] = value;
    for (const secret of secrets) {
      const file = join(secretsDir, basename(setInEnvFile[`${secret}_FILE`]!));
      expect(dirname(setInEnvFile[`${secret}_FILE`]!)).toBe(SECRETS_DIR);
      writeFileSync(file, values[secret]!);
      env[`${secret}_FILE`] = file;
    }
    subgraph = await startBuiltSubgraph(env);
  }, 60_000);

  afterAll(async () => {
    await subgraph?.stop();
    await redis?.stop();
    await sandboxes?.close();
    rmSync(secretsDir, { recursive: true, force: true });
  });

  it('starts in production, and answers the probes the Deployment makes on the paths and the port it makes them', async () => {
    const origin = `http://127.0.0.1:${metricsPort}`;
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      const { path, port } = container()[probe].httpGet as { path: string; port: string };
      expect(port).toBe('metrics');
      expect(await eventuallyOk(`${origin}${path}`), probe).toBe(200);
      expect((await fetch(new URL(path, subgraph.url))).status, `${path} on the GraphQL port`).toBe(404);
    }
    const ready = (await (await fetch(`${origin}/ready`)).json()) as { state: { store: string; available: boolean } };
    expect(ready.state).toEqual({ store: 'redis', available: true });
  });

  it('serves GraphQL on the port the Service routes to, behind the router secret', async () => {
    expect(portNamed('http')).toBe(Number(assignments.find((a) => a.name === 'PORT')!.value));
    const url = new URL(GRAPHQL_PATH, subgraph.url);
    const ask = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ __typename }"}' });
    expect((await ask({})).status).toBe(401);
    expect((await ask({ [ROUTER_SECRET_HEADER]: 'deploy-files-router-secret' })).status).toBe(200);
  });
});

/** A secret's value long enough for the production checks, for the settings that only need parsing. */
function secretValuesAsText(): Record<string, string> {
  return Object.fromEntries(secrets.map((secret) => [secret, secret === 'REDIS_URL' ? 'redis://:password@redis:6379/0' : 'a-long-secret']));
}

/** The env file's values but its secret files (the URLs need not answer to be read). */
function settingsSetInEnvFile(): Record<string, string> {
  return Object.fromEntries(Object.entries(setInEnvFile).filter(([name]) => !name.endsWith('_FILE')));
}

function parseSeconds(duration: string): number {
  const [, amount, unit] = /^(\d+)(s|ms)$/.exec(duration) ?? [];
  return unit === 'ms' ? Number(amount) / 1000 : Number(amount);
}

/** The status of `url` once it is 200, or the last one after 15 s (a replica is unready until its WSDLs are read). */
async function eventuallyOk(url: string): Promise<number> {
  const until = Date.now() + 15_000;
  for (;;) {
    const status = (await fetch(url)).status;
    if (status === 200 || Date.now() > until) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

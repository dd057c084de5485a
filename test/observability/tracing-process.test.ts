import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitUntilReady } from '../../bench/processes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { CLIENT, SERVER, startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { liveVendorEnv, startSandboxes } from '../support/test-stack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = `${ROOT}dist/src/main.js`;

let sandboxes: SandboxVendors;
let receiver: OtlpReceiver;
let child: ChildProcess | undefined;

beforeAll(async () => {
  // The process under test is the built one, as production runs it.
  if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  sandboxes = await startSandboxes();
  receiver = await startOtlpReceiver();
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sandboxes?.close();
  await receiver?.close();
});

/** The built process in live mode against the sandboxes, tracing to the receiver, once it has logged that it is ready. */
async function startTracedProcess(): Promise<{ url: string; started: ChildProcess; exited: Promise<number | null> }> {
  const env = {
    ...process.env,
    ...liveVendorEnv(sandboxes),
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    PORT: '0',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  };
  const started = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  child = started;
  const exited = new Promise<number | null>((resolve) => started.once('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: started.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as { url?: string; msg?: string };
      if (parsed.url && parsed.msg?.includes('ready at')) resolve(parsed.url);
    });
  });
  return { url, started, exited };
}

describe('the built process with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  it('continues the caller trace and exports its spans, the last of them on SIGTERM', async () => {
    const { url, started, exited } = await startTracedProcess();
    const traceId = randomBytes(16).toString('hex');
    const parentId = randomBytes(8).toString('hex');

    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${parentId}-01` },
      body: JSON.stringify({ query: 'query Profile { member(id: "M1001") { loyalty { firstName } } }' }),
    });
    expect(answer.status).toBe(200);
    // The batch exporter has not sent these yet (it waits seconds): the shutdown on SIGTERM does.
    started.kill('SIGTERM');

    expect(await exited).toBe(0);
    const trace = receiver.spans.filter((span) => span.traceId === traceId);
    expect(trace.find((span) => span.kind === SERVER)).toMatchObject({ name: 'query member', parentSpanId: parentId });
    expect(trace.some((span) => span.attributes['vendor.name'] === 'KOGNITIV')).toBe(true);
  });

  it('traces the start-up WSDL fetches under one start-up span, none of them a trace of its own', async () => {
    const exported = receiver.spans.length;
    const { url, started, exited } = await startTracedProcess();
    // The WSDLs have been fetched once /ready says so.
    await waitUntilReady(url);

    started.kill('SIGTERM');

    expect(await exited).toBe(0);
    const spans = receiver.spans.slice(exported);
    const wsdlFetches = spans.filter((span) => span.kind === CLIENT && span.name === 'GET');
    const startUp = spans.filter((span) => span.name === 'vendor clients start-up');
    // Six Kognitiv services and Debitsuccess's one.
    expect(wsdlFetches.length).toBeGreaterThanOrEqual(6);
    expect(startUp).toHaveLength(1);
    expect(startUp[0]!.parentSpanId ?? '').toBe('');
    expect(wsdlFetches.filter((span) => span.parentSpanId !== startUp[0]!.spanId)).toEqual([]);
  });
});

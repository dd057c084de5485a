import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, startBuiltProcess, useBuiltProcessStack, type BuiltProcess } from '../support/built-subgraph.js';
import { closedPortUrl } from '../support/fake-vendor.js';
import { liveVendorEnv } from '../support/test-stack.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Short bounds, so that the drain grace (src/app.ts drainGraceMs) is 4 s here rather than production's 16 s.
const BOUNDS = { REQUEST_DEADLINE_MS: '3000', MAX_QUEUE_WAIT_MS: '500', BODY_READ_TIMEOUT_MS: '500' };
/**
 * Exit code 0 shows the process finished before its own bound (which exits 1); this wait only keeps a
 * process that never exits (the defect) from hanging the test.
 */
const NEVER_EXITS_AFTER_MS = 15_000;
const MEMBER_QUERY = JSON.stringify({ query: '{ member(id: "M1001") { loyalty { firstName } } }' });

const stack = useBuiltProcessStack();

const MODES: Record<string, () => Promise<Record<string, string>>> = {
  'sandbox mode (no vendor settings)': async () => ({ NODE_ENV: 'development' }),
  'live mode': async () => ({ NODE_ENV: 'development', ...liveVendorEnv(stack.sandboxes) }),
  // Production, as the issue met it: the WSDL is retried in the background for as long as it is unreachable.
  'production with an unreachable Kognitiv WSDL': async () => ({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    ROUTER_SECRET: 'shutdown-test-secret',
    ...liveVendorEnv(stack.sandboxes, await closedPortUrl()),
  }),
};

/** A process started in a group of its own, once it said where it listens. */
interface StartedProcess extends BuiltProcess {
  url: string;
  headers: Record<string, string>;
}

/** `node dist/src/main.js` (or `node <args>`) in a process group of its own, as a container runtime or a terminal starts it. */
async function startInOwnGroup(env: Record<string, string>, args?: string[]): Promise<StartedProcess> {
  const started = startBuiltProcess({ args, env: { ...BOUNDS, ...env }, ownProcessGroup: true });
  const url = await started.listening();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(env.ROUTER_SECRET && { 'router-authorization': env.ROUTER_SECRET }),
  };
  return Object.assign(started, { url, headers });
}

/** How the process ended, or 'still running' once NEVER_EXITS_AFTER_MS has passed. */
function outcome(subgraph: StartedProcess): Promise<number | NodeJS.Signals | 'still running'> {
  const giveUp = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), NEVER_EXITS_AFTER_MS).unref());
  return Promise.race([subgraph.exited, giveUp]);
}

/** Live mode: the vendor clients (and their WSDLs) are created in the background after the process listens. */
async function vendorsReady(subgraph: StartedProcess): Promise<void> {
  while ((await fetch(new URL('/ready', subgraph.url)).then((r) => r.status)) !== 200) await sleep(100);
}

/** Sends a request and returns once the Kognitiv sandbox is working on it, answering `latencyMs` after it arrived there. */
async function requestInFlight(subgraph: StartedProcess, latencyMs: number): Promise<{ response: Promise<Response> }> {
  const kognitiv = stack.sandboxes.kognitiv!.sandbox;
  kognitiv.resetCallCounts();
  kognitiv.setLatency(latencyMs);
  const response = fetch(subgraph.url, { method: 'POST', headers: subgraph.headers, body: MEMBER_QUERY });
  while (kognitiv.spans().length === 0) await sleep(10);
  return { response };
}

/** Whether any process of the group is left: `kill(-pgid, 0)` probes the whole group. */
function processGroupAlive(subgraph: StartedProcess): boolean {
  try {
    process.kill(-subgraph.child.pid!, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe.each(Object.entries(MODES))('%s', (_mode, modeEnv) => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s ends the process with 0 and leaves nothing of its process group',
    async (name) => {
      const subgraph = await startInOwnGroup(await modeEnv());
      // Vendor sockets in use (or a WSDL retry pending), as in a process that has been serving.
      await fetch(subgraph.url, { method: 'POST', headers: subgraph.headers, body: MEMBER_QUERY });

      subgraph.child.kill(name);

      expect(await outcome(subgraph)).toBe(0);
      expect(processGroupAlive(subgraph)).toBe(false);
      expect(subgraph.lines).toContainEqual(expect.objectContaining({ msg: 'shutting down', signal: name }));
    },
    30_000,
  );
});

describe('a request in flight at SIGTERM (live mode)', () => {
  afterEach(() => stack.sandboxes.kognitiv!.sandbox.setLatency(0));

  it('is answered in full, new connections are refused, and the process exits 0', async () => {
    const subgraph = await startInOwnGroup({ NODE_ENV: 'development', ...liveVendorEnv(stack.sandboxes) });
    await vendorsReady(subgraph);
    // Well inside REQUEST_DEADLINE_MS, so the answer is a full one.
    const inFlight = (await requestInFlight(subgraph, 1_000)).response;

    subgraph.child.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { member: { loyalty: { firstName: 'Aroha' } } } });
    expect(await outcome(subgraph)).toBe(0);
    expect(processGroupAlive(subgraph)).toBe(false);
    await expect(fetch(subgraph.url, { method: 'POST', headers: subgraph.headers, body: '{"query":"{ __typename }"}' })).rejects.toThrow();
  }, 30_000);

  // Apollo's default drain grace (10 s) was shorter than the default deadline (15 s): such a request lost its socket.
  it('is answered with a GraphQL error when its deadline passes first, however long the deadline', async () => {
    const subgraph = await startInOwnGroup({
      NODE_ENV: 'development',
      ...liveVendorEnv(stack.sandboxes),
      REQUEST_DEADLINE_MS: '11000',
      KOGNITIV_TIMEOUT_MS: '20000',
    });
    await vendorsReady(subgraph);
    const inFlight = (await requestInFlight(subgraph, 12_000)).response;

    subgraph.child.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      data: { member: { loyalty: null } },
      errors: [{ path: ['member', 'loyalty'], extensions: { code: 'VENDOR_UNAVAILABLE', reason: 'TIMEOUT', retryable: true } }],
    });
    expect(await outcome(subgraph)).toBe(0);
    expect(processGroupAlive(subgraph)).toBe(false);
  }, 40_000);

  it('is given up at a second signal: the process exits 1 at once and logs why', async () => {
    const subgraph = await startInOwnGroup({ NODE_ENV: 'development', ...liveVendorEnv(stack.sandboxes) });
    await vendorsReady(subgraph);
    const inFlight = (await requestInFlight(subgraph, 2_500)).response.then(
      () => 'answered',
      () => 'cut',
    );

    subgraph.child.kill('SIGTERM');
    while (!subgraph.lines.some((line) => line.msg === 'shutting down')) await sleep(10);
    // Past close-on-signals.ts's window for the echo of a terminal's Ctrl-C: this is someone asking again.
    await sleep(600);
    subgraph.child.kill('SIGTERM');

    expect(await outcome(subgraph)).toBe(1);
    expect(processGroupAlive(subgraph)).toBe(false);
    expect(subgraph.lines).toContainEqual(
      expect.objectContaining({ level: 50, msg: 'second signal while shutting down: exiting without finishing', signal: 'SIGTERM' }),
    );
    expect(subgraph.lines.at(-1)).toMatchObject({ msg: 'stopped', reason: 'second signal', exitCode: 1 });
    expect(await inFlight).toBe('cut');
  }, 30_000);
});

describe('when shutting down itself fails or hangs', () => {
  /** A process whose only work is `close` (source of an async function), run by the built closeOnSignals and logger. */
  function processClosingWith(close: string): Promise<StartedProcess> {
    const script = `
      import { closeOnSignals } from '${ROOT}dist/src/close-on-signals.js';
      import { createLogger } from '${ROOT}dist/src/observability/logger.js';
      const logger = createLogger({ level: 'info', pretty: false, secrets: [] });
      closeOnSignals({ graceMs: 500, logger }, ${close});
      // Something still to do, as a server's listening socket is.
      setInterval(() => undefined, 60_000);
      logger.info({ url: 'http://127.0.0.1:1/' }, 'listening at');`;
    return startInOwnGroup({}, ['--input-type=module', '-e', script]);
  }

  it('exits 1 when the grace runs out, and logs it', async () => {
    const hung = await processClosingWith('() => new Promise(() => undefined)');

    hung.child.kill('SIGTERM');

    expect(await outcome(hung)).toBe(1);
    expect(processGroupAlive(hung)).toBe(false);
    expect(hung.lines).toContainEqual(
      expect.objectContaining({ level: 50, msg: 'shutdown grace ran out: exiting without finishing', graceMs: 500 }),
    );
    expect(hung.lines.at(-1)).toMatchObject({ msg: 'stopped', reason: 'grace exceeded', exitCode: 1, durationMs: expect.any(Number) });
  });

  it('exits 1 when closing throws, and logs the error', async () => {
    const failing = await processClosingWith("async () => { throw new Error('vendor sockets would not close'); }");

    failing.child.kill('SIGINT');

    expect(await outcome(failing)).toBe(1);
    expect(failing.lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'shutdown failed',
        err: expect.objectContaining({ message: 'vendor sockets would not close' }),
      }),
    );
    expect(failing.lines.at(-1)).toMatchObject({ msg: 'stopped', reason: 'error', exitCode: 1, durationMs: expect.any(Number) });
  });
});

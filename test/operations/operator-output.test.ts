import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startSandboxVendors, type SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { closedPortUrl } from '../support/fake-vendor.js';
import { liveVendorEnv } from '../support/test-stack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = `${ROOT}dist/src/main.js`;
const ROUTER_SECRET = 'operator-output-secret';
/** Start-up on loopback takes about a second; this only stops a wait for a line that never comes from hanging the test. */
const LOG_WAIT_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sandboxes: SandboxVendors;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // The process under test is the built one, as production runs it.
  if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  sandboxes = await startSandboxVendors({ kognitiv: true, debitsuccess: true });
}, 120_000);

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  await sandboxes?.close();
});

interface LogLine {
  msg: string;
  url?: string;
  [field: string]: unknown;
}

/** `node dist/src/main.js` with `env` over the parent's environment (its vendor and router settings dropped), its log lines kept. */
function runBuilt(env: Record<string, string>) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(KOGNITIV_|DEBITSUCCESS_|ROUTER_SECRET|AUTHORIZATION|INTROSPECTION)/.test(name)),
  );
  const child = spawn(process.execPath, [MAIN], {
    env: { ...inherited, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines: LogLine[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(JSON.parse(line) as LogLine));
  // 'close', not 'exit': by then every line it wrote has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const logged = async (pattern: RegExp): Promise<LogLine> => {
    for (const giveUpAt = Date.now() + LOG_WAIT_MS; Date.now() < giveUpAt;) {
      const line = lines.find((l) => pattern.test(l.msg));
      if (line) return line;
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} without logging ${pattern}`);
      await sleep(20);
    }
    throw new Error(`logged nothing matching ${pattern} in ${LOG_WAIT_MS} ms`);
  };
  return { child, lines, exited, logged };
}

it('says "listening" when the port opens, then "ready" with the Sandbox hint, and last "stopped" with the reason', async () => {
  const run = runBuilt({ NODE_ENV: 'development', ...liveVendorEnv(sandboxes) });

  const listening = await run.logged(/listening/);
  const ready = await run.logged(/ready at/);
  const readyStatus = (await fetch(new URL('/ready', ready.url))).status;
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);

  expect(listening.msg).toBe(`member-subgraph listening at ${listening.url}`);
  expect(run.lines.indexOf(listening)).toBeLessThan(run.lines.indexOf(ready));
  expect(ready.msg).toBe(`member-subgraph ready at ${listening.url} (open it in a browser for Apollo Sandbox)`);
  expect(readyStatus).toBe(200);
  expect(run.lines.at(-1), JSON.stringify(run.lines.slice(-2))).toMatchObject({
    msg: 'stopped',
    reason: 'signal',
    signal: 'SIGTERM',
    exitCode: 0,
    durationMs: expect.any(Number),
  });
}, 60_000);

it('in production, says "ready" without the Sandbox hint (the page is off)', async () => {
  const run = runBuilt({ NODE_ENV: 'production', HOST: '127.0.0.1', ROUTER_SECRET, ...liveVendorEnv(sandboxes) });

  const ready = await run.logged(/ready at/);

  expect(ready.msg).toBe(`member-subgraph ready at ${ready.url}`);
}, 60_000);

it('with an unreachable WSDL, says "listening" but not "ready" while /ready answers 503', async () => {
  const run = runBuilt({ NODE_ENV: 'production', HOST: '127.0.0.1', ROUTER_SECRET, ...liveVendorEnv(sandboxes, await closedPortUrl()) });

  const listening = await run.logged(/listening/);
  await run.logged(/vendor clients not ready/);
  const readyStatus = (await fetch(new URL('/ready', listening.url))).status;
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);

  expect(readyStatus).toBe(503);
  expect(run.lines.filter((line) => /ready at/.test(line.msg))).toEqual([]);
  expect(run.lines.at(-1)).toMatchObject({ msg: 'stopped', reason: 'signal', exitCode: 0 });
}, 60_000);

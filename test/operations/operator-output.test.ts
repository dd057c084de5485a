import { expect, it } from 'vitest';
import { startBuiltProcess, useBuiltProcessStack } from '../support/built-subgraph.js';
import { closedPortUrl } from '../support/fake-vendor.js';
import { liveVendorEnv } from '../support/test-stack.js';

const ROUTER_SECRET = 'operator-output-secret';

const stack = useBuiltProcessStack();

it('says "listening" when the port opens, then "ready" with the Sandbox hint, and last "stopped" with the reason', async () => {
  const run = startBuiltProcess({ env: { NODE_ENV: 'development', ...liveVendorEnv(stack.sandboxes) } });

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
  const run = startBuiltProcess({ env: { NODE_ENV: 'production', HOST: '127.0.0.1', ROUTER_SECRET, ...liveVendorEnv(stack.sandboxes) } });

  const ready = await run.logged(/ready at/);

  expect(ready.msg).toBe(`member-subgraph ready at ${ready.url}`);
}, 60_000);

it('with an unreachable WSDL, says "listening" but not "ready" while /ready answers 503', async () => {
  const run = startBuiltProcess({
    env: { NODE_ENV: 'production', HOST: '127.0.0.1', ROUTER_SECRET, ...liveVendorEnv(stack.sandboxes, await closedPortUrl()) },
  });

  const listening = await run.logged(/listening/);
  await run.logged(/vendor clients not ready/);
  const readyStatus = (await fetch(new URL('/ready', listening.url))).status;
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);

  expect(readyStatus).toBe(503);
  expect(run.lines.filter((line) => /ready at/.test(line.msg))).toEqual([]);
  expect(run.lines.at(-1)).toMatchObject({ msg: 'stopped', reason: 'signal', exitCode: 0 });
}, 60_000);

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createVendorHttp } from '../../src/vendors/vendor-http.js';
import { createVendorAgents } from '../../src/vendors/vendor-agents.js';
import { startFakeVendor } from '../support/fake-vendor.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function fake(answer: Parameters<typeof startFakeVendor>[0]) {
  const vendor = await startFakeVendor(answer);
  cleanups.push(vendor.close);
  return vendor.origin;
}

function transport(maxResponseBytes = 10_000) {
  const agents = createVendorAgents(4);
  cleanups.push(() => agents.close());
  return { agents, transport: createVendorHttp({ agents, maxSockets: 4, maxResponseBytes }) };
}

describe('SOAP transport (node-soap over Node http)', () => {
  it('posts the body with the given headers and hands back status, headers and text, whatever the status', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () =>
        res
          .writeHead(500, { 'content-type': 'text/xml', 'x-seen-action': String(req.headers.soapaction) })
          .end(`<echo>${req.method} ${body}</echo>`),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { transport: t } = transport();

    const answer = await t.request({
      url: `${origin}/Svc.asmx`,
      method: 'POST',
      headers: { SOAPAction: '"urn:Op"', 'Content-Type': 'text/xml' },
      data: '<x/>',
    });

    expect(answer).toMatchObject({ status: 500, data: '<echo>POST <x/></echo>', headers: { 'x-seen-action': '"urn:Op"' } });
  });

  it('decodes a gzip answer', async () => {
    const origin = await fake((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' }).end(gzipSync('<ok>ü</ok>')),
    );
    const { transport: t } = transport();

    expect((await t.request({ url: origin, method: 'GET', headers: {} })).data).toBe('<ok>ü</ok>');
  });

  it('refuses an answer whose declared length is over the limit before reading it', async () => {
    const origin = await fake((_req, res) => res.writeHead(200, { 'content-length': '20000' }).end('x'.repeat(20_000)));
    const { transport: t } = transport(10_000);

    await expect(t.request({ url: origin, method: 'GET', headers: {} })).rejects.toMatchObject({ code: 'ERR_RESPONSE_TOO_LARGE' });
  });

  it('times a whole exchange out with ETIMEDOUT', async () => {
    const origin = await fake(() => undefined);
    const { transport: t } = transport();

    await expect(t.request({ url: origin, method: 'GET', headers: {}, timeout: 100 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('reuses one keep-alive socket for calls in sequence', async () => {
    const ports = new Set<number>();
    const origin = await fake((req, res) => {
      ports.add(req.socket.remotePort!);
      res.end('<ok/>');
    });
    const { transport: t } = transport();

    for (let i = 0; i < 5; i += 1) await t.request({ url: origin, method: 'POST', headers: {}, data: '<x/>' });

    expect(ports.size).toBe(1);
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KOGNITIV_SERVICES, wsdlFileOf } from '../../../src/vendors/kognitiv/asmx-contract.js';
import { KognitivLoyalty } from '../../../src/vendors/kognitiv/kognitiv-loyalty.js';
import { startFakeVendor } from '../../support/fake-vendor.js';
import { DEFAULT_TRANSPORT } from '../../support/vendor-transport.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const SCHEMA_PATH = '/schemas/extra.xsd';
const EXTRA_NS = 'urn:example:extra';
const EXTRA_SCHEMA = `<?xml version="1.0" encoding="utf-8"?><s:schema xmlns:s="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" targetNamespace="${EXTRA_NS}"><s:element name="Extra" type="s:string" /></s:schema>`;

/** The ways a WSDL names another document to fetch: each inserted into a bundled WSDL, pointing at `location`. */
const IMPORTS: Record<string, (wsdl: string, location: string) => string> = {
  'wsdl:import': (wsdl, location) =>
    wsdl.replace('<wsdl:types>', `<wsdl:import namespace="${EXTRA_NS}" location="${location}" /><wsdl:types>`),
  'xsd:import': (wsdl, location) =>
    wsdl.replace(/(<s:schema [^>]*>)/, `$1<s:import namespace="${EXTRA_NS}" schemaLocation="${location}" />`),
  'xsd:include': (wsdl, location) => wsdl.replace(/(<s:schema [^>]*>)/, `$1<s:include schemaLocation="${location}" />`),
};

/** A loopback server answering the schema document, counting who asked for what. */
async function startSchemaHost() {
  const hits: string[] = [];
  const host = await startFakeVendor((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(EXTRA_SCHEMA);
  });
  cleanups.push(host.close);
  return { ...host, hits };
}

/** Kognitiv's `?WSDL` pages (the bundled WSDLs, each naming `location` as `form` does), and the schema too. */
async function startWsdlHost(form: string, location: (origin: string) => string) {
  const hits: string[] = [];
  const services = Object.values(KOGNITIV_SERVICES);
  let origin = '';
  const host = await startFakeVendor((req, res) => {
    hits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', origin);
    const service = services.find((s) => url.pathname === `/${s.path}.asmx`);
    if (!service) return void res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(EXTRA_SCHEMA);
    const wsdl = readFileSync(new URL(`../../../src/vendors/kognitiv/wsdl/${wsdlFileOf(service)}`, import.meta.url), 'utf8');
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(IMPORTS[form]!(wsdl, location(origin)));
  });
  origin = host.origin;
  cleanups.push(host.close);
  return { ...host, hits };
}

function kognitivAt(url: string) {
  return KognitivLoyalty.create({
    url,
    securityToken: 'secret-token-value',
    loyaltyProgramId: 1,
    defaultLocation: 'WEB',
    wsdl: 'remote',
    timeoutMs: 2_000,
    ...DEFAULT_TRANSPORT,
  });
}

describe('a remote Kognitiv WSDL', () => {
  it.each(Object.keys(IMPORTS))('may not make start-up fetch a %s from another origin: it fails naming it', async (form) => {
    const elsewhere = await startSchemaHost();
    const foreign = `${elsewhere.origin}${SCHEMA_PATH}`;
    const vendor = await startWsdlHost(form, () => foreign);

    await expect(kognitivAt(vendor.origin)).rejects.toThrow(foreign);

    expect(elsewhere.hits).toEqual([]);
    expect(vendor.hits.some((hit) => hit.endsWith('?WSDL'))).toBe(true);
  });

  it.each(Object.keys(IMPORTS))('still follows a %s on the vendor’s own origin', async (form) => {
    const vendor = await startWsdlHost(form, (origin) => `${origin}${SCHEMA_PATH}`);

    const kognitiv = await kognitivAt(vendor.origin);
    kognitiv.close();

    expect(vendor.hits).toContain(SCHEMA_PATH);
  });
});

import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  KOGNITIV_SERVICES,
  soapActionOf,
  wsdlFileOf,
  type AsmxMethod,
  type AsmxService,
  type KognitivMethodKey,
} from '../../vendors/kognitiv/asmx-contract.js';
import { SANDBOX_CREDENTIALS } from '../seed.js';
import { answerWith, type SoapFaultWriter } from '../shared/faults.js';
import { readBody, sleep, startHttpServer } from '../shared/http-server.js';
import { SandboxCallsAndFaults, type SandboxControls, type SandboxListenOptions } from '../shared/sandbox-controls.js';
import {
  asmxFault,
  documentElementCount,
  escapeXml,
  soapBodyChildren,
  soapEnvelope,
  XML_DECLARATION,
  XmlSyntaxError,
} from '../shared/xml.js';
import { readAsmxRequest } from './asmx-request.js';
import { KOGNITIV_BEHAVIOUR, type Answer, type KognitivSandboxSettings } from './kognitiv-behaviour.js';
import { KognitivState } from './kognitiv-state.js';

export interface KognitivSandbox extends SandboxControls {
  /** Host root, as KOGNITIV_URL. */
  url: string;
  state: KognitivState;
  /**
   * Serves the service's `?WSDL` (by service name, `LoyaltyMember`) as `alter` rewrites it: a vendor that changed its
   * contract (an element renamed, an operation dropped). Calls are still answered by the contract. Without `alter`, as bundled.
   */
  alterWsdl(serviceName: string, alter?: (wsdl: string) => string): void;
}

export interface KognitivSandboxOptions extends SandboxListenOptions {
  securityToken?: string;
  loyaltyProgramId?: number;
}

const SERVICES: readonly AsmxService[] = Object.values(KOGNITIV_SERVICES);

/** An ASMX answer's envelope: the XML declaration, and xsi and xsd declared on the envelope. */
function asmxEnvelope(body: string): string {
  return (
    XML_DECLARATION +
    soapEnvelope(body, 'soap', ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"')
  );
}

/** An ASMX fault: HTTP 500 with a soap:Client or soap:Server fault, as .NET answers. */
function fault(res: ServerResponse, code: 'Client' | 'Server', message: string): void {
  res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
  res.end(asmxEnvelope(asmxFault(code, message)));
}

const UNREADABLE_REQUEST = 'Server was unable to read request. ---> ';

/** An injected fault, with the texts ASMX writes: a reader that choked on the request, or raw internals. */
const injectedFault: SoapFaultWriter = (res, faultcode) =>
  faultcode === 'Client'
    ? fault(
        res,
        'Client',
        `${UNREADABLE_REQUEST}There is an error in XML document (1, 412). ---> ` +
          'Hexadecimal value 0x01, is an invalid character. Line 1, position 412.',
      )
    : fault(res, 'Server', 'Server was unable to process request. ---> System.Data.SqlClient.SqlException: Timeout expired (SBLP-DB-07)');

function answerXml(service: AsmxService, method: AsmxMethod, answer: Answer): string {
  const fields = method.result
    .map(([name, type]) => {
      const value = answer[name] ?? (type === 'string' ? '' : 0);
      return value === '' ? `<${name} />` : `<${name}>${escapeXml(String(value))}</${name}>`;
    })
    .join('');
  const name = method.name;
  return asmxEnvelope(`<${name}Response xmlns="${service.namespace}"><${name}Result>${fields}</${name}Result></${name}Response>`);
}

/**
 * Kognitiv's ASMX services on one loopback server, as strict as .NET: a wrong SOAPAction, element
 * name or namespace is a soap:Client fault (HTTP 500); a missing parameter is ReturnCode 2.
 */
export async function startKognitivSandbox(options: KognitivSandboxOptions = {}): Promise<KognitivSandbox> {
  const settings: KognitivSandboxSettings = {
    securityToken: options.securityToken ?? SANDBOX_CREDENTIALS.kognitivSecurityToken,
    loyaltyProgramId: options.loyaltyProgramId ?? SANDBOX_CREDENTIALS.kognitivLoyaltyProgramId,
  };
  const state = new KognitivState();
  const kept = new SandboxCallsAndFaults(options);
  const { calls, received, faults } = kept;
  const alteredWsdls = new Map<string, (wsdl: string) => string>();
  let origin = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const service = SERVICES.find((s) => url.pathname.toLowerCase() === `/${s.path}.asmx`.toLowerCase());
    if (!service) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404 - File or directory not found.</h1></body></html>');
      return;
    }
    if (req.method === 'GET' && [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) {
      calls.record('?WSDL');
      const wsdl = await readFile(new URL(`../../vendors/kognitiv/wsdl/${wsdlFileOf(service)}`, import.meta.url), 'utf8');
      const alter = alteredWsdls.get(service.serviceName) ?? ((bundled: string) => bundled);
      res
        .writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
        .end(alter(wsdl.replace(/location="[^"]*"/g, `location="${origin}/${service.path}.asmx"`)));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const body = await readBody(req);
    const done = calls.begin();
    res.on('close', done);
    await sleep(kept.latencyMs);
    const action = (req.headers.soapaction ?? '').toString().replace(/^"|"$/g, '');
    const [key, method] = Object.entries(service.methods).find(([, m]) => soapActionOf(service, m) === action) ?? [];
    if (!key || !method) return fault(res, 'Client', `Server did not recognize the value of HTTP Header SOAPAction: ${action}.`);
    calls.record(method.name);
    let values;
    try {
      const bodyChildren = soapBodyChildren(body);
      values = readAsmxRequest(bodyChildren, service, method);
      received.record({
        operation: method.name,
        fields: values === 'missing' ? {} : values,
        elementCount: documentElementCount(bodyChildren[0]!),
      });
    } catch (error) {
      if (error instanceof XmlSyntaxError) return fault(res, 'Client', `${UNREADABLE_REQUEST}${error.message}`);
      throw error;
    }
    // The vendor acts first and misbehaves after (a timed-out or dropped write may still have happened), except for `drop`.
    const injected = faults.take();
    if (injected?.kind === 'drop') return answerWith(res, 'text/xml; charset=utf-8', '', injected, injectedFault, body);
    const answer =
      values === 'missing' ? { ReturnCode: 2 } : KOGNITIV_BEHAVIOUR[key as KognitivMethodKey](values, state, settings, method.returnCodes);
    await answerWith(res, 'text/xml; charset=utf-8', answerXml(service, method, answer), injected, injectedFault, body);
  }

  const started = await startHttpServer(handle, options);
  origin = started.origin;
  const alterWsdl = (serviceName: string, alter?: (wsdl: string) => string) => {
    if (!SERVICES.some((s) => s.serviceName === serviceName)) throw new Error(`no Kognitiv service ${serviceName}`);
    if (alter) alteredWsdls.set(serviceName, alter);
    else alteredWsdls.delete(serviceName);
  };
  return { url: origin, state, alterWsdl, ...kept.controls(started.close) };
}

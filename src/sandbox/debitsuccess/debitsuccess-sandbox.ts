import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { settingDefault } from '../../config.js';
import { answerWith, FaultInjector, type Fault, type SoapFaultWriter } from '../shared/faults.js';
import { readBody, sleep, startHttpServer } from '../shared/http-server.js';
import { SandboxCallsAndFaults, type SandboxControls, type SandboxListenOptions } from '../shared/sandbox-controls.js';
import { childElements, documentElementCount, escapeXml, soapBodyChildren, soapEnvelope, XmlSyntaxError } from '../shared/xml.js';
import { DebitsuccessState, type StoredPhone } from './debitsuccess-state.js';
import { RestApi } from './rest-api.js';
import { updateClientPhoneNumber, type UpdatePhoneAnswer } from './update-phone.js';
import { readDataContract, UPDATE_PHONE_REQUEST, WCF_NS } from './wcf-request.js';

export const SOAP_PATH = '/Messages/DebitsuccessMessages.svc';
export const API_PATH = '/CustomerServices/v1.0';
export const TOKEN_PATH = '/identity/connect/token';

/** Faults the token endpoint can answer with instead of a token (those that replace the whole answer). */
export type TokenFault = Extract<Fault, { kind: 'echo-request' | 'status' | 'html' }>;

/** `injectFault` applies to SOAP and REST API calls; the token endpoint has faults of its own (`injectTokenFault`). */
export interface DebitsuccessSandbox extends SandboxControls {
  soapUrl: string;
  apiUrl: string;
  tokenUrl: string;
  state: DebitsuccessState;
  /** The phones Debitsuccess holds for the customer of this club account id, as the REST API lists them. */
  phoneNumbersOf(externalId: string): StoredPhone[];
  revokeTokens(): void;
  /** The token endpoint misbehaves on its next `times` requests (default: until cleared by `clearFaults`). */
  injectTokenFault(fault: TokenFault, times?: number): void;
  /**
   * `GET /customers/{id}/phoneNumbers` misbehaves on its next `times` requests (default: until cleared), after the same token
   * check as every API call; faults that alter an answer alter the real page.
   */
  injectPhoneNumbersFault(fault: Fault, times?: number): void;
}

export interface DebitsuccessSandboxOptions extends SandboxListenOptions {
  tokenTtlSeconds?: number;
  soapAction?: string;
}

function wcfFault(res: ServerResponse, code: string, message: string): void {
  res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
  const faultcode = `<faultcode xmlns:a="http://schemas.microsoft.com/ws/2005/05/addressing/none">${code}</faultcode>`;
  res.end(soapEnvelope(`<s:Fault>${faultcode}<faultstring xml:lang="en-US">${escapeXml(message)}</faultstring></s:Fault>`, 's'));
}

const UNREADABLE_MESSAGE = 'The formatter threw an exception while trying to deserialize the message.';

/** An injected fault, as WCF writes them: a message its formatter could not read, or an internal error. */
const injectedFault: SoapFaultWriter = (res, faultcode) =>
  faultcode === 'Client'
    ? wcfFault(res, 's:Client', UNREADABLE_MESSAGE)
    : wcfFault(res, 'a:InternalServiceFault', 'The server was unable to process the request due to an internal error.');

function answerXml(answer: UpdatePhoneAnswer): string {
  const notes = answer.notes
    .map((n) => `<a:Code>${escapeXml(n.code)}</a:Code><a:Note>${escapeXml(n.note)}</a:Note><a:NoteType>${n.type}</a:NoteType>`)
    .map((note) => `<a:ResponseNote>${note}</a:ResponseNote>`)
    .join('');
  const namespaces =
    'xmlns:a="http://schemas.datacontract.org/2004/07/Debitsuccess.WebServices.Core" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';
  const result =
    `<a:DateCreated>${new Date().toISOString()}</a:DateCreated><a:Id>${randomUUID()}</a:Id>` +
    `<a:ResponseNotes>${notes}</a:ResponseNotes><a:Status>${answer.status}</a:Status>`;
  const response = `<UpdateClientPhoneNumberResult ${namespaces}>${result}</UpdateClientPhoneNumberResult>`;
  return soapEnvelope(`<UpdateClientPhoneNumberResponse xmlns="${WCF_NS}">${response}</UpdateClientPhoneNumberResponse>`, 's');
}

/**
 * Debitsuccess on one loopback server: the WCF message service (strict about SOAPAction, lenient
 * about member order exactly as DataContractSerializer is) and the REST API with its token endpoint.
 */
export async function startDebitsuccessSandbox(options: DebitsuccessSandboxOptions = {}): Promise<DebitsuccessSandbox> {
  const state = new DebitsuccessState();
  const kept = new SandboxCallsAndFaults(options);
  const { calls, received, faults } = kept;
  const tokenFaults = new FaultInjector();
  const phoneFaults = new FaultInjector();
  const soapAction = options.soapAction ?? settingDefault('DEBITSUCCESS_SOAP_ACTION');
  const rest = new RestApi(state, calls, () => options.tokenTtlSeconds ?? 3600, phoneFaults, injectedFault);
  let origin = '';

  async function soap(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET' && [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) {
      const wsdl = await readFile(new URL('../../vendors/debitsuccess/wsdl/DebitsuccessMessages.wsdl', import.meta.url), 'utf8');
      res
        .writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
        .end(wsdl.replace(/location="[^"]*"/, `location="${origin}${SOAP_PATH}"`));
      return;
    }
    const body = await readBody(req);
    await sleep(kept.latencyMs);
    const action = (req.headers.soapaction ?? '').toString().replace(/^"|"$/g, '');
    if (action !== soapAction) {
      return wcfFault(
        res,
        'a:ActionNotSupported',
        `The message with Action '${action}' cannot be processed at the receiver, ` +
          'due to a ContractFilter mismatch at the EndpointDispatcher.',
      );
    }
    calls.record('UpdateClientPhoneNumber');
    let operation;
    try {
      operation = soapBodyChildren(body)[0];
    } catch (error) {
      if (error instanceof XmlSyntaxError) return wcfFault(res, 's:Client', UNREADABLE_MESSAGE);
      throw error;
    }
    if (!operation || operation.namespaceURI !== WCF_NS || operation.localName !== 'UpdateClientPhoneNumber') {
      return wcfFault(
        res,
        's:Client',
        'OperationFormatter encountered an invalid Message body. ' +
          `Expected to find node type 'Element' with name 'UpdateClientPhoneNumber' and namespace '${WCF_NS}'.`,
      );
    }
    const requestElement = childElements(operation).find((e) => e.namespaceURI === WCF_NS && e.localName === 'request');
    const request = requestElement ? readDataContract(requestElement, UPDATE_PHONE_REQUEST) : {};
    received.record({ operation: 'UpdateClientPhoneNumber', fields: request, elementCount: documentElementCount(operation) });
    // The vendor acts first and misbehaves after (a timed-out or dropped write may still have happened), except for `drop`.
    const fault = faults.take();
    const answer = fault?.kind === 'drop' ? '' : answerXml(updateClientPhoneNumber(request, state));
    await answerWith(res, 'text/xml; charset=utf-8', answer, fault, injectedFault, body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    res.on('close', calls.begin());
    if (url.pathname === SOAP_PATH) return soap(req, res, url);
    if (url.pathname === TOKEN_PATH && req.method === 'POST') {
      const body = await readBody(req);
      await sleep(kept.latencyMs);
      const fault = tokenFaults.take();
      if (fault) return answerWith(res, 'application/json; charset=utf-8', '', fault, injectedFault, body);
      return rest.issueToken(res, new URLSearchParams(body));
    }
    if (url.pathname.startsWith(`${API_PATH}/`) && req.method === 'GET') {
      await sleep(kept.latencyMs);
      const fault = faults.take();
      if (fault) {
        calls.record(`GET ${url.pathname.slice(API_PATH.length)}`);
        return answerWith(res, 'application/json; charset=utf-8', JSON.stringify({ accounts: [] }), fault, injectedFault);
      }
      return rest.handle(req, res, url.pathname.slice(API_PATH.length), url.searchParams);
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errorCode: 'NotFound', message: 'No such resource' }));
  }

  const started = await startHttpServer(handle, options);
  origin = started.origin;
  const controls = kept.controls(started.close);
  return {
    ...controls,
    soapUrl: `${origin}${SOAP_PATH}`,
    apiUrl: `${origin}${API_PATH}`,
    tokenUrl: `${origin}${TOKEN_PATH}`,
    state,
    phoneNumbersOf(externalId) {
      const account = state.accountsByExternalId.get(externalId)?.[0];
      return account ? state.phonesOf(account.customerId).filter((p) => p.phoneType !== 'previous') : [];
    },
    revokeTokens: () => rest.revokeTokens(),
    injectTokenFault: (fault, times) => tokenFaults.inject(fault, times),
    injectPhoneNumbersFault: (fault, times) => phoneFaults.inject(fault, times),
    clearFaults: () => {
      controls.clearFaults();
      tokenFaults.clear();
      phoneFaults.clear();
    },
  };
}

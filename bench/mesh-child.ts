import { SOAPLoader, createExecutorFromSchemaAST } from '@omnigraph/soap';
import { fetch } from '@whatwg-node/fetch';
import { createYoga, type Plugin } from 'graphql-yoga';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * GraphQL Mesh's SOAP handler (`@omnigraph/soap`) on graphql-yoga, in a process of its own: the schema and executor
 * Mesh builds from the WSDL that `WSDL_URL` serves (the sandbox's LoyaltyMember service), served as Mesh serves a
 * source, with the fetch Mesh uses, calling the operation whose action is `SOAP_ACTION`. No plugins, no logging: the
 * benchmark measures the handler.
 */
const loader = new SOAPLoader({ fetch });
await loader.fetchWSDL(process.env.WSDL_URL!);
const schema = loader.buildSchema();
/**
 * @omnigraph/soap 0.96 speaks SOAP 1.2 only (a 1.2 envelope as `application/soap+xml`, no action), and its executor
 * drops the `operationHeaders` it is given. Kognitiv's ASMX binding is SOAP 1.1, routed by the SOAPAction header, and
 * the sandbox refuses a 1.2 envelope as ASMX does. So the fetch Mesh is handed, its extension point for the wire, sends
 * the same call as SOAP 1.1: the envelope's namespace swapped, `text/xml`, and the one operation's `SOAP_ACTION`.
 */
const SOAP_12 = 'http://www.w3.org/2003/05/soap-envelope';
const SOAP_11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const soap11Headers = { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${process.env.SOAP_ACTION!}"` };
const asSoap11: typeof fetch = (url, init) =>
  fetch(url, { method: 'POST', headers: soap11Headers, body: (init?.body as string).replace(SOAP_12, SOAP_11) });
const executor = createExecutorFromSchemaAST(schema, asSoap11);

// Mesh runs a SOAP source's operations through its executor (the root value that calls the vendor).
const soapExecution: Plugin = {
  onExecute({ setExecuteFn }) {
    setExecuteFn((args) => executor({ document: args.document, variables: args.variableValues ?? undefined, context: args.contextValue }));
  },
};
const yoga = createYoga({ schema, logging: false, graphiql: false, plugins: [soapExecution] });
const server = createServer(yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.once('SIGTERM', () => process.exit(0));
console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` }));

import { startSandboxVendors } from './start-sandbox-vendors.js';

/** `npm run sandbox`: the vendor simulators alone, for front-end developers and manual SOAP calls. */
const host = process.env.HOST ?? '127.0.0.1';
// Fixed ports by default, so front-end settings pointing at the sandbox survive restarts.
const sandboxes = await startSandboxVendors(
  { kognitiv: true, debitsuccess: true },
  {
    host,
    latencyMs: Number(process.env.SANDBOX_LATENCY_MS ?? 0),
    ports: {
      kognitiv: Number(process.env.SANDBOX_KOGNITIV_PORT ?? 4101),
      debitsuccess: Number(process.env.SANDBOX_DEBITSUCCESS_PORT ?? 4102),
    },
  },
);
const k = sandboxes.kognitiv!.settings;
const d = sandboxes.debitsuccess!.settings;

console.log(`Kognitiv Loyalty sandbox   KOGNITIV_URL=${k.url}  (WSDLs at ${k.url}/Services/<Service>.asmx?WSDL)`);
console.log(`Debitsuccess SOAP sandbox  DEBITSUCCESS_SOAP_URL=${d.soapUrl}  (WSDL at ${d.soapUrl}?wsdl)`);
console.log(`Debitsuccess REST sandbox  DEBITSUCCESS_API_URL=${d.apiUrl}  DEBITSUCCESS_TOKEN_URL=${d.tokenUrl}`);
console.log('Credentials and trigger inputs: src/sandbox/kognitiv/README.md, src/sandbox/debitsuccess/README.md. Ctrl-C stops.');

const stop = () => void sandboxes.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

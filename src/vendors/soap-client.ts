import { createClientAsync, type Client, type IOptions } from 'soap';
import type { VendorHttp } from './vendor-http.js';

/** Numbers arrive as the text the vendor wrote: node-soap's `parseInt` reads `12abc` as 12; wire-values.ts reads them strictly. */
const NUMBERS_AS_TEXT = Object.fromEntries(
  ['int', 'integer', 'short', 'long', 'double', 'float', 'decimal'].map((type) => [type, (text: string) => text]),
);

/**
 * node-soap reads every answer against its message's description, which it works out again from the WSDL's elements on
 * each answer (`MessageElement.description`, twice per answer). The WSDL does not change once read and node-soap never
 * writes to a description, so each message's is worked out once, on the first answer, and kept.
 */
function describeMessagesOnce(client: Client): void {
  for (const message of Object.values(client.wsdl.definitions.messages)) {
    const describe = message.description.bind(message);
    let described: { definitions: unknown; description: object } | undefined;
    message.description = (definitions) => {
      if (described?.definitions !== definitions) described = { definitions, description: describe(definitions) };
      return described.description;
    };
  }
}

/**
 * A node-soap client as every SOAP datasource needs one: the WSDL never cached by URL, calls over the vendor's own
 * transport, and node-soap's escaping off, because every text arrives already encoded by `encodeSoapArguments`
 * (xml-text.ts): node-soap's own escaping passes CDATA-wrapped text through raw. `endpoint` is always ours: the WSDL's
 * soap:address must not decide where calls go. Numbers are handed over as text (NUMBERS_AS_TEXT). Each message's
 * description is worked out once (describeMessagesOnce).
 */
export async function createSoapClient(
  wsdl: string,
  endpoint: string,
  transport: VendorHttp,
  options: Omit<IOptions, 'disableCache' | 'escapeXML' | 'request'> = {},
): Promise<Client> {
  const client = await createClientAsync(
    wsdl,
    {
      ...options,
      customDeserializer: { ...NUMBERS_AS_TEXT, ...options.customDeserializer },
      disableCache: true,
      escapeXML: false,
      request: transport.request as unknown as IOptions['request'],
    },
    endpoint,
  );
  describeMessagesOnce(client);
  return client;
}

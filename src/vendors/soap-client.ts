import { createClientAsync, type Client, type IOptions } from 'soap';
import type { VendorHttp } from './vendor-http.js';

/** Numbers arrive as the text the vendor wrote: node-soap's `parseInt` reads `12abc` as 12; wire-values.ts reads them strictly. */
const NUMBERS_AS_TEXT = Object.fromEntries(
  ['int', 'integer', 'short', 'long', 'double', 'float', 'decimal'].map((type) => [type, (text: string) => text]),
);

/**
 * A node-soap client as every SOAP datasource needs one: the WSDL never cached by URL, calls over the vendor's own
 * transport, and node-soap's escaping off, because every text arrives already encoded by `encodeSoapArguments`
 * (xml-text.ts): node-soap's own escaping passes CDATA-wrapped text through raw. `endpoint` is always ours: the WSDL's
 * soap:address must not decide where calls go. Numbers are handed over as text (NUMBERS_AS_TEXT).
 */
export function createSoapClient(
  wsdl: string,
  endpoint: string,
  transport: VendorHttp,
  options: Omit<IOptions, 'disableCache' | 'escapeXML' | 'request'> = {},
): Promise<Client> {
  return createClientAsync(
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
}

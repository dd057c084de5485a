import { DOMParser, type Element } from '@xmldom/xmldom';

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export class XmlSyntaxError extends Error {}

/** Namespace-aware parse; malformed XML is an error, never a best-effort document. */
export function parseXml(text: string) {
  const errors: string[] = [];
  let document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    // xmldom throws (rather than reports) some errors, e.g. an unbound prefix.
    throw new XmlSyntaxError(error instanceof Error ? error.message : String(error));
  }
  if (errors.length > 0 || !document.documentElement) throw new XmlSyntaxError(errors[0] ?? 'no document element');
  return document;
}

export function childElements(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) out.push(node as Element);
  }
  return out;
}

/** The SOAP 1.1 Body's children, or an error naming what is wrong with the envelope. */
export function soapBodyChildren(text: string): Element[] {
  const root = parseXml(text).documentElement!;
  if (root.namespaceURI !== SOAP11_ENVELOPE_NS || root.localName !== 'Envelope')
    throw new XmlSyntaxError('root element is not a SOAP 1.1 Envelope');
  const body = childElements(root).find((e) => e.namespaceURI === SOAP11_ENVELOPE_NS && e.localName === 'Body');
  if (!body) throw new XmlSyntaxError('no SOAP Body');
  return childElements(body);
}

/** Elements in the document that holds `element`, its root included. */
export function documentElementCount(element: Element): number {
  return element.ownerDocument?.getElementsByTagName('*').length ?? 0;
}

/** The XML declaration .NET's ASMX writes ahead of an envelope. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** A SOAP 1.1 envelope around `body`: the envelope's prefix, and further namespace declarations as the vendor writes them on it. */
export function soapEnvelope(body: string, prefix: string, declarations = ''): string {
  const envelope = `${prefix}:Envelope xmlns:${prefix}="${SOAP11_ENVELOPE_NS}"${declarations}`;
  return `<${envelope}><${prefix}:Body>${body}</${prefix}:Body></${prefix}:Envelope>`;
}

/** A soap:Fault element as ASMX writes it (the `soap` prefix, an empty detail). */
export function asmxFault(code: 'Client' | 'Server', message: string): string {
  return `<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${escapeXml(message)}</faultstring><detail /></soap:Fault>`;
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

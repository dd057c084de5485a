import type { Client } from 'soap';
import type { SoapArguments } from './xml-text.js';

/** A method's request message with the values put in, in the order the template was made with. */
export type SoapMessageTemplate = (values: readonly string[]) => string;

/** Private-use characters around a field's index: no WSDL name or namespace node-soap writes contains them. */
const MARK = /\uE000(\d+)\uE001/g;
const markOf = (index: number) => `\uE000${index}\uE001`;

/** The input of a document-style operation as node-soap's own clients find it: the last service and port binding it. */
function documentInputOf(client: Client, methodName: string) {
  let found;
  for (const service of Object.values(client.wsdl.definitions.services))
    for (const port of Object.values(service.ports)) {
      const operation = port.binding.methods[methodName];
      if (operation) found = operation;
    }
  return found && (found.style ?? 'document') === 'document' ? found.input : undefined;
}

/**
 * A method's request message (the Body's child) made once by node-soap itself, with a mark where each value goes,
 * then filled per call: node-soap's `objectToDocumentXML` looks each element and namespace up in the WSDL on every
 * call, and with escaping off (soap-client.ts) writes every value as its text, so the shape of the message depends on
 * the WSDL alone and the same values give the same bytes either way. `build(fields)` makes the arguments as the
 * caller would pass them to node-soap (its wrapper element and field names); the template's values are `fields`'
 * values, in `names` order, each already encoded (xml-text.ts). Undefined when node-soap would not write a document
 * message for the method, or a mark does not come out exactly once: then the caller passes node-soap its arguments.
 */
export function soapMessageTemplate(
  client: Client,
  methodName: string,
  names: readonly string[],
  build: (fields: Record<string, string>) => SoapArguments,
): SoapMessageTemplate | undefined {
  const input = documentInputOf(client, methodName);
  if (!input) return undefined;
  const marked = client.wsdl.objectToDocumentXML(
    input.$name as string,
    build(Object.fromEntries(names.map((name, index) => [name, markOf(index)]))),
    // As node-soap's own call passes it (undefined where the WSDL gives no alias).
    input.targetNSAlias as string,
    input.targetNamespace as string,
    input.$type || input.$lookupType,
    {},
  ) as unknown;
  if (typeof marked !== 'string') return undefined;
  const order = [...marked.matchAll(MARK)].map((match) => Number(match[1]));
  if (order.length !== names.length || new Set(order).size !== names.length) return undefined;
  const text = marked.split(MARK).filter((_, index) => index % 2 === 0);
  return (values) => {
    let message = text[0]!;
    for (let i = 0; i < order.length; i += 1) message += values[order[i]!]! + text[i + 1]!;
    return message;
  };
}

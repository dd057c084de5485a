import type { Element } from '@xmldom/xmldom';
import type { AsmxMethod, AsmxService } from '../../vendors/kognitiv/asmx-contract.js';
import { childElements, XmlSyntaxError } from '../shared/xml.js';
import type { Values } from './kognitiv-behaviour.js';

function expectElement(element: Element | undefined, namespace: string, name: string): Element {
  if (!element || element.namespaceURI !== namespace || element.localName !== name) {
    const found = element ? `{${element.namespaceURI ?? ''}}${element.localName}` : 'nothing';
    throw new XmlSyntaxError(`expected {${namespace}}${name}, found ${found}`);
  }
  return element;
}

/**
 * Reads a document/literal request as XmlSerializer would: the method element and every field in
 * the service namespace, each field known to the contract. Returns `'missing'` when a field is
 * absent (ReturnCode 2); throws XmlSyntaxError for anything a .NET service would fault on.
 */
export function readAsmxRequest(bodyChildren: Element[], service: AsmxService, method: AsmxMethod): Values | 'missing' {
  const ns = service.namespace;
  const call = expectElement(bodyChildren[0], ns, method.name);
  let container = call;
  if (method.parameter) {
    const [parameter, ...extra] = childElements(call);
    container = expectElement(parameter, ns, method.parameter);
    if (extra.length > 0) throw new XmlSyntaxError(`unexpected element ${extra[0]!.localName}`);
  }
  const values: Values = {};
  for (const child of childElements(container)) {
    const field = method.request.find(([name]) => name === child.localName);
    if (!field || child.namespaceURI !== ns) throw new XmlSyntaxError(`unexpected element {${child.namespaceURI ?? ''}}${child.localName}`);
    const text = child.textContent ?? '';
    if (field[1] === 'string') {
      values[field[0]] = text;
    } else {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number) || (field[1] === 'int' && !Number.isInteger(number))) {
        throw new XmlSyntaxError(`Input string was not in a correct format (${field[0]})`);
      }
      values[field[0]] = number;
    }
  }
  return method.request.every(([name]) => name in values) ? values : 'missing';
}

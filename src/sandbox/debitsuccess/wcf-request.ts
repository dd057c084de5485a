import type { Element } from '@xmldom/xmldom';
import { childElements } from '../shared/xml.js';

export const WCF_NS = 'Debitsuccess.WebServices.WCF';
export const CORE_NS = 'http://schemas.datacontract.org/2004/07/Debitsuccess.WebServices.Core';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** A data contract: its members in serializer order, nested contracts by name. */
export type Contract = readonly (readonly [name: string, nested?: Contract])[];

const USER: Contract = [['Id'], ['Password'], ['Username']];
const PHONE_NUMBER: Contract = [['CountryCode'], ['Id'], ['Name'], ['Number'], ['PhoneNumberType'], ['Preferred'], ['STDCode']];
/** Base type (RequestBase) members first, then the derived type's, each alphabetical: DataContractSerializer's order. */
export const UPDATE_PHONE_REQUEST: Contract = [
  ['DateCreated'],
  ['Id'],
  ['RequestInitiator'],
  ['User', USER],
  ['AccountReferenceNo'],
  ['ExternalAccountReferenceNo'],
  ['PhoneNumber', PHONE_NUMBER],
];

export interface DataMembers {
  [name: string]: string | DataMembers | undefined;
}

/**
 * Reads members as WCF's DataContractSerializer does: in contract order and namespace only. An
 * element that is out of order, unknown, or in another namespace is skipped silently, exactly as if
 * it had not been sent: that is how a wrongly ordered request "works" but loses fields.
 */
export function readDataContract(element: Element, contract: Contract): DataMembers {
  const members: DataMembers = {};
  let next = 0;
  for (const child of childElements(element)) {
    if (child.namespaceURI !== CORE_NS) continue;
    const index = contract.findIndex(([name], i) => i >= next && name === child.localName);
    if (index === -1) continue;
    const [name, nested] = contract[index]!;
    next = index + 1;
    if (child.getAttributeNS(XSI_NS, 'nil') === 'true') continue;
    members[name] = nested ? readDataContract(child, nested) : (child.textContent ?? '');
  }
  return members;
}

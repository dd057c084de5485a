import type { AsmxMethod, AsmxService, Field } from './asmx-contract.js';
import { serviceLabelOf } from './asmx-contract.js';

/**
 * One way a service's WSDL differs from what the product uses (`asmx-contract.ts`): an operation or element missing
 * (renamed shows as missing), an element of another type, or another namespace. Only what the product sends or reads
 * is compared: operations and elements the WSDL adds are not drift.
 */
export interface ContractDrift {
  vendor: 'KOGNITIV';
  /** As breakers and metrics name it (`LoyaltyMember.asmx`). */
  service: string;
  /** The operation, or `<wrapper>/<element>` (`preqFetchLoyaltyMemberCore/AccountId`, `FetchLoyaltyMemberCoreResult/MemberId`). */
  item: string;
  change: 'missing' | 'type' | 'namespace';
  /** What the contract says: the element's XSD type, or the namespace. */
  expected: string;
  /** What the WSDL says; null when the item is missing. */
  found: string | null;
}

/** node-soap's `client.describe()`: service → port → operation → input and output, elements as `prefix:type` or nested objects. */
export type WsdlDescription = Record<string, Record<string, Record<string, { input?: unknown; output?: unknown }>>>;

type Described = Record<string, unknown>;

function isDescribed(value: unknown): value is Described {
  return typeof value === 'object' && value !== null;
}

/** The element's type as node-soap describes it, without its prefix; `[]` when it repeats; an object is a complex type. */
function describedType(elements: Described, name: string): string | null {
  const repeated = elements[`${name}[]`] !== undefined;
  const value = elements[name] ?? elements[`${name}[]`];
  if (value === undefined) return null;
  const type = typeof value === 'string' ? value.slice(value.indexOf(':') + 1) : 'complexType';
  return repeated ? `${type}[]` : type;
}

function operationIn(description: WsdlDescription, name: string) {
  for (const ports of Object.values(description)) {
    for (const operations of Object.values(ports)) if (operations[name]) return operations[name];
  }
  return undefined;
}

function methodDrift(
  service: string,
  method: AsmxMethod,
  description: WsdlDescription,
  namespace: string,
): Omit<ContractDrift, 'vendor'>[] {
  const operation = operationIn(description, method.name);
  if (!operation) return [{ service, item: method.name, change: 'missing', expected: 'operation', found: null }];
  const drift: Omit<ContractDrift, 'vendor'>[] = [];
  const compare = (wrapper: string, elements: unknown, fields: readonly Field[]) => {
    if (!isDescribed(elements)) return drift.push({ service, item: wrapper, change: 'missing', expected: 'element', found: null });
    for (const [name, type] of fields) {
      const found = describedType(elements, name);
      if (found !== type)
        drift.push({ service, item: `${wrapper}/${name}`, change: found === null ? 'missing' : 'type', expected: type, found });
    }
  };
  const input = isDescribed(operation.input) ? operation.input : {};
  if (method.parameter) compare(method.parameter, input[method.parameter], method.request);
  else compare(method.name, input, method.request);
  const result = isDescribed(operation.output) ? operation.output[`${method.name}Result`] : undefined;
  compare(`${method.name}Result`, result, method.result);
  const foundNamespace = isDescribed(result) ? result.targetNamespace : undefined;
  if (typeof foundNamespace === 'string' && foundNamespace !== namespace) {
    drift.push({ service, item: method.name, change: 'namespace', expected: namespace, found: foundNamespace });
  }
  return drift;
}

/**
 * Compares a service's WSDL, as node-soap read it, with the contract: what start-up reports (a warning, a metric and
 * `/ready`) and what `npm run vendors:check` prints. Empty when every operation and element the product uses is there,
 * of its type.
 */
export function contractDriftOf(service: AsmxService, description: WsdlDescription): ContractDrift[] {
  const label = serviceLabelOf(service);
  return Object.values(service.methods).flatMap((method) =>
    methodDrift(label, method, description, service.namespace).map((drift) => ({ vendor: 'KOGNITIV' as const, ...drift })),
  );
}

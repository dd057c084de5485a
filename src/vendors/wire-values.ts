import { isInt32 } from './int32.js';
import { soapCall, VendorTransportError, type Vendor } from './vendor-error.js';

/**
 * Reading values out of a vendor's SOAP answer as its contract says they are, or not at all. node-soap hands numbers
 * over as the text the vendor wrote (soap-client.ts), and an element written more than once as an array; a value
 * that is not what the contract says (a flag of `NaN`, a number of `0x10`, an element the contract has once
 * written 40,000 times) is an answer we cannot use, `MALFORMED_RESPONSE`, never a guess at what the vendor meant.
 */

/** The XML Schema types of the values the datasources read. */
export type WireType = 'string' | 'int' | 'double';

/** What a value of each type decodes to: text (`null` when empty or absent), or a number (`undefined` when absent). */
export type WireValue<T extends WireType> = T extends 'string' ? string | null : number | undefined;

/** Which answer is being read, to name it when it breaks its contract. */
export interface AnswerSource {
  vendor: Vendor;
  operation: string;
}

/** The details name the element and what was wrong with it, never the vendor's text (it may hold personal data or secrets). */
function malformed(source: AnswerSource, detail: string): VendorTransportError {
  return new VendorTransportError(soapCall(source.vendor, source.operation), 'MALFORMED_RESPONSE', true, detail);
}

/** An element the contract has at most once, as node-soap read it: absent, empty (`null`), a text or an object. */
export function single(source: AnswerSource, name: string, raw: unknown): unknown {
  if (Array.isArray(raw)) throw malformed(source, `${name} written ${raw.length} times, where the contract has it once`);
  return raw;
}

/** An element with children (or none, written empty), absent as `undefined`. */
export function decodeObject(source: AnswerSource, name: string, raw: unknown): Record<string, unknown> | undefined {
  const value = single(source, name, raw);
  if (value === undefined) return undefined;
  if (value === null) return {};
  if (typeof value !== 'object') throw malformed(source, `${name} is text, where the contract has elements`);
  return value as Record<string, unknown>;
}

/** xsd:int: optional sign and digits, within 32 bits (both vendors are .NET, whose `int` is 32-bit). */
const INT = /^[+-]?\d+$/;
/** xsd:double without INF and NaN, which no amount or balance can be. */
const FINITE_DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function decodeNumber(source: AnswerSource, name: string, type: 'int' | 'double', raw: unknown): number | undefined {
  const value = single(source, name, raw);
  if (value === undefined) return undefined;
  if (value === null) throw malformed(source, `${name} is empty, where the contract has an xsd:${type}`);
  const text = typeof value === 'string' ? value.trim() : undefined;
  const number = text !== undefined && (type === 'int' ? INT : FINITE_DOUBLE).test(text) ? Number(text) : Number.NaN;
  const fits = type === 'int' ? isInt32(number) : Number.isFinite(number);
  if (!fits) {
    const what = typeof value === 'string' ? `${value.length} characters` : typeof value;
    throw malformed(source, `${name} is not an xsd:${type}${type === 'int' ? ' of 32 bits' : ''} (${what})`);
  }
  return number;
}

function decodeString(source: AnswerSource, name: string, raw: unknown): string | null {
  const value = single(source, name, raw);
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw malformed(source, `${name} is not text`);
  return value;
}

/** One value of the answer, as its contract's `type` says, or MALFORMED_RESPONSE. */
export function decodeWireValue<T extends WireType>(source: AnswerSource, name: string, type: T, raw: unknown): WireValue<T> {
  return (type === 'string' ? decodeString(source, name, raw) : decodeNumber(source, name, type, raw)) as WireValue<T>;
}

import { decodeWireValue, single, type AnswerSource } from '../wire-values.js';
import type { Field } from './asmx-contract.js';

/**
 * Kognitiv's value conventions: empty strings for "none" (read as `null`), 0/non-zero ints for booleans, `DD-MMM-YYYY`
 * dates.
 */

/**
 * A method's result (`<Method>Result`) read by its contract's fields, each as its type says (wire-values.ts): an
 * element written more than once, or a value not of its type, is MALFORMED_RESPONSE. Elements the contract does not
 * list are left unread. `undefined` when the answer has no result element.
 */
export function decodeResult(
  source: AnswerSource,
  name: string,
  fields: readonly Field[],
  raw: unknown,
): Record<string, unknown> | undefined {
  const result = single(source, name, raw);
  if (result === null || typeof result !== 'object') return undefined;
  const values = result as Record<string, unknown>;
  return Object.fromEntries(fields.map(([field, type]) => [field, decodeWireValue(source, field, type, values[field])]));
}

/** An xsd:int flag, read strictly by `decodeResult`: non-zero is true, and a missing one false. */
export function decodeFlag(value: number | undefined): boolean {
  return value !== undefined && value !== 0;
}

export function decodeGender(value: string | null): 'MALE' | 'FEMALE' | null {
  const text = value?.toLowerCase();
  return text === 'male' ? 'MALE' : text === 'female' ? 'FEMALE' : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `14-Mar-1988` → `1988-03-14`; empty → null; anything unreadable → undefined (the caller decides). */
export function decodeKognitivDate(value: string | null): string | null | undefined {
  if (value === null) return null;
  const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(value.trim());
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!.toLowerCase()) + 1;
  const day = Number(match[1]);
  const year = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month === 0 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

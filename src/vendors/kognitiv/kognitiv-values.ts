/** Kognitiv's value conventions: empty strings for "none", 0/non-zero ints for booleans, `DD-MMM-YYYY` dates. */

/** Empty strings and missing (or nil, which node-soap reads as an object) elements are `null`. */
export function decodeText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function decodeFlag(value: unknown): boolean {
  return typeof value === 'number' ? value !== 0 : Number(value) !== 0 && !Number.isNaN(Number(value));
}

export function decodeGender(value: unknown): 'MALE' | 'FEMALE' | null {
  const text = decodeText(value)?.toLowerCase();
  return text === 'male' ? 'MALE' : text === 'female' ? 'FEMALE' : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `14-Mar-1988` → `1988-03-14`; empty → null; anything unreadable → undefined (the caller decides). */
export function decodeKognitivDate(value: unknown): string | null | undefined {
  const text = decodeText(value);
  if (text === null) return null;
  const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!.toLowerCase()) + 1;
  const day = Number(match[1]);
  const year = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month === 0 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

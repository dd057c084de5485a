/**
 * Vendor text kept for the log (fault strings, truncated bodies) can hold members' names, phone
 * numbers and birth dates. This masks them before the text is logged: personal elements' contents,
 * JSON name/phone fields, and any run of six or more digits.
 */
const PERSONAL_ELEMENTS =
  /<((?:\w+:)?(?:\w*Name|\w*Phone\w*|Birthdate|Password|SecurityToken|WSSecurityToken|Number|STDCode))>[^<]*<\/\1>/gi;
const PERSONAL_JSON = /"(\w*(?:[Nn]ame|[Pp]hone\w*|areaCode|password|secret|token)\w*)"\s*:\s*"[^"]*"/g;
const LONG_DIGITS = /\d[\d\s-]{4,}\d/g;

export function redactPersonalData(text: string): string {
  return text
    .replace(PERSONAL_ELEMENTS, (_m, tag: string) => `<${tag}>[redacted]</${tag}>`)
    .replace(PERSONAL_JSON, (_m, key: string) => `"${key}":"[redacted]"`)
    .replace(LONG_DIGITS, (digits) => (digits.replace(/\D/g, '').length >= 6 ? '[digits]' : digits));
}

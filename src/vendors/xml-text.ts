/**
 * The one place text becomes XML for the SOAP vendors. node-soap's own escaping passes a string
 * wrapped in `<![CDATA[ ... ]]>` through raw (on purpose), which lets a caller close the element and
 * write their own; so every SOAP client is made by soap-client.ts with `escapeXML: false` and gets every string already
 * encoded here, whoever supplied it (caller or configuration).
 */

/**
 * A character XML 1.0 cannot carry, raw or as a reference: C0 controls other than tab, LF and CR,
 * U+FFFE, U+FFFF and lone surrogates (with the `u` flag a lone surrogate is its own code point).
 */
export const XML_ILLEGAL_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Markup characters as entities and whitespace other than space as character references: a parser
 * turns a raw CR or CRLF into LF, so only a reference makes a CR arrive as sent.
 */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/** Element text whose parsed value is exactly `value`. */
export function encodeXmlText(value: string): string {
  // Callers' text is refused earlier with the field's name; reaching here means a bug or a bad setting.
  if (XML_ILLEGAL_CHARACTER.test(value)) throw new TypeError('text holds a character XML 1.0 cannot carry');
  return value.replace(/[&<>"'\t\n\r]/g, (character) => REPLACEMENTS[character]!);
}

export type SoapArguments = { [name: string]: string | number | boolean | undefined | SoapArguments };

/** The same arguments with every string encoded; numbers and booleans are written as they are. */
export function encodeSoapArguments<T extends SoapArguments>(args: T): T {
  return Object.fromEntries(
    Object.entries(args).map(([name, value]) => [
      name,
      typeof value === 'string' ? encodeXmlText(value) : typeof value === 'object' ? encodeSoapArguments(value) : value,
    ]),
  ) as T;
}

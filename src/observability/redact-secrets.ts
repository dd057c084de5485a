/**
 * The configured secrets themselves, wherever a log line carries them: a vendor that echoes our
 * request back (a .NET fault quoting the envelope, a token endpoint quoting the form) puts them in
 * text no field-name or pattern rule can recognise. Each secret is looked for in every encoding it
 * can take on the way to a log line.
 */
export const SECRET_CENSOR = '[secret]';

const escapeXmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeXmlFully = (text: string) => escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const escapeXmlNumeric = (text: string) => escapeXmlText(text).replace(/"/g, '&#34;').replace(/'/g, '&#39;');
const formEncode = (text: string) => new URLSearchParams({ s: text }).toString().slice(2);
/** The line is JSON: a string inside it is JSON-escaped, and a JSON text quoted inside it twice. */
const jsonEscape = (text: string) => JSON.stringify(text).slice(1, -1);

/** The secret as a request carries it (XML-escaped, URL- or form-encoded), and as an echo of that request quotes it (escaped again). */
function wireForms(secret: string): string[] {
  const sent = [
    secret,
    escapeXmlText(secret),
    escapeXmlFully(secret),
    escapeXmlNumeric(secret),
    encodeURIComponent(secret),
    formEncode(secret),
  ];
  return [...sent, ...sent.map(escapeXmlText)];
}

function logForms(secret: string): string[] {
  return wireForms(secret).flatMap((form) => [jsonEscape(form), jsonEscape(jsonEscape(form))]);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A function replacing every one of `forms` with SECRET_CENSOR; the identity when there is none. */
function censorOf(forms: string[]): (text: string) => string {
  const unique = [...new Set(forms)];
  if (unique.length === 0) return (text) => text;
  // Longest first, so that a form is never half-replaced by a shorter one it contains.
  const pattern = new RegExp(
    unique
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );
  return (text) => text.replace(pattern, SECRET_CENSOR);
}

const configured = (secrets: readonly (string | undefined)[]) => secrets.filter((s): s is string => typeof s === 'string' && s !== '');

/** A function that censors every form of every secret in a serialized log line; the identity when there is none. */
export function secretRedactor(secrets: readonly (string | undefined)[]): (line: string) => string {
  // JSON-escaped forms only: a bare form holding `"` could match across a string's end and break the line's JSON.
  return censorOf(configured(secrets).flatMap(logForms));
}

/**
 * A function that censors every form of every secret in raw text (a vendor's answer, before it becomes a log field):
 * the forms as sent and quoted, and JSON-escaped, as a JSON answer quotes them.
 */
export function secretTextCensor(secrets: readonly (string | undefined)[]): (text: string) => string {
  return censorOf(configured(secrets).flatMap((secret) => [...wireForms(secret), ...logForms(secret)]));
}

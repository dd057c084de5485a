/** How much of any one text a caller wrote (an operation name, an alias) a log line keeps. */
export const CALLER_TEXT_MAX_CHARS = 200;

/**
 * `text` cut to `max` characters, saying how much was cut, so that no field a caller or a vendor writes can make a
 * log line large. Cut last: whatever censors or masks the text must see it whole first.
 */
export function boundText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[cut ${text.length - max} characters]`;
}

/** A response path (field names, aliases, list indices) with each name bounded: aliases are the caller's words. */
export function boundPath(path: readonly (string | number)[] | undefined): (string | number)[] | undefined {
  return path?.map((step) => (typeof step === 'string' ? boundText(step, CALLER_TEXT_MAX_CHARS) : step));
}

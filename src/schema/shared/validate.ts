import { XML_ILLEGAL_CHARACTER } from '../../vendors/xml-text.js';
import { userInputError } from '../errors/user-input-error.js';

/**
 * Every caller string passes here before any vendor call. Trims nothing and guesses nothing: the
 * value is refused as it came, with the input path that failed. The limit is required so that no
 * input can be left unbounded; XML-illegal characters are refused because the vendors' .NET readers
 * would fault on them (and our SOAP encoding could not carry them).
 */
export function requireText(field: string, value: string, max: number): string {
  if (value.trim() === '') throw userInputError(field, 'must not be empty');
  if (value.length > max) throw userInputError(field, `must be at most ${max} characters`);
  if (XML_ILLEGAL_CHARACTER.test(value))
    throw userInputError(field, 'contains a character that is not allowed (a control character, U+FFFE, U+FFFF or a lone surrogate)');
  return value;
}

/** An optional input value sent as `null`, or a text sent empty, is the same as one left out. */
export function isLeftOut(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

/** An optional text left empty is the same as one left out. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | undefined {
  if (isLeftOut(value)) return undefined;
  return requireText(field, value, max);
}

import { userInputError } from '../errors/user-input-error.js';

/** Trims nothing and guesses nothing: the value is refused as it came, with the input path that failed. */
export function requireText(field: string, value: string, max?: number): string {
  if (value.trim() === '') throw userInputError(field, 'must not be empty');
  if (max !== undefined && value.length > max) throw userInputError(field, `must be at most ${max} characters`);
  return value;
}

/** An optional text left empty is the same as one left out. */
export function optionalText(field: string, value: string | null | undefined, max?: number): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return requireText(field, value, max);
}

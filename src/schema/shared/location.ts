import { INPUT_LIMITS } from './input-limits.js';

/** The `location` input field's description, the same on every mutation that takes one; `of` says whose location it is. */
export function locationDescription(of = ''): string {
  return `Kognitiv location external reference${of}, at most ${INPUT_LIMITS.location} characters; defaults to the configured location.`;
}

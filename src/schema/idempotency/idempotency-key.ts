import { userInputError } from '../errors/user-input-error.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { optionalText } from '../shared/validate.js';

/** The `idempotencyKey` input field's description, the same on every keyed mutation. */
export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Optional. Makes the mutation safe to retry: a repeat with the same key and input, by the same caller, within the retention ' +
  '(24 h by default), gets the first answer again without calling a vendor (the response header `Idempotent-Replayed: true` ' +
  "says so; a replayed error carries `extensions.replayed: true` and is not retryable: to try again, check the member's state " +
  'and use a new key). The same key with other input is IDEMPOTENCY_KEY_REUSED (an optional field left out, `null` or `""` ' +
  `is the same input). A UUID, say: at most ${INPUT_LIMITS.idempotencyKey} characters; the \`Idempotency-Key\` header may ` +
  'carry it instead (both given: they must match).';

/** The IETF draft sends the key as a structured-field string, `"…"`; routers and clients also send it bare. */
function unquoted(header: string): string {
  return /^"[^"]*"$/.test(header) ? header.slice(1, -1) : header;
}

/**
 * The request's idempotency key: `input.idempotencyKey` or the `Idempotency-Key` header, validated as
 * any caller string. Both given and different: refused, since either could be the one the client meant.
 */
export function idempotencyKeyOf(inputKey: string | null | undefined, headerKey: string | undefined): string | undefined {
  const fromInput = optionalText('input.idempotencyKey', inputKey, INPUT_LIMITS.idempotencyKey);
  const fromHeader = optionalText(
    'Idempotency-Key',
    headerKey === undefined ? undefined : unquoted(headerKey),
    INPUT_LIMITS.idempotencyKey,
  );
  if (fromInput !== undefined && fromHeader !== undefined && fromInput !== fromHeader) {
    throw userInputError('input.idempotencyKey', 'differs from the Idempotency-Key header');
  }
  return fromInput ?? fromHeader;
}

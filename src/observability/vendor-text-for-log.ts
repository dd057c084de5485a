import { boundText } from './bounded-text.js';
import { redactPersonalData } from './redact-personal-data.js';
import { secretTextCensor } from './redact-secrets.js';

/** How much raw vendor text (a fault string, an HTTP body) one log field keeps. */
export const VENDOR_TEXT_MAX_CHARS = 1_000;

/**
 * Raw vendor text as a log field, in the one order that cannot leak: the configured secrets are censored on the whole
 * text first (a cut or a mask inside a secret would leave a piece no censor recognises), then names and numbers are
 * masked, then the text is cut. Vendor errors carry their text whole (at most MAX_VENDOR_RESPONSE_BYTES) to here.
 */
export function vendorTextForLog(secrets: readonly (string | undefined)[]): (raw: string) => string {
  const censor = secretTextCensor(secrets);
  return (raw) => boundText(redactPersonalData(censor(raw)), VENDOR_TEXT_MAX_CHARS);
}

import { boundText } from './bounded-text.js';
import { redactPersonalData } from './redact-personal-data.js';
import { secretTextCensor } from './redact-secrets.js';

/** How much raw vendor text (a fault string, an HTTP body) one log field keeps. */
export const VENDOR_TEXT_MAX_CHARS = 1_000;

/** Text we did not write, made fit for a log field. */
export interface LogText {
  /** Raw vendor text: secrets censored, then names and numbers masked, then cut to VENDOR_TEXT_MAX_CHARS. */
  vendor(raw: string): string;
  /** Any other foreign text (an unexpected error's message or stack): secrets censored, then cut to `max`. */
  foreign(raw: string, max: number): string;
}

/**
 * Foreign text as a log field, in the one order that cannot leak: the configured secrets are censored on the whole
 * text first (a cut or a mask inside a secret would leave a piece no censor recognises), then anything else is done.
 * Vendor errors carry their text whole (at most MAX_VENDOR_RESPONSE_BYTES) to here. The logger's line censor stays
 * as the last net.
 */
export function logText(secrets: readonly (string | undefined)[]): LogText {
  const censor = secretTextCensor(secrets);
  return {
    vendor: (raw) => boundText(redactPersonalData(censor(raw)), VENDOR_TEXT_MAX_CHARS),
    foreign: (raw, max) => boundText(censor(raw), max),
  };
}

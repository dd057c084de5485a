/** A setting is missing, malformed or contradicts another; the message names it and never quotes a secret. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

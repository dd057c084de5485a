import type { Response } from 'express';
import { MEMBER_ERROR_CODES, type MemberErrorCode } from '../schema/errors/member-error-code.js';

/** What every refusal says besides its code; a refusal may add its own fields (`limit`, `retryAfter`, …). */
export interface RefusalExtensions {
  retryable: boolean;
  [name: string]: unknown;
}

/**
 * Answers a request refused before GraphQL runs. Shaped as a GraphQL response, so a router or client
 * reads it like any other error of ours: JSON, a `MemberErrorCode` and `retryable`, never HTML.
 */
export function refuse(res: Response, status: number, code: MemberErrorCode, extensions: RefusalExtensions, message: string = MEMBER_ERROR_CODES[code]): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

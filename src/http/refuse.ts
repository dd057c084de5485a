import type { Response } from 'express';
import type { MemberErrorCode } from '../schema/errors/member-error-code.js';
import { memberErrorBody, type MemberErrorExtensions } from '../schema/errors/member-error.js';

/**
 * Answers a request refused before GraphQL runs. Shaped as a GraphQL response, so a router or client
 * reads it like any other error of ours: JSON, a `MemberErrorCode` and `retryable`, never HTML.
 */
export function refuse(res: Response, status: number, code: MemberErrorCode, extensions: MemberErrorExtensions, message?: string): void {
  res.status(status).json({ errors: [memberErrorBody(code, extensions, message)] });
}

import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../../src/vendors/retry-after.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');

describe('retryAfterSeconds', () => {
  it.each([
    ['0', 0],
    ['30', 30],
    [' 120 ', 120],
    ['Fri, 27 Nov 2026 12:00:45 GMT', 45],
    ['Fri, 27 Nov 2026 11:59:00 GMT', 0],
  ])('reads %j as %i seconds', (header, seconds) => {
    expect(retryAfterSeconds(header, NOW)).toBe(seconds);
  });

  it.each(['-30', '1e9', '0x10', '2.5', '', 'soon', '2026-11-27T12:00:45Z', undefined, 30, ['30']])('reads %j as no answer', (header) => {
    expect(retryAfterSeconds(header, NOW)).toBeUndefined();
  });
});

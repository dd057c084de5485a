import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '../src/observability/redact-personal-data.js';

describe('redactPersonalData', () => {
  it('masks names, phones and birth dates in vendor XML', () => {
    const xml =
      '<FetchLoyaltyMemberCoreResult><ReturnCode>0</ReturnCode><MemberId>5001</MemberId><FirstName>Aroha</FirstName><LastName>Ngata</LastName><Birthdate>14-Mar-1988</Birthdate>';

    const redacted = redactPersonalData(xml);

    expect(redacted).not.toMatch(/Aroha|Ngata|1988/);
    expect(redacted).toContain('<ReturnCode>0</ReturnCode>');
    expect(redacted).toContain('<MemberId>5001</MemberId>');
  });

  it('masks phone numbers wherever they appear, and JSON personal fields', () => {
    expect(redactPersonalData('Duplicate phone +64 21 123 4567 for member')).toBe('Duplicate phone +[digits] for member');
    expect(redactPersonalData('{"phoneName":"Hemi","phoneNumber":"211234567","isPrimary":true}')).toBe(
      '{"phoneName":"[redacted]","phoneNumber":"[redacted]","isPrimary":true}',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { statusLookupMessages, validateStatusLookup } from '../../../functions/domain/status-lookup.ts';

describe('status lookup input', () => {
  it('normalises what a merchant types', () => {
    expect(validateStatusLookup({ reference: ' pa 7k3f 9q2m', phoneLast4: '１２３４' })).toEqual({
      success: true,
      data: { reference: 'PA-7K3F-9Q2M', phoneLast4: '1234' },
    });
  });

  it('explains each wrong field', () => {
    expect(validateStatusLookup({ reference: 'PA-0000', phoneLast4: 1234 })).toEqual({
      success: false,
      fields: { reference: statusLookupMessages.reference, phoneLast4: statusLookupMessages.phoneLast4 },
    });
  });

  it('rejects unknown fields', () => {
    const result = validateStatusLookup({ reference: 'PA-7K3F-9Q2M', phoneLast4: '1234', phone: '13800138000' });

    expect(result).toEqual({ success: false, fields: { phone: statusLookupMessages.unknownField } });
  });
});

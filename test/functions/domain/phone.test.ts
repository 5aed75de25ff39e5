import { describe, expect, it } from 'vitest';
import { isMainlandMobile, lastFourDigits, maskPhone, normalisePhone } from '../../../functions/domain/phone.ts';

describe('phone numbers', () => {
  it.each([
    ['+86 138 0013 8000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['138\u30000013\u30008000', '13800138000'],
    ['１３８－００１３－８０００', '13800138000'],
  ])('normalises %j', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it('does not strip 86 from a number that is itself 11 digits', () => {
    expect(normalisePhone('86123456789')).toBe('86123456789');
  });

  it.each([
    ['13800138000', true],
    ['19912345678', true],
    ['12800138000', false],
    ['1380013800', false],
    ['138001380001', false],
    ['0755-12345678', false],
  ])('%s is a mainland mobile: %s', (phone, expected) => {
    expect(isMainlandMobile(phone)).toBe(expected);
  });

  it('masks all but the first three and last four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('gives the last four digits', () => {
    expect(lastFourDigits('13812345678')).toBe('5678');
  });
});

import { describe, expect, it } from 'vitest';
import { maskName, personalDataStateOf } from '#domain/personal-data.ts';

describe('maskName', () => {
  it('keeps the family name only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧阳**');
    expect(maskName('买买提·艾力')).toBe('买买****');
  });
});

describe('personalDataStateOf', () => {
  it('says erased before expired', () => {
    expect(personalDataStateOf({ phone: '13800138000' })).toBe('present');
    expect(personalDataStateOf({})).toBe('expired');
    expect(personalDataStateOf({ erasure: { at: '', by: 'ops' } })).toBe('erased');
  });
});

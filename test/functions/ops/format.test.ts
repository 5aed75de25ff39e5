import { describe, expect, it } from 'vitest';
import { bar, chinaTime, maskName } from '../../../functions/ops/format.ts';

describe('bar', () => {
  it('scales to the maximum and shows any non-zero value', () => {
    expect(bar(10, 10, 20)).toBe('█'.repeat(20));
    expect(bar(5, 10, 20)).toBe('█'.repeat(10));
    expect(bar(1, 1000, 20)).toBe('█');
    expect(bar(0, 10)).toBe('');
  });
});

describe('China time', () => {
  it('shows instants in UTC+8', () => {
    expect(chinaTime('2026-11-25T16:30:00.000Z')).toBe('2026-11-26 00:30');
  });
});

describe('maskName', () => {
  it('keeps the family name only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧阳**');
    expect(maskName('买买提·艾力')).toBe('买买****');
  });
});

import { describe, expect, test } from 'vitest';
import { describeDeposit, describeRate, describeSimFee, formatDate, formatPercent, isoDay } from '../../../../site/src/lib/format.ts';

describe('figures as text', () => {
  test.each([
    [{ percent: 0.6 }, '0.6%'],
    [{ percent: 0.5, capYuan: 20 }, '0.5%（封顶 20 元）'],
    [{ percent: 0.38, limitYuan: 1000 }, '0.38%（单笔 1,000 元以内）'],
    [{ percent: null }, '未公开'],
    [null, '未公开'],
  ])('describeRate(%j) = %s', (rate, text) => {
    expect(describeRate(rate)).toBe(text);
  });

  test('percentages lose float noise', () => {
    expect(formatPercent(0.1 + 0.2)).toBe('0.3%');
  });

  test('deposit and SIM fee distinguish none from unpublished', () => {
    expect([describeDeposit(0), describeDeposit(99), describeDeposit(null)]).toEqual(['无押金', '99 元', '未公开']);
    expect([describeSimFee(0), describeSimFee(60), describeSimFee(null)]).toEqual(['不收', '60 元/年', '未公开']);
  });
});

describe('dates', () => {
  test('a content date keeps its calendar day whatever the time zone', () => {
    const day = new Date('2026-11-20T00:00:00Z');

    expect(formatDate(day)).toBe('2026年11月20日');
    expect(isoDay(day)).toBe('2026-11-20');
  });
});

import { describe, expect, it } from 'vitest';
import { chinaDay, chinaDayWindow, daysBefore, jitteredBackoffMs, parseTimeOfDay, startOfChinaDay, timeOfDay } from '../../../functions/domain/time.ts';

describe('the China calendar', () => {
  it('puts an instant on its China day and finds where that day starts and ends', () => {
    expect(chinaDay('2026-11-25T16:30:00.000Z')).toBe('2026-11-26');
    expect(startOfChinaDay('2026-11-26')).toBe('2026-11-25T16:00:00.000Z');
    expect(chinaDayWindow(Date.parse('2026-11-25T16:30:00.000Z'))).toEqual({
      start: Date.parse('2026-11-25T16:00:00.000Z'),
      end: Date.parse('2026-11-26T16:00:00.000Z'),
    });
  });

  it('refuses what is not a real date', () => {
    expect(startOfChinaDay('2026-02-30')).toBeUndefined();
    expect(startOfChinaDay('yesterday')).toBeUndefined();
  });

  it('counts days back from an instant, fractions included', () => {
    expect(daysBefore('2026-11-25T02:00:00.000Z', 30)).toBe('2026-10-26T02:00:00.000Z');
    expect(daysBefore('2026-11-25T02:00:00.000Z', 0.5)).toBe('2026-11-24T14:00:00.000Z');
  });
});

describe('times of day', () => {
  it('reads HH:MM on the 24-hour clock', () => {
    expect(parseTimeOfDay('09:30')).toEqual({ hour: 9, minute: 30 });
    expect(parseTimeOfDay('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(timeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
  });

  it('refuses what is not a time of day, rather than rolling it over into the next hour or day', () => {
    for (const value of ['24:00', '25:00', '14:60', '9:30', '09:30:00', ' 09:30', '']) {
      expect(parseTimeOfDay(value), value).toBeUndefined();
      expect(() => timeOfDay(value), value).toThrow(`"${value}"`);
    }
  });
});

describe('jitteredBackoffMs', () => {
  it('waits at most base × 2^attempt, never more than base × 64', () => {
    for (let attempt = 1; attempt <= 9; attempt++) {
      const waited = jitteredBackoffMs(attempt, 10);
      expect(waited).toBeGreaterThanOrEqual(0);
      expect(waited).toBeLessThan(10 * 2 ** Math.min(attempt, 6));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { nextReminderAt } from '../../../functions/local/background-tasks.ts';

describe("npm start's call-reminder timer", () => {
  it('fires at 09:30 and 14:00 China time, the same times as the EventBridge rules', () => {
    const at = (iso: string) => new Date(nextReminderAt(Date.parse(iso))).toISOString();

    expect(at('2026-12-07T00:00:00Z')).toBe('2026-12-07T01:30:00.000Z'); // 08:00 → 09:30
    expect(at('2026-12-07T01:30:00Z')).toBe('2026-12-07T06:00:00.000Z'); // 09:30 → 14:00
    expect(at('2026-12-07T07:00:00Z')).toBe('2026-12-08T01:30:00.000Z'); // 15:00 → next morning
    expect(at('2026-12-07T17:00:00Z')).toBe('2026-12-08T01:30:00.000Z'); // 01:00 China time → same China morning
  });

  it('refuses a time that is not one, instead of never firing at it (9:30 read as NaN) or firing at another (24:00)', () => {
    const now = Date.parse('2026-12-07T00:00:00Z');

    expect(() => nextReminderAt(now, ['9:30', '14:00'])).toThrow('"9:30"');
    expect(() => nextReminderAt(now, ['09:30', '24:00'])).toThrow('"24:00"');
  });
});

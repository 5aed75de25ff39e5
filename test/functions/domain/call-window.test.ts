import { describe, expect, it } from 'vitest';
import { isCallWindowOpen, orderForCalling } from '../../../functions/domain/call-window.ts';

// 2026-12-07 is a Monday. China time = UTC + 8.
const chinaTime = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const mondayMorning = chinaTime('2026-12-07', '10:30');
const mondayAfternoon = chinaTime('2026-12-07', '15:00');
const mondayEvening = chinaTime('2026-12-07', '19:00');
const saturdayMorning = chinaTime('2026-12-12', '10:30');
const mondayNight = chinaTime('2026-12-07', '23:30');

describe('isCallWindowOpen (China time)', () => {
  it.each([
    ['weekday_morning', mondayMorning, true],
    ['weekday_morning', mondayAfternoon, false],
    ['weekday_morning', saturdayMorning, false],
    ['weekday_afternoon', mondayAfternoon, true],
    ['evening', mondayEvening, true],
    ['evening', mondayMorning, false],
    ['weekend', saturdayMorning, true],
    ['weekend', mondayMorning, false],
    ['any', mondayMorning, true],
    ['any', mondayNight, false],
  ] as const)('%s at %s → %s', (window, at, open) => {
    expect(isCallWindowOpen(window, at)).toBe(open);
  });

  it('treats no preference as callable during the day', () => {
    expect(isCallWindowOpen(undefined, mondayAfternoon)).toBe(true);
  });

  it('uses China time whatever the server zone: 02:30 UTC on a Monday is 10:30 in China', () => {
    expect(isCallWindowOpen('weekday_morning', new Date('2026-12-07T02:30:00Z'))).toBe(true);
  });
});

describe('orderForCalling', () => {
  it('puts open windows first, then no preference, then closed windows, keeping arrival order within each', () => {
    const items = [
      { ref: 'a', callWindow: 'weekend' as const },
      { ref: 'b' },
      { ref: 'c', callWindow: 'weekday_morning' as const },
      { ref: 'd', callWindow: 'evening' as const },
      { ref: 'e', callWindow: 'any' as const },
    ];

    expect(orderForCalling(items, mondayMorning).map((item) => item.ref)).toEqual(['c', 'e', 'b', 'a', 'd']);
    expect(orderForCalling(items, saturdayMorning).map((item) => item.ref)).toEqual(['a', 'e', 'b', 'c', 'd']);
  });
});

import { describe, expect, it } from 'vitest';
import { firstCallPromisePeriod, FIRST_CALL_WORKING_DAYS } from '../../../functions/domain/call-promise.ts';
import { chinaWorkingCalendar } from '../../../functions/domain/china-working-calendar.ts';
import { firstCallDueAt, leadTiming } from '../../../functions/domain/leads.ts';
import { isWorkingDay, workingDayAfter, workingDaysBetween } from '../../../functions/domain/working-days.ts';

describe("mainland China's working-day calendar", () => {
  it('counts official days off as holidays and adjusted weekend days (调休) as working days', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休上班 before 春节
    expect(isWorkingDay('2026-02-16')).toBe(false); // Monday, 春节
    expect(isWorkingDay('2026-10-08')).toBe(true); // Thursday after 国庆
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2025-10-08')).toBe(false); // 2025: 国庆 and 中秋 together until the 8th
    expect(isWorkingDay('2026-12-05')).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2026-12-07')).toBe(true); // an ordinary Monday
  });

  it('every year names its notice, its issue date and a source', () => {
    for (const year of chinaWorkingCalendar) {
      expect(year.notice).toContain(`${year.year}年部分节假日安排`);
      expect(year.issuedOn < `${year.year}-01-01`).toBe(true);
      expect(year.sources.length).toBeGreaterThan(0);
      for (const [first, last] of year.daysOff) expect(first <= last && first.startsWith(String(year.year))).toBe(true);
    }
  });

  it('steps over a holiday week: two working days after Wednesday 30 September 2026 is Friday 9 October', () => {
    expect(workingDayAfter('2026-09-30', 2)).toBe('2026-10-09');
    expect(workingDaysBetween('2026-09-30T02:00:00Z', '2026-10-09T02:00:00Z')).toBe(2);
  });
});

describe('first-call promise', () => {
  it('the sentence merchants read and the due rule come from one constant', () => {
    expect(firstCallPromisePeriod).toBe(`${FIRST_CALL_WORKING_DAYS.usually}–${FIRST_CALL_WORKING_DAYS.atMost} 个工作日内`);
  });

  it('is due at the end (24:00 China time) of the second working day after the submission day', () => {
    // Monday 7 December 2026, 10:00 in China → due by the end of Wednesday 9 December, China time.
    expect(firstCallDueAt('2026-12-07T02:00:00Z')).toBe('2026-12-09T16:00:00.000Z');
    // Submitted on Friday 13 February 2026 (China): Saturday 14th is a working day, then 春节 until the 23rd.
    expect(firstCallDueAt('2026-02-13T04:00:00Z')).toBe('2026-02-24T16:00:00.000Z');
  });

  it('is overdue once that time has passed, and the age counts working days only', () => {
    const lead = { createdAt: '2026-12-04T02:00:00Z' }; // Friday
    const beforeDue = leadTiming(lead, new Date('2026-12-08T15:59:00Z'));
    const afterDue = leadTiming(lead, new Date('2026-12-08T16:00:00Z'));

    expect(beforeDue).toMatchObject({ overdue: false, ageWorkingDays: 2, dueAt: '2026-12-08T16:00:00.000Z' });
    expect(afterDue).toMatchObject({ overdue: true, ageWorkingDays: 3 });
  });

  it('an agreed callback replaces the due time, so a callback that has come due is overdue again', () => {
    const calls = {
      attempts: 1,
      firstAttemptAt: '2026-12-07T02:00:00Z',
      lastAttemptAt: '2026-12-07T02:00:00Z',
      lastOutcome: 'callback' as const,
      nextCallAt: '2026-12-10T06:00:00Z',
      failedDays: [],
    };
    const lead = { createdAt: '2026-12-07T01:00:00Z', calls };

    expect(leadTiming(lead, new Date('2026-12-10T05:59:00Z'))).toMatchObject({
      dueAt: '2026-12-10T06:00:00Z',
      overdue: false,
      callbackAt: '2026-12-10T06:00:00Z',
    });
    expect(leadTiming(lead, new Date('2026-12-10T06:00:00Z')).overdue).toBe(true);
  });
});

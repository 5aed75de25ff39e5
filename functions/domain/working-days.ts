/**
 * Working days on mainland China's calendar (china-working-calendar.ts): weekdays, minus the official days off, plus
 * the adjusted working weekend days. Days are China calendar days (`YYYY-MM-DD`, UTC+8, see time.ts).
 */
import { chinaWorkingCalendar } from './china-working-calendar.ts';
import { chinaDay, DAY_MS, startOfChinaDay } from './time.ts';

const daysOff = new Set<string>();
const workingWeekendDays = new Set<string>();
for (const year of chinaWorkingCalendar) {
  for (const [first, last] of year.daysOff) for (let day = first; day <= last; day = nextDay(day)) daysOff.add(day);
  for (const day of year.workingWeekendDays) workingWeekendDays.add(day);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string): boolean {
  if (daysOff.has(day)) return false;
  if (workingWeekendDays.has(day)) return true;
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `count`-th working day after `day` (not counting `day` itself). */
export function workingDayAfter(day: string, count: number): string {
  let current = day;
  for (let found = 0; found < count; ) {
    current = nextDay(current);
    if (isWorkingDay(current)) found++;
  }
  return current;
}

/** Working days after the China day of `fromIso`, up to and including the China day of `toIso` (0 when the same day or earlier). */
export function workingDaysBetween(fromIso: string, toIso: string): number {
  const last = chinaDay(toIso);
  let count = 0;
  for (let day = nextDay(chinaDay(fromIso)); day <= last; day = nextDay(day)) if (isWorkingDay(day)) count++;
  return count;
}

/** The end (24:00 China time) of the `count`-th working day after the China day of `iso`, as an ISO instant. */
export function endOfWorkingDayAfter(iso: string, count: number): string {
  return startOfChinaDay(nextDay(workingDayAfter(chinaDay(iso), count)))!;
}

/**
 * Time units and the merchant's calendar, in one place. China Standard Time is UTC+8 all year (no daylight saving),
 * so a China calendar day is a fixed 24-hour window and plain arithmetic on epoch milliseconds is exact.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** `2026-11-25`: the China calendar day of an instant. */
export function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China calendar day containing `epochMs`, as [start, end) in epoch milliseconds. */
export function chinaDayWindow(epochMs: number): { start: number; end: number } {
  const start = Math.floor((epochMs + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
  return { start, end: start + DAY_MS };
}

/** Midnight China time at the start of `day` (YYYY-MM-DD), as an ISO instant; undefined when not a real date. */
export function startOfChinaDay(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const midnightUtc = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(midnightUtc) || new Date(midnightUtc).toISOString().slice(0, 10) !== day) return undefined;
  return new Date(midnightUtc - CHINA_OFFSET_MS).toISOString();
}

/** A time of day on the 24-hour clock. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** `14:00` → { hour: 14, minute: 0 }; undefined for what is not a time of day (`9:30`, `24:00`, `14:60`). */
export function parseTimeOfDay(value: string): TimeOfDay | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** parseTimeOfDay for times the code fixes (schedules): a malformed one is a mistake in the code, so it throws. */
export function timeOfDay(value: string): TimeOfDay {
  const parsed = parseTimeOfDay(value);
  if (!parsed) throw new Error(`not a time of day (HH:MM, 00:00–23:59): "${value}"`);
  return parsed;
}

/** The ISO instant `days` days before `iso` (whole or fractional days). */
export function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(iso) - days * DAY_MS).toISOString();
}

/**
 * How long to wait before retry `attempt` (1, 2, 3…) of something that collided with concurrent work: exponential
 * from `baseMs`, capped at 2^6 × base, with full jitter so colliding callers spread out.
 */
export function jitteredBackoffMs(attempt: number, baseMs: number): number {
  return Math.random() * baseMs * 2 ** Math.min(attempt, 6);
}

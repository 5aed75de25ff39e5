/**
 * The merchant's preferred call window (the form's optional "方便接听时间") against the clock, in China time: whether
 * a reviewer calling now is likely to be welcome, and the order "to call" lists use (callable now first).
 */
import type { CallWindow } from './application.ts';
import { CHINA_OFFSET_MS } from './time.ts';

/** China-time hours [from, to) and days each window covers; `any` is the whole of our calling day. */
const windows: Readonly<Record<CallWindow, { days: 'weekdays' | 'weekend' | 'all'; from: number; to: number }>> = {
  weekday_morning: { days: 'weekdays', from: 9, to: 12 },
  weekday_afternoon: { days: 'weekdays', from: 13, to: 18 },
  evening: { days: 'all', from: 18, to: 21 },
  weekend: { days: 'weekend', from: 9, to: 21 },
  any: { days: 'all', from: 9, to: 21 },
};

/** Whether `window` is open at `at`; no window given means no preference (always callable). */
export function isCallWindowOpen(window: CallWindow | undefined, at: Date): boolean {
  if (window === undefined) return true;
  const china = new Date(at.getTime() + CHINA_OFFSET_MS);
  const day = china.getUTCDay();
  const hour = china.getUTCHours();
  const { days, from, to } = windows[window];
  const isWeekend = day === 0 || day === 6;
  const dayMatches = days === 'all' || (days === 'weekend' ? isWeekend : !isWeekend);
  return dayMatches && hour >= from && hour < to;
}

/**
 * "To call" order: applications whose preferred window is open now first (a stated window before no preference),
 * then the rest; within each group the order they came in (stable).
 */
export function orderForCalling<T extends { callWindow?: CallWindow | undefined }>(items: readonly T[], now: Date): T[] {
  const rank = (item: T) => (item.callWindow === undefined ? 1 : isCallWindowOpen(item.callWindow, now) ? 0 : 2);
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ item }) => item);
}

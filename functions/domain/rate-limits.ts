/**
 * Fixed-window rate limits. Each limit counts events for one subject (a pseudonymised address or phone, or a
 * reference) in the current window; the window's start is part of the counter's identity, so a new window starts
 * from zero and old counters simply expire. "Address" is always domain/viewer-address.ts's addressKey: an IPv4
 * address or an IPv6 /64.
 *
 * No limit is keyed on something a stranger can use up for someone else. A phone number or a reference is counted
 * together with the address it came from: a stranger typing a merchant's phone number, or guessing the last digits
 * of a merchant's reference, uses up only their own address's allowance, never the merchant's.
 */
import { chinaDayWindow, HOUR_MS, MINUTE_MS } from './time.ts';

export type RateLimitName =
  /** Every write or lookup from one address: submissions and status lookups share it. */
  | 'requests_per_ip_per_minute'
  /** Applications for one phone number from one address per calendar day. */
  | 'applications_per_phone_per_address_per_day'
  /** Failed status lookups from one address per hour. */
  | 'status_misses_per_ip_per_hour'
  /** Failed status lookups for one reference from one address per calendar day: one guesser stops quickly. */
  | 'status_misses_per_reference_per_address_per_day'
  /**
   * Failed status lookups for one reference from all addresses together per calendar day: the backstop against a
   * guesser with many addresses. Set high (100 of 10,000 possible digits) so that only such an attack, never one
   * stranger, can make the owner wait until tomorrow.
   */
  | 'status_misses_per_reference_per_day'
  /** Console: phone numbers one signed-in user reveals per hour. */
  | 'console_reveals_per_user_per_hour'
  /** Console: notes one signed-in user writes per hour. */
  | 'console_notes_per_user_per_hour'
  /** Console: queue searches (listings) one signed-in user runs per minute. */
  | 'console_searches_per_user_per_minute'
  /** Console: searches by full phone number one signed-in user runs per hour (each says whether that phone applied). */
  | 'console_phone_searches_per_user_per_hour';

/**
 * Per-user limits in the console: well above a day's honest work (a reviewer calls a few dozen merchants an hour),
 * far below what it takes to flood the table or copy it phone by phone.
 */
export const consoleUserLimits = {
  console_reveals_per_user_per_hour: 120,
  console_notes_per_user_per_hour: 120,
  console_searches_per_user_per_minute: 60,
  // A caller who rings back is found in one search; what would take thousands is probing numbers.
  console_phone_searches_per_user_per_hour: 60,
} as const satisfies Partial<Record<RateLimitName, number>>;

type WindowUnit = 'minute' | 'hour' | 'day';

const windowUnitOf: Readonly<Record<RateLimitName, WindowUnit>> = {
  requests_per_ip_per_minute: 'minute',
  applications_per_phone_per_address_per_day: 'day',
  status_misses_per_ip_per_hour: 'hour',
  status_misses_per_reference_per_address_per_day: 'day',
  status_misses_per_reference_per_day: 'day',
  console_reveals_per_user_per_hour: 'hour',
  console_notes_per_user_per_hour: 'hour',
  console_searches_per_user_per_minute: 'minute',
  console_phone_searches_per_user_per_hour: 'hour',
};

export interface RateLimit {
  readonly name: RateLimitName;
  /** Counter identity: limit, subject and window start. */
  readonly counterKey: string;
  readonly limit: number;
  readonly resetsAt: Date;
}

function windowOf(unit: WindowUnit, now: Date): { start: number; end: number } {
  const t = now.getTime();
  // Days follow the merchant's calendar (China Standard Time).
  if (unit === 'day') return chinaDayWindow(t);
  const size = unit === 'hour' ? HOUR_MS : MINUTE_MS;
  const start = Math.floor(t / size) * size;
  return { start, end: start + size };
}

/** The limit `name` for `subject` (already pseudonymised where it is personal data) in the window containing `now`. */
export function rateLimit(name: RateLimitName, subject: string, limit: number, now: Date): RateLimit {
  const { start, end } = windowOf(windowUnitOf[name], now);
  return { name, counterKey: `${name}#${subject}#${new Date(start).toISOString()}`, limit, resetsAt: new Date(end) };
}

/** Whole seconds until the limit's window ends (at least 1): the `Retry-After` value. */
export function retryAfterSeconds(limit: RateLimit, now: Date): number {
  return Math.max(1, Math.ceil((limit.resetsAt.getTime() - now.getTime()) / 1000));
}

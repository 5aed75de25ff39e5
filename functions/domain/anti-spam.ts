/**
 * How intake tells bots from people without a CAPTCHA (which would also stop merchants). Hard signals make a
 * submission spam: it gets the same-looking success but is stored without personal data and never reviewed.
 * Soft signals are only recorded on the application for the review worker to weigh.
 */
import type { ApplicationInput } from './application.ts';

/** Nobody fills the form in under three seconds. */
export const MIN_FILL_TIME_MS = 3_000;
/**
 * `startedAt` comes from the visitor's clock. A phone whose clock runs a little fast reports a start slightly in the
 * future; that is skew, not a bot, and a lead lost silently is worse than a bot let through to review.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 2 * 60_000;
/** Before the site existed: such a start time was made up. */
export const EARLIEST_PLAUSIBLE_START_MS = Date.UTC(2025, 0, 1);

export type SpamReason = 'honeypot' | 'too_fast' | 'implausible_start';

export function spamReason(input: Pick<ApplicationInput, 'website' | 'startedAt'>, now: Date): SpamReason | undefined {
  if (input.website !== undefined && input.website.trim() !== '') return 'honeypot';
  const elapsed = now.getTime() - input.startedAt;
  if (input.startedAt < EARLIEST_PLAUSIBLE_START_MS || elapsed < -CLOCK_SKEW_ALLOWANCE_MS) return 'implausible_start';
  if (elapsed >= 0 && elapsed < MIN_FILL_TIME_MS) return 'too_fast';
  return undefined;
}

export type SoftSignal = 'note_has_link' | 'quick_fill' | 'stale_form';

/** Fast, but not impossibly fast. */
const QUICK_FILL_MS = 10_000;
/** A form left open for a week and then sent. */
const STALE_FORM_MS = 7 * 24 * 3_600_000;
const LINK = /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|cn|net|org|top|xyz|vip|cc)\b/i;

export function softSignals(input: Pick<ApplicationInput, 'note' | 'startedAt'>, now: Date): SoftSignal[] {
  const signals: SoftSignal[] = [];
  const elapsed = now.getTime() - input.startedAt;
  if (input.note !== undefined && LINK.test(input.note)) signals.push('note_has_link');
  if (elapsed >= MIN_FILL_TIME_MS && elapsed < QUICK_FILL_MS) signals.push('quick_fill');
  if (elapsed > STALE_FORM_MS) signals.push('stale_form');
  return signals;
}

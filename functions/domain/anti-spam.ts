/**
 * How intake tells bots from people without a CAPTCHA (which would also stop merchants). Hard signals make a
 * submission spam: it gets the same-looking success but is stored without personal data and never reviewed, so the
 * reference the merchant is shown leads nowhere. A hard signal must therefore be one a person never triggers.
 * Soft signals are only recorded on the application for screening and the person who calls to weigh
 * (domain/screening.ts decides which combinations reject).
 *
 * How long the form was open comes from the form token (domain/form-token.ts): issued by the API, timed by the
 * server's clock, the same for the enhanced form and a form posted without JavaScript. No device clock is involved,
 * so no signal needs to allow for a phone whose clock is wrong.
 *
 * The hard signals: a filled honeypot, and a token younger than three seconds on a JSON submission. Nobody types a
 * name, a phone number and a city that fast, while a bot that fetches a token and posts at once lands there every
 * time. (A form posted without JavaScript is never trapped for speed: see domain/form-token.ts.)
 */
import type { ApplicationInput } from './application.ts';
import type { FormTokenCheck } from './form-token.ts';

export const spamReasons = ['honeypot', 'too_fast'] as const;
export type SpamReason = (typeof spamReasons)[number];

export function spamReason(input: Pick<ApplicationInput, 'website'>, token: FormTokenCheck): SpamReason | undefined {
  if (input.website !== undefined && input.website.trim() !== '') return 'honeypot';
  // A confirmation's token was issued with the filled-in form: its age is not a fill time.
  if (token.kind === 'too_new' && token.issuedBy === 'page') return 'too_fast';
  return undefined;
}

export const softSignalNames = ['note_has_link', 'quick_fill', 'stale_form'] as const;
export type SoftSignal = (typeof softSignalNames)[number];

/** Fast, but not impossibly fast. */
const QUICK_FILL_MS = 10_000;
/** A form left open half a day and then sent (tokens last twelve hours). */
const STALE_FORM_MS = 6 * 3_600_000;
const LINK = /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|cn|net|org|top|xyz|vip|cc)\b/i;

/**
 * `formAgeMs`: how long ago the submission's form token was issued, when that is how long the form was open (a token
 * issued with an empty form); undefined for a confirmation's token, which times only the click on "submit again".
 */
export function softSignals(input: Pick<ApplicationInput, 'note'>, formAgeMs: number | undefined): SoftSignal[] {
  const signals: SoftSignal[] = [];
  if (input.note !== undefined && LINK.test(input.note)) signals.push('note_has_link');
  if (formAgeMs !== undefined && formAgeMs < QUICK_FILL_MS) signals.push('quick_fill');
  if (formAgeMs !== undefined && formAgeMs > STALE_FORM_MS) signals.push('stale_form');
  return signals;
}

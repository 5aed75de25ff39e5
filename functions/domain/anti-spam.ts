/**
 * How intake tells bots from people without a CAPTCHA (which would also stop merchants). Hard signals make a
 * submission spam: it gets the same-looking success but is stored without personal data and never reviewed, so the
 * reference the merchant is shown leads nowhere. A hard signal must therefore be one a person never triggers.
 * Soft signals are only recorded on the application for screening and the person who calls to weigh
 * (domain/screening.ts decides which combinations reject).
 *
 * `startedAt` is when the form was shown, by the clock of whatever rendered it, and depends on the channel:
 *
 * - `json` (the enhanced form): the merchant's phone stamps it when the page opens, with the phone's clock. Phone
 *   clocks are wrong in both directions: minutes fast, or reset to a factory date after a flat battery. The server
 *   cannot tell a wrong clock from a forged value, so NOTHING about the clock is a hard signal: a start before the
 *   site existed, or more than two minutes in the future, is recorded as the soft signal `implausible_start`, and
 *   then no other time-based signal is derived (the elapsed time is meaningless, and a "week-old form" from a reset
 *   clock must not join a link in the note to reject a real lead).
 * - `form` (posted without JavaScript): the static /apply/ page carries its BUILD time, or the API carries its own
 *   time when it re-renders the form with messages. Neither says how long the merchant took, and a build is often
 *   weeks old, so `quick_fill`, `stale_form` and `implausible_start` are never derived for form posts.
 *
 * The hard signals: a filled honeypot, and a fill between 0 and 3 s after the form was shown. Nobody types a name,
 * a phone number and a city that fast, while a bot that copies the page's `startedAt` and posts at once lands there
 * every time. A wrong phone clock puts the measured time there only if its error cancels the real fill time to within
 * those 3 s, which is rare, unlike the flat "implausible" rule this replaces (every phone more than 2 min fast).
 */
import type { ApplicationInput } from './application.ts';
import type { IntakeChannel } from './ports.ts';

/** Nobody fills the form in under three seconds. */
export const MIN_FILL_TIME_MS = 3_000;
/**
 * A phone whose clock runs a little fast reports a start slightly in the future; up to this much that is ordinary skew
 * and the elapsed time is still used (it just reads short). Beyond it the start is recorded as implausible.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 2 * 60_000;
/** Before the site existed: such a start time comes from a reset clock, or was made up. */
export const EARLIEST_PLAUSIBLE_START_MS = Date.UTC(2025, 0, 1);

export const spamReasons = ['honeypot', 'too_fast'] as const;
export type SpamReason = (typeof spamReasons)[number];

/** How ops read each reason (CLI `show`, `list`, `export`, `stats`). */
export const spamReasonLabels: Readonly<Record<SpamReason, string>> = {
  honeypot: '填写了隐藏字段（机器人陷阱）',
  too_fast: '打开表单后 3 秒内提交',
};

export function spamReason(input: Pick<ApplicationInput, 'website' | 'startedAt'>, now: Date): SpamReason | undefined {
  if (input.website !== undefined && input.website.trim() !== '') return 'honeypot';
  const elapsed = now.getTime() - input.startedAt;
  if (elapsed >= 0 && elapsed < MIN_FILL_TIME_MS) return 'too_fast';
  return undefined;
}

export const softSignalNames = ['note_has_link', 'quick_fill', 'stale_form', 'implausible_start'] as const;
export type SoftSignal = (typeof softSignalNames)[number];

/** How ops read each signal (short: listings show them as flags). */
export const softSignalLabels: Readonly<Record<SoftSignal, string>> = {
  note_has_link: '备注含链接',
  quick_fill: '填写很快',
  stale_form: '表单放置过久',
  implausible_start: '设备时间异常',
};

/** Fast, but not impossibly fast. */
const QUICK_FILL_MS = 10_000;
/** A form left open for a week and then sent. */
const STALE_FORM_MS = 7 * 24 * 3_600_000;
const LINK = /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|cn|net|org|top|xyz|vip|cc)\b/i;

export function softSignals(input: Pick<ApplicationInput, 'note' | 'startedAt'>, now: Date, channel: IntakeChannel): SoftSignal[] {
  const signals: SoftSignal[] = [];
  if (input.note !== undefined && LINK.test(input.note)) signals.push('note_has_link');
  // Without JavaScript, startedAt is a build or server time: it says nothing about the merchant (see the header).
  if (channel === 'form') return signals;
  const elapsed = now.getTime() - input.startedAt;
  if (input.startedAt < EARLIEST_PLAUSIBLE_START_MS || elapsed < -CLOCK_SKEW_ALLOWANCE_MS) {
    signals.push('implausible_start');
    return signals;
  }
  if (elapsed >= MIN_FILL_TIME_MS && elapsed < QUICK_FILL_MS) signals.push('quick_fill');
  if (elapsed > STALE_FORM_MS) signals.push('stale_form');
  return signals;
}

/**
 * Automated screening of a newly submitted application: the rules, as pure functions. The review worker gathers the
 * facts (the application, whether its phone is blocked, other applications from the same phone) and applies them;
 * the outcome is `pending_review` (a person calls) or `rejected` with a machine-readable code.
 *
 * Rules, in the order they are checked (the first that matches decides):
 *
 * | Code            | Rejects when                                                                                          |
 * |-----------------|-------------------------------------------------------------------------------------------------------|
 * | `incomplete`    | a field review needs is missing or invalid (name, phone and its hash, city, merchant type, brand, consent) |
 * | `blocked_phone` | the phone's hash is on the blocked list (`npm run ops -- block --phone …`)                            |
 * | `spam_signal`   | intake's soft signals form a rejecting combination (below)                                            |
 *
 * Another open application from the same phone within 30 days rejects nothing: anyone can type anyone's phone number,
 * so "the same phone applied before" may be an impostor who applied first, and rejecting the later application would
 * hand the impostor the merchant's place. Both are linked for the person who calls (sameNumberApplications), and
 * nothing about either reaches a merchant's status answer.
 *
 * Soft signals (domain/anti-spam.ts) are recorded by intake because none of them alone proves a bot: merchants paste
 * their shop's map or store link into the note, and browser autofill makes people fast. What people do not do is
 * paste a link into a form they filled in under ten seconds, or come back to a week-old form to paste one. So a link
 * in the note rejects only together with `quick_fill` or `stale_form`; any single signal goes to a person, flagged.
 */
import type { SoftSignal } from './anti-spam.ts';
import { brands, merchantTypes } from './application.ts';
import { isKnownCity } from './cities.ts';
import { isMainlandMobile } from './phone.ts';
import type { ScreeningRejectionCode, StoredApplication } from './records.ts';
import { isOpen } from './status-transitions.ts';
import { daysBefore } from './time.ts';

/** Open applications from the same phone within this many days are linked for the reviewer. */
export const SAME_PHONE_WINDOW_DAYS = 30;

/** Soft-signal combinations that reject on their own; see the header for why single signals do not. */
export const rejectingSignalCombinations: readonly (readonly SoftSignal[])[] = [
  ['note_has_link', 'quick_fill'],
  ['note_has_link', 'stale_form'],
];

export function hasRejectingSignals(signals: readonly SoftSignal[]): boolean {
  return rejectingSignalCombinations.some((combination) => combination.every((signal) => signals.includes(signal)));
}

export interface ScreeningFacts {
  application: StoredApplication;
  /** The application's phone hash is on the blocked list. */
  phoneBlocked: boolean;
  /** Other applications with the same phone hash (any status; the rules pick what counts). */
  samePhone: readonly StoredApplication[];
}

export type ScreeningDecision =
  /** `samePhoneAs`: other open applications from the same phone (references), for the reviewer to weigh. */
  { outcome: 'pending_review'; signals: SoftSignal[]; samePhoneAs: string[] } | { outcome: 'rejected'; code: ScreeningRejectionCode; signals: SoftSignal[] };

export function screen(facts: ScreeningFacts): ScreeningDecision {
  const { application } = facts;
  const signals = [...(application.signals ?? [])];
  if (missingFields(application).length > 0) return { outcome: 'rejected', code: 'incomplete', signals };
  if (facts.phoneBlocked) return { outcome: 'rejected', code: 'blocked_phone', signals };
  if (hasRejectingSignals(signals)) return { outcome: 'rejected', code: 'spam_signal', signals };
  return { outcome: 'pending_review', signals, samePhoneAs: sameNumberApplications(application, facts.samePhone).map((other) => other.reference) };
}

/** Fields review cannot do without that are missing or invalid, by name. */
export function missingFields(application: StoredApplication): string[] {
  const missing: string[] = [];
  if (!application.name?.trim()) missing.push('name');
  if (application.phone === undefined || !isMainlandMobile(application.phone)) missing.push('phone');
  if (!application.phoneHash) missing.push('phoneHash');
  if (typeof application.city !== 'string' || !isKnownCity(application.city)) missing.push('city');
  if (!(merchantTypes as readonly string[]).includes(application.merchantType)) missing.push('merchantType');
  if (!(brands as readonly string[]).includes(application.brand)) missing.push('brand');
  const consent = application.consent;
  if (consent?.privacy !== true || consent.crossBorder !== true || consent.providerSharing !== true) missing.push('consent');
  return missing;
}

/**
 * Other open applications from the same phone created within 30 days before this one (or after it), oldest first.
 * Any of them may be the merchant's own second try, a colleague's application for the same shop, or an impostor's:
 * only a person on the phone can tell, so they are shown side by side and none is rejected for it.
 */
export function sameNumberApplications(application: StoredApplication, samePhone: readonly StoredApplication[]): StoredApplication[] {
  const windowStart = daysBefore(application.createdAt, SAME_PHONE_WINDOW_DAYS);
  return samePhone
    .filter((other) => other.reference !== application.reference && other.createdAt >= windowStart && isOpen(other.status))
    .sort((a, b) => `${a.createdAt}#${a.reference}`.localeCompare(`${b.createdAt}#${b.reference}`));
}

/**
 * An application as a lead to call: when its first call is due (the promise in call-promise.ts, on mainland China's
 * working-day calendar), who owns it, and what the calls so far came to. Pure: the console, the ops CLI and the
 * reminder digest all read leads through these functions.
 */
import { FIRST_CALL_WORKING_DAYS } from './call-promise.ts';
import { chinaDay } from './time.ts';
import { endOfWorkingDayAfter, workingDaysBetween } from './working-days.ts';

/** What a call attempt came to. Only `reached` means the merchant was spoken to about the application. */
export const callOutcomes = ['reached', 'no_answer', 'busy', 'invalid_number', 'callback', 'refused'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** Outcomes that may carry a next-call time; `callback` must. */
export const outcomesWithNextCall: readonly CallOutcome[] = ['no_answer', 'callback'];
/** Attempts that did not get through: counted towards offering to close an unreachable lead. */
export const failedOutcomes: readonly CallOutcome[] = ['no_answer', 'busy'];

/** One call attempt, stored as its own item (never a growing list inside the application). */
export interface CallAttempt {
  reference: string;
  /** ISO 8601. */
  at: string;
  /** `console:<user>` or `ops:<user>`. */
  by: string;
  outcome: CallOutcome;
  /** ISO 8601: when to call again (未接 / 约回电). */
  nextCallAt?: string;
}

/** What the application item keeps about its calls, updated with each attempt in the same write. */
export interface CallSummary {
  attempts: number;
  firstAttemptAt: string;
  lastAttemptAt: string;
  lastOutcome: CallOutcome;
  /** The next call agreed or planned (absent once an attempt set none). */
  nextCallAt?: string;
  /** China days with a failed attempt (未接 / 忙线), so that several tries on one day count once. */
  failedDays: string[];
  /** When the merchant was first reached. */
  reachedAt?: string;
}

/** Who follows the application up (a console user id), since when. */
export interface LeadOwner {
  id: string;
  /** ISO 8601. */
  since: string;
}

/** Who acts on a lead: their user id, how the history names them (`console:<id>`), and whether they are an admin. */
export interface Actor {
  id: string;
  actor: string;
  isAdmin: boolean;
}

/** Someone else follows this application up: only they or an admin may act on it. */
export type OwnedByOther = { kind: 'owned_by_other'; owner: string };

/** undefined when `actor` may act on `application`; otherwise who owns it. */
export function ownershipRefusal(application: { owner?: LeadOwner | undefined }, actor: Actor): OwnedByOther | undefined {
  const owner = application.owner?.id;
  return owner === undefined || owner === actor.id || actor.isAdmin ? undefined : { kind: 'owned_by_other', owner };
}

/** The summary after one more attempt. */
export function summariseAttempt(previous: CallSummary | undefined, attempt: CallAttempt): CallSummary {
  const failedDays = new Set(previous?.failedDays ?? []);
  if (failedOutcomes.includes(attempt.outcome)) failedDays.add(chinaDay(attempt.at));
  const reachedAt = previous?.reachedAt ?? (attempt.outcome === 'reached' ? attempt.at : undefined);
  return {
    attempts: (previous?.attempts ?? 0) + 1,
    firstAttemptAt: previous?.firstAttemptAt ?? attempt.at,
    lastAttemptAt: attempt.at,
    lastOutcome: attempt.outcome,
    ...(attempt.nextCallAt !== undefined && { nextCallAt: attempt.nextCallAt }),
    failedDays: [...failedDays].sort(),
    ...(reachedAt !== undefined && { reachedAt }),
  };
}

/** The first call is due by the end of the last promised working day after the submission day. */
export function firstCallDueAt(createdAt: string): string {
  return endOfWorkingDayAfter(createdAt, FIRST_CALL_WORKING_DAYS.atMost);
}

/**
 * When the lead should be called next, from its submission and its calls alone (no clock, so a write can store it):
 * the agreed callback; after an attempt that did not get through and set no time, the end of the next working day;
 * before any attempt, the promise's due time.
 */
export function nextCallDueAt(lead: { createdAt: string; calls?: CallSummary | undefined }): string {
  if (lead.calls?.nextCallAt !== undefined) return lead.calls.nextCallAt;
  return lead.calls ? endOfWorkingDayAfter(lead.calls.lastAttemptAt, 1) : firstCallDueAt(lead.createdAt);
}

/** A lead's place in the "to call" list: by when it should be called next, then first come, first called. */
export interface ToCallOrder {
  dueAt: string;
  createdAt: string;
}

export const toCallOrderOf = (lead: { createdAt: string; calls?: CallSummary | undefined }): ToCallOrder => ({
  dueAt: nextCallDueAt(lead),
  createdAt: lead.createdAt,
});

export interface LeadTiming {
  /** When the lead should be called next: the agreed callback, else the promise's due time. */
  dueAt: string;
  /** The callback time, when that is what `dueAt` is. */
  callbackAt?: string;
  /** The promise's due time for the first call. */
  firstCallDueAt: string;
  /** Past `dueAt`. */
  overdue: boolean;
  /** Working days since the submission day. */
  ageWorkingDays: number;
}

export function leadTiming(lead: { createdAt: string; calls?: CallSummary }, now: Date): LeadTiming {
  const promised = firstCallDueAt(lead.createdAt);
  const callbackAt = lead.calls?.nextCallAt;
  const dueAt = nextCallDueAt(lead);
  return {
    dueAt,
    ...(callbackAt !== undefined && { callbackAt }),
    firstCallDueAt: promised,
    overdue: Date.parse(dueAt) <= now.getTime(),
    ageWorkingDays: workingDaysBetween(lead.createdAt, now.toISOString()),
  };
}

/** Why the console and `ops call` offer to close a lead (presentation/labels-zh.ts words it). */
export type ClosingReason = { code: 'invalid_number' } | { code: 'refused' } | { code: 'unreachable'; failedDays: number };

/** Why to offer closing the lead, or undefined. `failedDaysBeforeClosing` is configurable (FAILED_CALL_DAYS_BEFORE_CLOSING). */
export function closingSuggestion(calls: CallSummary | undefined, failedDaysBeforeClosing: number): ClosingReason | undefined {
  if (!calls) return undefined;
  if (calls.lastOutcome === 'invalid_number') return { code: 'invalid_number' };
  if (calls.lastOutcome === 'refused') return { code: 'refused' };
  if (!calls.reachedAt && calls.failedDays.length >= failedDaysBeforeClosing) return { code: 'unreachable', failedDays: calls.failedDays.length };
  return undefined;
}

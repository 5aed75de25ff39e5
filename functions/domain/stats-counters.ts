/**
 * Running statistics: every change to an application adds its part to counters kept per China day of submission,
 * in the same write as the change itself (status changes, call attempts, erasure; spam at intake). Statistics then
 * read a few counter items per day instead of every application, so they cost the same at 10,000 applications as at
 * 100. A genuine application is counted by its first status change (screening, seconds after it arrives), not by
 * intake: intake stays a transaction over the application's own items only, so a burst of applications never
 * contends for a shared counter item; the review worker's batches of ten rarely do, and retry when they do.
 *
 * Counter names (flat, so each is one `ADD`):
 *   apps, spam, spam.<reason>, b.<brand>, s.<status> (current status of that day's applications),
 *   stage.<status> (applications that ever reached that stage), rej.<screening code>,
 *   lp.<landing page>.apps | .conv | .act (converted = approved or later, by current status),
 *   first.h<hours> (time from submission to the first call attempt, whole hours, capped at FIRST_CALL_HOURS_CAP),
 *   first.onTime (first attempt within the promise), reached, reached.onTime (first 接通 within the promise),
 *   o.<owner>.calls | .reached | .stage.<status> (per reviewer: the owner when it happened).
 */
import { INITIAL_STATUS, type ApplicationStatus } from './application-status.ts';
import { firstCallDueAt, summariseAttempt, type CallAttempt, type CallSummary } from './leads.ts';
import type { SpamRecord, StoredApplication, StoredRecord } from './records.ts';
import { chinaDay, HOUR_MS } from './time.ts';

export type Counters = Record<string, number>;

/** What one change adds, on the counters of the day its application was submitted. */
export interface StatsDelta {
  /** China day of the application's submission (YYYY-MM-DD). */
  day: string;
  counters: Counters;
}

/** Hours to the first attempt beyond this count together (a week: anything later is simply late). */
export const FIRST_CALL_HOURS_CAP = 168;

/** Statuses that count as converted for a landing page: approved, or further along. */
export const convertedStatuses: readonly ApplicationStatus[] = ['approved', 'shipped', 'activated'];

/** The landing page of an application that recorded none (presentation names it). */
export const UNKNOWN_LANDING_PAGE = '';
export const landingPageOf = (attribution: { landingPage?: string | undefined } | undefined) =>
  attribution?.landingPage?.split(/[?#]/)[0] || UNKNOWN_LANDING_PAGE;

function add(counters: Counters, name: string, by = 1): void {
  counters[name] = (counters[name] ?? 0) + by;
}

/** A new submission: genuine or spam, its brand, landing page and first status (for a genuine one, part of its first status change). */
export function intakeDelta(
  record: Pick<SpamRecord, 'kind' | 'reason' | 'createdAt'> | Pick<StoredApplication, 'kind' | 'brand' | 'status' | 'attribution' | 'createdAt'>,
): StatsDelta {
  const counters: Counters = {};
  if (record.kind === 'spam') {
    add(counters, 'spam');
    add(counters, `spam.${record.reason}`);
  } else {
    add(counters, 'apps');
    add(counters, `b.${record.brand}`);
    add(counters, `s.${record.status}`);
    add(counters, `stage.${record.status}`);
    add(counters, `lp.${landingPageOf(record.attribution)}.apps`);
  }
  return { day: chinaDay(record.createdAt), counters };
}

/** A status change of `application` to `to` (with the screening code when screening rejects it). */
export function statusChangeDelta(
  application: Pick<StoredApplication, 'createdAt' | 'status' | 'attribution' | 'owner' | 'brand'>,
  to: ApplicationStatus,
  rejectionCode?: string,
): StatsDelta {
  // The first change out of `submitted` counts the application itself (see above); later ones move it between statuses.
  const counters: Counters = application.status === INITIAL_STATUS ? { ...intakeDelta({ ...application, kind: 'application' }).counters } : {};
  add(counters, `s.${application.status}`, -1);
  add(counters, `s.${to}`);
  add(counters, `stage.${to}`);
  if (rejectionCode && rejectionCode !== 'erased') add(counters, `rej.${rejectionCode}`);
  const page = landingPageOf(application.attribution);
  const converted = Number(convertedStatuses.includes(to)) - Number(convertedStatuses.includes(application.status));
  if (converted) add(counters, `lp.${page}.conv`, converted);
  const activated = Number(to === 'activated') - Number(application.status === 'activated');
  if (activated) add(counters, `lp.${page}.act`, activated);
  if (application.owner) add(counters, `o.${application.owner.id}.stage.${to}`);
  return { day: chinaDay(application.createdAt), counters };
}

/** One call attempt on `application` (whose summary before it was `previous`). */
export function callDelta(
  application: Pick<StoredApplication, 'createdAt' | 'owner'>,
  previous: CallSummary | undefined,
  attempt: CallAttempt,
  ownerId: string,
): StatsDelta {
  const counters: Counters = {};
  const due = firstCallDueAt(application.createdAt);
  add(counters, `o.${application.owner?.id ?? ownerId}.calls`);
  if (!previous) {
    const hours = Math.min(FIRST_CALL_HOURS_CAP, Math.floor((Date.parse(attempt.at) - Date.parse(application.createdAt)) / HOUR_MS));
    add(counters, `first.h${hours}`);
    if (attempt.at <= due) add(counters, 'first.onTime');
  }
  if (attempt.outcome === 'reached' && !previous?.reachedAt) {
    add(counters, 'reached');
    add(counters, `o.${application.owner?.id ?? ownerId}.reached`);
    if (attempt.at <= due) add(counters, 'reached.onTime');
  }
  return { day: chinaDay(application.createdAt), counters };
}

/** Several deltas for the same day added up (rebuilding counters from stored records). */
export function sumCounters(...all: Counters[]): Counters {
  const total: Counters = {};
  for (const counters of all) for (const [name, value] of Object.entries(counters)) add(total, name, value);
  return total;
}

/**
 * Every delta a stored record's life added, replayed from its history and call attempts: to rebuild the counters of
 * data written before they existed, and to check that the running counters add up to what the records say.
 */
export function replayDeltas(record: StoredRecord, calls: readonly CallAttempt[] = []): StatsDelta[] {
  if (record.kind === 'spam') return [intakeDelta(record)];
  const [first, ...changes] = record.statusHistory;
  let status = first?.status ?? record.status;
  const deltas: StatsDelta[] = [];
  for (const change of changes) {
    deltas.push(statusChangeDelta({ ...record, status }, change.status, change.code));
    status = change.status;
  }
  let summary: CallSummary | undefined;
  for (const attempt of calls) {
    // Attempts record who called as `console:<id>`; the counters name reviewers by id.
    deltas.push(callDelta(record, summary, attempt, attempt.by.replace(/^console:/, '')));
    summary = summariseAttempt(summary, attempt);
  }
  return deltas;
}

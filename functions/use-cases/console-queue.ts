/**
 * The review console's reads and its two non-status actions: the queue (masked), one application in full (phone
 * still masked), revealing the phone (audited first, shown second) and adding a note. Status changes and erasure
 * use change-status.ts and erase-personal-data.ts, exactly as the ops CLI does.
 */
import { isCallWindowOpen, orderForCalling } from '#domain/call-window.ts';
import type { SoftSignal } from '#domain/anti-spam.ts';
import { workableStatuses, type ApplicationStatus } from '#domain/application-status.ts';
import type { Brand } from '#domain/application.ts';
import type { ConsoleActivity, ConsoleActivityLog } from '#domain/console-activity.ts';
import {
  closingSuggestion,
  leadTiming,
  ownershipRefusal,
  type Actor,
  type CallAttempt,
  type ClosingReason,
  type CallOutcome,
  type CallSummary,
  type LeadTiming,
  type OwnedByOther,
} from '#domain/leads.ts';
import { isMainlandMobile, maskPhone, normalisePhone } from '#domain/phone.ts';
import { isReference, normaliseReference } from '#domain/reference.ts';
import type { BlockedPhoneList, Clock, LeadStore, BackOfficeStore, Pseudonymiser, RateLimiter, ReviewStore } from '#domain/ports.ts';
import type { QuoteRecord } from '#domain/quote.ts';
import { consoleUserLimits, rateLimit, retryAfterSeconds } from '#domain/rate-limits.ts';
import type { StatusChange, StoredApplication } from '#domain/records.ts';
import { allowedTransitions } from '#domain/status-transitions.ts';
import { maskName, personalDataStateOf, type PersonalDataState } from '#domain/personal-data.ts';
import { reviewFlagsOf, type ReviewFlag } from '#domain/review-flags.ts';

export interface ConsoleDeps {
  applications: Pick<
    BackOfficeStore,
    'listApplications' | 'countApplicationsUpTo' | 'findByReference' | 'findWithNotesAndQuotes' | 'listToCall' | 'countToCall'
  > &
    BlockedPhoneList;
  activity: ConsoleActivityLog;
  leads: LeadStore;
  /** Per-user limits on reveals, notes and searches (domain/rate-limits.ts consoleUserLimits). */
  rateLimiter: RateLimiter;
  clock: Clock;
  /** Failed call attempts on this many different days offer closing the application (FAILED_CALL_DAYS_BEFORE_CLOSING). */
  failedCallDaysBeforeClosing: number;
}

/** The signed-in user went over a per-user limit: nothing was done. */
export type UserRateLimited = { kind: 'rate_limited'; retryAfterSeconds: number };

/** Charge one act to the user's limit; the answer to give when it is reached. */
async function chargeUser(
  name: keyof typeof consoleUserLimits,
  by: string,
  deps: Pick<ConsoleDeps, 'rateLimiter' | 'clock'>,
): Promise<UserRateLimited | undefined> {
  const now = deps.clock.now();
  const reached = await deps.rateLimiter.take([rateLimit(name, by, consoleUserLimits[name], now)]);
  return reached ? { kind: 'rate_limited', retryAfterSeconds: retryAfterSeconds(reached, now) } : undefined;
}

export interface QueueQuery {
  status: ApplicationStatus;
  brand?: Brand;
  /** Substring of the city, e.g. `杭州`. Applied while paging (the index has no city key). */
  city?: string;
  /** ISO instant: created at or after. */
  createdSince?: string;
  limit: number;
  page?: string;
}

/** A queue row: enough to pick up the call, nothing that identifies the merchant. */
export interface QueueItem {
  reference: string;
  createdAt: string;
  status: ApplicationStatus;
  brand: Brand;
  city: string;
  merchantType: StoredApplication['merchantType'];
  maskedPhone?: string;
  maskedName?: string;
  flags: ReviewFlag[];
  /** The reviewer following it up. */
  owner?: string;
  /** When it should be called next (the promise's due time, or the agreed callback), and whether that has passed. */
  dueAt: string;
  overdue: boolean;
  /** Working days since the submission day. */
  ageWorkingDays: number;
  callAttempts: number;
  lastCallOutcome?: CallOutcome;
  nextCallAt?: string;
  /** The merchant's preferred call window, and whether it is open now (China time). */
  callWindow?: StoredApplication['callWindow'];
  callableNow: boolean;
}

export interface QueuePage {
  items: QueueItem[];
  next?: string;
  /** Applications per status with the same brand and date filters (spam excluded). */
  counts: Partial<Record<ApplicationStatus, number>>;
  /** Statuses whose count stopped at the entries a page examines (STATUS_COUNTED): at least that many ("2000+"). */
  countsAtLeast: ApplicationStatus[];
}

/**
 * Entries of each status one queue page examines to count its tab. Exact counts would read every application of
 * each status on every page (at 100,000 applications past the 2 s SDK timeout); "2000+" says enough for a tab.
 */
export const STATUS_COUNTED = 2_000;

/** Store pages read at most per request when a city filter skips rows; the caller pages on with `next`. */
const MAX_PAGES_PER_REQUEST = 10;

async function countsPerStatus(
  filters: { brand?: Brand; createdSince?: string },
  deps: Pick<ConsoleDeps, 'applications'>,
): Promise<Pick<QueuePage, 'counts' | 'countsAtLeast'>> {
  const entries = await Promise.all(
    workableStatuses.map(
      async (status) => [status, await deps.applications.countApplicationsUpTo({ statuses: [status], ...filters }, STATUS_COUNTED)] as const,
    ),
  );
  return {
    counts: Object.fromEntries(entries.map(([status, { count }]) => [status, count])),
    countsAtLeast: entries.filter(([, { complete }]) => !complete).map(([status]) => status),
  };
}

export async function listQueue(
  query: QueueQuery,
  by: string,
  deps: Pick<ConsoleDeps, 'applications' | 'rateLimiter' | 'clock'>,
): Promise<QueuePage | UserRateLimited> {
  const limited = await chargeUser('console_searches_per_user_per_minute', by, deps);
  if (limited) return limited;
  const filters = { ...(query.brand && { brand: query.brand }), ...(query.createdSince && { createdSince: query.createdSince }) };
  const countsPromise = countsPerStatus(filters, deps);
  // Awaited below; if a listing read fails first, this one's own failure must not go unhandled (on Lambda an
  // unhandled rejection ends the process, and the answer with it).
  countsPromise.catch(() => undefined);
  const now = deps.clock.now();
  const items: QueueItem[] = [];
  let page = query.page;
  for (let read = 0; read < MAX_PAGES_PER_REQUEST; read++) {
    const result = await deps.applications.listApplications({ statuses: [query.status], ...filters, limit: query.limit, ...(page !== undefined && { page }) });
    for (const record of result.items) {
      if (record.kind !== 'application') continue;
      if (query.city && !record.city.includes(query.city)) continue;
      items.push(queueItem(record, now));
    }
    page = result.next;
    if (!page || items.length >= query.limit) break;
  }
  // In 审核中, the page's applications whose preferred call window is open now come first (domain/call-window.ts).
  const ordered = query.status === 'pending_review' ? orderForCalling(items, now) : items;
  return { items: ordered, ...(page !== undefined && { next: page }), ...(await countsPromise) };
}

export interface ToCallQuery {
  /** Only this reviewer's ("我的"). */
  owner?: string;
  /** Only those past their due time. */
  overdueOnly?: boolean;
  brand?: Brand;
  city?: string;
  limit: number;
  /** Opaque token from the previous page's `next`. */
  page?: string;
}

export interface ToCallPage {
  items: QueueItem[];
  next?: string;
  /** Applications to call with these filters, and how many of them are overdue. */
  toCall: number;
  overdue: number;
  /** Which count stopped at the entries one view examines (TO_CALL_COUNTED): there are at least that many ("2000+"). */
  atLeast: { toCall: boolean; overdue: boolean };
}

/**
 * Entries of the "to call" list one view examines to count it. The open work is a few hundred leads; a backlog
 * beyond this is shown as "at least", so a view costs the same however far behind the team is.
 */
export const TO_CALL_COUNTED = 2_000;

/**
 * "待打电话": applications in 审核中 by due time — the promise's first-call deadline, or the agreed callback — so an
 * overdue first call or a callback that has come due is at the top, with age, owner and attempts. The store keeps
 * the list in due order (ToCallList), so a view reads one page and two bounded counts, not every open lead.
 */
export async function listToCall(query: ToCallQuery, deps: Pick<ConsoleDeps, 'applications' | 'clock'>): Promise<ToCallPage> {
  const now = deps.clock.now();
  const filter = {
    ...(query.owner !== undefined && { owner: query.owner }),
    ...(query.brand && { brand: query.brand }),
    ...(query.city && { city: query.city }),
  };
  const [page, toCall, overdue] = await Promise.all([
    deps.applications.listToCall({
      ...filter,
      ...(query.overdueOnly && { dueBy: now.toISOString() }),
      limit: query.limit,
      ...(query.page !== undefined && { page: query.page }),
    }),
    deps.applications.countToCall(filter, TO_CALL_COUNTED),
    deps.applications.countToCall({ ...filter, dueBy: now.toISOString() }, TO_CALL_COUNTED),
  ]);
  // The store's order is due time, then submission (first come, first called); among those due at the same time on
  // this page, a merchant whose preferred call window is open now comes first (the sort is stable: the store's order
  // stays within each group).
  const items = page.items
    .map((record) => queueItem(record, now))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || Number(b.callableNow) - Number(a.callableNow));
  return {
    items,
    ...(page.next !== undefined && { next: page.next }),
    toCall: toCall.count,
    overdue: overdue.count,
    atLeast: { toCall: !toCall.complete, overdue: !overdue.complete },
  };
}

function queueItem(application: StoredApplication, now: Date): QueueItem {
  const timing = leadTiming(application, now);
  return {
    reference: application.reference,
    createdAt: application.createdAt,
    status: application.status,
    brand: application.brand,
    city: application.city,
    merchantType: application.merchantType,
    ...(application.phone !== undefined && { maskedPhone: maskPhone(application.phone) }),
    ...(application.name !== undefined && { maskedName: maskName(application.name) }),
    flags: reviewFlagsOf(application),
    ...(application.owner && { owner: application.owner.id }),
    dueAt: timing.dueAt,
    overdue: timing.overdue,
    ageWorkingDays: timing.ageWorkingDays,
    callAttempts: application.calls?.attempts ?? 0,
    ...(application.calls && { lastCallOutcome: application.calls.lastOutcome }),
    ...(timing.callbackAt !== undefined && { nextCallAt: timing.callbackAt }),
    ...(application.callWindow && { callWindow: application.callWindow }),
    callableNow: isCallWindowOpen(application.callWindow, now),
  };
}

/** One entry of the console's history: status changes and console activity, oldest first. */
export type HistoryEntry = ({ kind: 'status' } & StatusChange) | ({ kind: 'activity' } & ConsoleActivity) | ({ kind: 'call' } & Omit<CallAttempt, 'reference'>);

export interface ApplicationDetail {
  reference: string;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  city: string;
  brand: Brand;
  merchantType: StoredApplication['merchantType'];
  terminalType?: StoredApplication['terminalType'];
  monthlyVolume?: StoredApplication['monthlyVolume'];
  /** When the merchant prefers to be called. */
  callWindow?: StoredApplication['callWindow'];
  /** Full name: the detail is for the person who calls. The phone stays masked until revealed. */
  name?: string;
  maskedPhone?: string;
  note?: string;
  channel: StoredApplication['channel'];
  consent: StoredApplication['consent'];
  attribution?: StoredApplication['attribution'];
  signals: SoftSignal[];
  /** Other applications from the same phone (references), linked by screening for the reviewer to weigh together. */
  samePhoneAs: string[];
  screening?: StoredApplication['screening'];
  history: HistoryEntry[];
  /** Whether new applications from this phone are rejected by screening (absent once the personal data is gone). */
  phoneBlocked?: boolean;
  /** The statuses the status model allows next (empty once closed). */
  allowedTransitions: ApplicationStatus[];
  personalData: { state: PersonalDataState; expiresAt: string };
  erasure?: StoredApplication['erasure'];
  /** The lead: who follows it up, when it is due, what the calls came to, and whether closing is offered. */
  owner?: StoredApplication['owner'];
  timing: LeadTiming;
  calls?: CallSummary;
  suggestedClosing?: ClosingReason;
  /** Every written quote, oldest first (none once the personal data is gone). */
  quotes: QuoteRecord[];
}

export async function applicationDetail(
  reference: string,
  deps: Pick<ConsoleDeps, 'applications' | 'activity' | 'leads' | 'clock' | 'failedCallDaysBeforeClosing'>,
): Promise<ApplicationDetail | undefined> {
  // The application, its notes and quotes from one read of each of its two items (the personal data holds all three).
  const found = await deps.applications.findWithNotesAndQuotes(reference);
  // Spam holds no application to work on; to the console it does not exist.
  if (found?.record.kind !== 'application') return undefined;
  const a = found.record;
  const [activity, calls, phoneBlocked] = await Promise.all([
    deps.activity.activityOf(reference, found.notes),
    deps.leads.callsOf(reference),
    a.phoneHash !== undefined ? deps.applications.isBlocked(a.phoneHash) : Promise.resolve(undefined),
  ]);
  const statusEntries: HistoryEntry[] = a.statusHistory.map((entry) => ({ kind: 'status', ...entry }));
  const callEntries = calls.map(({ reference: _reference, ...call }): HistoryEntry => ({ kind: 'call', ...call }));
  const history = [...statusEntries, ...callEntries, ...activity.map((entry): HistoryEntry => ({ kind: 'activity', ...entry }))].sort((x, y) =>
    x.at.localeCompare(y.at),
  );
  const suggestion = a.status === 'pending_review' ? closingSuggestion(a.calls, deps.failedCallDaysBeforeClosing) : undefined;
  return {
    reference: a.reference,
    status: a.status,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    ...(a.closedAt && { closedAt: a.closedAt }),
    city: a.city,
    brand: a.brand,
    merchantType: a.merchantType,
    ...(a.terminalType && { terminalType: a.terminalType }),
    ...(a.monthlyVolume && { monthlyVolume: a.monthlyVolume }),
    ...(a.callWindow && { callWindow: a.callWindow }),
    ...(a.name !== undefined && { name: a.name }),
    ...(a.phone !== undefined && { maskedPhone: maskPhone(a.phone) }),
    ...(a.note !== undefined && { note: a.note }),
    channel: a.channel,
    consent: a.consent,
    ...(a.attribution && { attribution: a.attribution }),
    signals: a.signals ?? [],
    samePhoneAs: a.samePhoneAs ?? [],
    ...(a.screening && { screening: a.screening }),
    history,
    ...(phoneBlocked !== undefined && { phoneBlocked }),
    allowedTransitions: allowedTransitions(a.status),
    personalData: { state: personalDataStateOf(a), expiresAt: a.personalDataExpiresAt },
    ...(a.erasure && { erasure: a.erasure }),
    ...(a.owner && { owner: a.owner }),
    timing: leadTiming(a, deps.clock.now()),
    ...(a.calls && { calls: a.calls }),
    ...(suggestion !== undefined && { suggestedClosing: suggestion }),
    quotes: found.quotes,
  };
}

export type RevealOutcome = { kind: 'revealed'; phone: string } | { kind: 'not_found' } | { kind: 'no_personal_data' } | UserRateLimited;

/** The full phone, after the reveal is on record: if the audit write fails, nothing is shown. */
export async function revealPhone(
  reference: string,
  by: string,
  deps: Pick<ConsoleDeps, 'applications' | 'activity' | 'rateLimiter' | 'clock'>,
): Promise<RevealOutcome> {
  const record = await deps.applications.findByReference(reference);
  if (record?.kind !== 'application') return { kind: 'not_found' };
  if (record.phone === undefined) return { kind: 'no_personal_data' };
  const limited = await chargeUser('console_reveals_per_user_per_hour', by, deps);
  if (limited) return limited;
  await deps.activity.append(reference, { action: 'phone_revealed', at: deps.clock.now().toISOString(), by });
  return { kind: 'revealed', phone: record.phone };
}

export type NoteOutcome = { kind: 'noted' } | { kind: 'not_found' } | OwnedByOther | { kind: 'no_personal_data' } | { kind: 'notes_full' } | UserRateLimited;

/** A note by `user`: only while nobody else follows the application up (or the user is an admin), checked on the one read. */
export async function addNote(
  reference: string,
  text: string,
  user: Actor,
  deps: Pick<ConsoleDeps, 'applications' | 'activity' | 'rateLimiter' | 'clock'>,
): Promise<NoteOutcome> {
  const record = await deps.applications.findByReference(reference);
  if (record?.kind !== 'application') return { kind: 'not_found' };
  const refusal = ownershipRefusal(record, user);
  if (refusal) return refusal;
  const limited = await chargeUser('console_notes_per_user_per_hour', user.actor, deps);
  if (limited) return limited;
  const outcome = await deps.activity.append(reference, { action: 'note', at: deps.clock.now().toISOString(), by: user.actor, text });
  return { kind: outcome === 'recorded' ? 'noted' : outcome };
}

export type BlockingOutcome = { kind: 'blocked' | 'unblocked' } | { kind: 'not_found' } | { kind: 'no_personal_data' };

/**
 * Put the application's phone on the blocked list (screening then rejects its new applications with `blocked_phone`)
 * or take it off: the list the CLI's `block`/`unblock` manage, keyed by the same phone hash. The change and its
 * history entry are one write: the list never changes unrecorded.
 */
export async function setPhoneBlocked(
  change: { reference: string; blocked: boolean; by: string; reason?: string },
  deps: Pick<ConsoleDeps, 'applications' | 'activity' | 'clock'>,
): Promise<BlockingOutcome> {
  const record = await deps.applications.findByReference(change.reference);
  if (record?.kind !== 'application') return { kind: 'not_found' };
  if (record.phoneHash === undefined) return { kind: 'no_personal_data' };
  const at = deps.clock.now().toISOString();
  await deps.activity.changePhoneBlocking({
    reference: change.reference,
    phoneHash: record.phoneHash,
    entry: { action: change.blocked ? 'phone_blocked' : 'phone_unblocked', at, by: change.by },
    ...(change.reason !== undefined && { reason: change.reason }),
  });
  return { kind: change.blocked ? 'blocked' : 'unblocked' };
}

export type CallerSearchOutcome = { kind: 'found'; by: 'reference' | 'phone'; items: QueueItem[] } | { kind: 'not_a_reference_or_phone' } | UserRateLimited;

/**
 * A merchant rings back ("我昨天申请了"): find their applications by reference, or by the full phone number. The phone
 * is turned into its keyed hash and looked up on the phone index — never compared with stored numbers — and, like a
 * reveal, it is charged to the user's hourly limit before anything is looked up (a search that finds nothing still
 * tells whether the phone applied) and each application found is marked in its history as found by phone, before
 * the answer goes back.
 */
export async function findCaller(
  query: string,
  by: string,
  deps: Pick<ConsoleDeps, 'applications' | 'activity' | 'rateLimiter' | 'clock'> & {
    applications: Pick<ReviewStore, 'findByPhoneHash'>;
    phoneHasher(): Promise<Pseudonymiser>;
  },
): Promise<CallerSearchOutcome> {
  const now = deps.clock.now();
  const reference = normaliseReference(query);
  if (reference && isReference(reference)) {
    const record = await deps.applications.findByReference(reference);
    return { kind: 'found', by: 'reference', items: record?.kind === 'application' ? [queueItem(record, now)] : [] };
  }
  const phone = normalisePhone(query);
  if (!isMainlandMobile(phone)) return { kind: 'not_a_reference_or_phone' };
  const limited = await chargeUser('console_phone_searches_per_user_per_hour', by, deps);
  if (limited) return limited;
  const found = await deps.applications.findByPhoneHash((await deps.phoneHasher()).pseudonymise(phone));
  const at = now.toISOString();
  await Promise.all(found.map((record) => deps.activity.append(record.reference, { action: 'phone_searched', at, by })));
  return { kind: 'found', by: 'phone', items: found.map((record) => queueItem(record, now)) };
}

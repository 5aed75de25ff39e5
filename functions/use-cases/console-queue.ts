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
import { maskPhone } from '#domain/phone.ts';
import type { BlockedPhoneList, Clock, BackOfficeStore } from '#domain/ports.ts';
import type { StatusChange, StoredApplication } from '#domain/records.ts';
import { allowedTransitions } from '#domain/status-transitions.ts';
import { maskName, personalDataStateOf, type PersonalDataState } from '#domain/personal-data.ts';
import { reviewFlagsOf, type ReviewFlag } from '#domain/review-flags.ts';

export interface ConsoleDeps {
  applications: Pick<BackOfficeStore, 'listApplications' | 'countApplications' | 'findByReference'> & BlockedPhoneList;
  activity: ConsoleActivityLog;
  clock: Clock;
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
  /** The merchant's preferred call window, and whether it is open now (China time). */
  callWindow?: StoredApplication['callWindow'];
  callableNow: boolean;
}

export interface QueuePage {
  items: QueueItem[];
  next?: string;
  /** Applications per status with the same brand and date filters (spam excluded). */
  counts: Partial<Record<ApplicationStatus, number>>;
}

/** Store pages read at most per request when a city filter skips rows; the caller pages on with `next`. */
const MAX_PAGES_PER_REQUEST = 10;

/**
 * One page of the queue, newest first; in the "to call" list (pending review) the page's applications whose preferred
 * call window is open now come first (domain/call-window.ts).
 */
export async function listQueue(query: QueueQuery, deps: Pick<ConsoleDeps, 'applications' | 'clock'>): Promise<QueuePage> {
  const filters = { ...(query.brand && { brand: query.brand }), ...(query.createdSince && { createdSince: query.createdSince }) };
  const countsPromise = Promise.all(workableStatuses.map(async (status) => [status, await deps.applications.countApplications({ statuses: [status], ...filters })] as const));
  // Observed now, awaited below: if the listing fails first, a failed count must not become an unhandled rejection
  // (which ends a Lambda's process and fails the test run); the listing's own error is the answer.
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
  const ordered = query.status === 'pending_review' ? orderForCalling(items, now) : items;
  return { items: ordered, ...(page !== undefined && { next: page }), counts: Object.fromEntries(await countsPromise) };
}

function queueItem(application: StoredApplication, now: Date): QueueItem {
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
    ...(application.callWindow && { callWindow: application.callWindow }),
    callableNow: isCallWindowOpen(application.callWindow, now),
  };
}

/** One entry of the console's history: status changes and console activity, oldest first. */
export type HistoryEntry =
  | ({ kind: 'status' } & StatusChange)
  | ({ kind: 'activity' } & ConsoleActivity);

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
}

export async function applicationDetail(reference: string, deps: Pick<ConsoleDeps, 'applications' | 'activity'>): Promise<ApplicationDetail | undefined> {
  const record = await deps.applications.findByReference(reference);
  // Spam holds no application to work on; to the console it does not exist.
  if (record?.kind !== 'application') return undefined;
  const a = record;
  const [activity, phoneBlocked] = await Promise.all([
    deps.activity.activityOf(reference),
    a.phoneHash !== undefined ? deps.applications.isBlocked(a.phoneHash) : Promise.resolve(undefined),
  ]);
  const statusEntries: HistoryEntry[] = a.statusHistory.map((entry) => ({ kind: 'status', ...entry }));
  const history = [...statusEntries, ...activity.map((entry): HistoryEntry => ({ kind: 'activity', ...entry }))].sort((x, y) => x.at.localeCompare(y.at));
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
  };
}

export type RevealOutcome = { kind: 'revealed'; phone: string } | { kind: 'not_found' } | { kind: 'no_personal_data' };

/** The full phone, after the reveal is on record: if the audit write fails, nothing is shown. */
export async function revealPhone(reference: string, by: string, deps: Pick<ConsoleDeps, 'applications' | 'activity' | 'clock'>): Promise<RevealOutcome> {
  const record = await deps.applications.findByReference(reference);
  if (record?.kind !== 'application') return { kind: 'not_found' };
  if (record.phone === undefined) return { kind: 'no_personal_data' };
  await deps.activity.recordReveal(reference, { at: deps.clock.now().toISOString(), by });
  return { kind: 'revealed', phone: record.phone };
}

export type NoteOutcome = { kind: 'noted' } | { kind: 'not_found' } | { kind: 'no_personal_data' };

export async function addNote(reference: string, text: string, by: string, deps: Pick<ConsoleDeps, 'applications' | 'activity' | 'clock'>): Promise<NoteOutcome> {
  const record = await deps.applications.findByReference(reference);
  if (record?.kind !== 'application') return { kind: 'not_found' };
  const stored = await deps.activity.addNote(reference, { at: deps.clock.now().toISOString(), by, text });
  return stored ? { kind: 'noted' } : { kind: 'no_personal_data' };
}

export type BlockingOutcome = { kind: 'blocked' | 'unblocked' } | { kind: 'not_found' } | { kind: 'no_personal_data' };

/**
 * Put the application's phone on the blocked list (screening then rejects its new applications with `blocked_phone`)
 * or take it off: the list the CLI's `block`/`unblock` manage, keyed by the same phone hash. Recorded in the history.
 */
export async function setPhoneBlocked(
  change: { reference: string; blocked: boolean; by: string; reason?: string },
  deps: Pick<ConsoleDeps, 'applications' | 'activity' | 'clock'>,
): Promise<BlockingOutcome> {
  const record = await deps.applications.findByReference(change.reference);
  if (record?.kind !== 'application') return { kind: 'not_found' };
  if (record.phoneHash === undefined) return { kind: 'no_personal_data' };
  const at = deps.clock.now().toISOString();
  if (change.blocked) {
    await deps.applications.block({ phoneHash: record.phoneHash, at, by: change.by, ...(change.reason !== undefined && { reason: change.reason }) });
  } else {
    await deps.applications.unblock(record.phoneHash);
  }
  await deps.activity.recordBlocking(change.reference, { action: change.blocked ? 'phone_blocked' : 'phone_unblocked', at, by: change.by });
  return { kind: change.blocked ? 'blocked' : 'unblocked' };
}

/**
 * Working an application as a lead (domain/leads.ts), for the console and the ops CLI alike: claiming it, an admin
 * moving it to someone else (one application, or everything a departing reviewer owns) and recording a call attempt,
 * which only whoever owns a claimed application (or an admin) may do (domain/leads.ts ownershipRefusal). Each claim
 * and transfer is written together with its history entry (LeadStore.changeOwner); call attempts are their own records.
 */
import {
  closingSuggestion,
  outcomesWithNextCall,
  ownershipRefusal,
  summariseAttempt,
  toCallOrderOf,
  type Actor,
  type CallAttempt,
  type CallOutcome,
  type CallSummary,
  type ClosingReason,
  type OwnedByOther,
} from '#domain/leads.ts';
import type { ConsoleActivityLog } from '#domain/console-activity.ts';
import { callDelta } from '#domain/stats-counters.ts';
import type { ApplicationQuery, ApplicationPage, Clock, LeadStore, ReviewStore, ToCallList } from '#domain/ports.ts';
import type { StoredApplication, StoredRecord } from '#domain/records.ts';
import { isOpen, openStatuses } from '#domain/status-transitions.ts';
import { changeStatus, type ChangeStatusDeps } from './change-status.ts';

export interface LeadDeps {
  applications: Pick<ReviewStore, 'findByReference'>;
  leads: LeadStore;
  activity: Pick<ConsoleActivityLog, 'append'>;
  clock: Clock;
}

/** Reads and conditional writes tried at most this many times while the application keeps changing under them. */
const MAX_ATTEMPTS = 3;

export type ClaimOutcome = { kind: 'claimed' } | { kind: 'already_yours' } | OwnedByOther | { kind: 'not_found' } | { kind: 'closed' };

/** "我来跟进": take an unowned open application. Of two reviewers at the same moment exactly one wins; the other learns who. */
export async function claimLead(reference: string, actor: Actor, deps: LeadDeps): Promise<ClaimOutcome> {
  const record = await deps.applications.findByReference(reference);
  if (record?.kind !== 'application') return { kind: 'not_found' };
  return claimAsRead(record, actor, deps);
}

/**
 * The claim on an application as the caller read it. The write expects nobody to own it (or `actor` already to), so
 * a claim made since the read is caught there, and its owner named, as if it had been read.
 */
async function claimAsRead(record: StoredApplication, actor: Actor, deps: Pick<LeadDeps, 'leads' | 'clock'>): Promise<ClaimOutcome> {
  if (record.owner?.id === actor.id) return { kind: 'already_yours' };
  if (record.owner) return { kind: 'owned_by_other', owner: record.owner.id };
  if (!isOpen(record.status)) return { kind: 'closed' };
  const at = deps.clock.now().toISOString();
  const outcome = await deps.leads.changeOwner({
    reference: record.reference,
    to: { id: actor.id, since: at },
    expectedOwner: null,
    entry: { action: 'claimed', at, by: actor.actor },
  });
  if (outcome.kind === 'not_found') return outcome;
  if (outcome.kind === 'taken') return { kind: 'owned_by_other', owner: outcome.owner };
  return { kind: 'claimed' };
}

export type ReassignOutcome = { kind: 'reassigned'; from?: string } | { kind: 'not_found' } | { kind: 'closed' };

/**
 * An admin gives the application to `to` (a console user id), whoever had it: conditional on the owner read, so the
 * history names the one it really moved from; read again if someone claimed it in between.
 */
export async function reassignLead(reference: string, to: string, admin: Actor, deps: LeadDeps): Promise<ReassignOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const record = await deps.applications.findByReference(reference);
    if (record?.kind !== 'application') return { kind: 'not_found' };
    if (!isOpen(record.status)) return { kind: 'closed' };
    const from = record.owner?.id;
    const at = deps.clock.now().toISOString();
    const outcome = await deps.leads.changeOwner({
      reference,
      to: { id: to, since: at },
      expectedOwner: from ?? null,
      entry: { action: 'reassigned', at, by: admin.actor, ...(from !== undefined && { from }), to },
    });
    if (outcome.kind === 'not_found') return outcome;
    if (outcome.kind === 'changed') return { kind: 'reassigned', ...(from !== undefined && { from }) };
  }
  throw new Error(`reassigning ${reference}: its owner kept changing during ${MAX_ATTEMPTS} attempts`);
}

const PAGE_SIZE = 200;

/**
 * Everything open that `from` owns goes to `to` (a reviewer leaving): each move is conditional on `from` still owning
 * the application, so a concurrent change by someone else is never overwritten. Returns the references moved.
 */
export async function reassignAllLeads(
  from: string,
  to: string,
  admin: Actor,
  deps: LeadDeps & { listing: { listApplications(query: ApplicationQuery): Promise<ApplicationPage> } },
): Promise<string[]> {
  const moved: string[] = [];
  let page: string | undefined;
  do {
    const result = await deps.listing.listApplications({
      statuses: openStatuses,
      limit: PAGE_SIZE,
      withPersonalData: false,
      ...(page !== undefined && { page }),
    });
    for (const record of result.items) {
      if (record.kind !== 'application' || record.owner?.id !== from) continue;
      const at = deps.clock.now().toISOString();
      const outcome = await deps.leads.changeOwner({
        reference: record.reference,
        to: { id: to, since: at },
        expectedOwner: from,
        entry: { action: 'reassigned', at, by: admin.actor, from, to },
      });
      if (outcome.kind === 'changed') moved.push(record.reference);
    }
    page = result.next;
  } while (page);
  return moved;
}

/**
 * Put every application in 审核中 on the "to call" list from what it holds (submission, call summary): once after
 * the list's index was added to a table that already had open leads, which it does not show until then. Harmless to
 * repeat. Returns how many it (re)wrote.
 */
export async function restoreToCallList(deps: {
  applications: Pick<ReviewStore, 'findByReference'> & Pick<ToCallList, 'restoreToCall'>;
  listing: { listApplications(query: ApplicationQuery): Promise<ApplicationPage> };
}): Promise<number> {
  let restored = 0;
  let page: string | undefined;
  do {
    const result = await deps.listing.listApplications({
      statuses: ['pending_review'],
      limit: PAGE_SIZE,
      withPersonalData: false,
      ...(page !== undefined && { page }),
    });
    for (const listed of result.items) {
      let record: StoredRecord | undefined = listed;
      // Changed since it was read (a call, a status change): read again; gone from 审核中, nothing to do.
      for (let attempt = 1; attempt <= MAX_ATTEMPTS && record?.kind === 'application' && record.status === 'pending_review'; attempt++) {
        if ((await deps.applications.restoreToCall(record)) === 'restored') {
          restored++;
          break;
        }
        record = await deps.applications.findByReference(record.reference);
      }
    }
    page = result.next;
  } while (page);
  return restored;
}

export interface CallRecordCommand {
  reference: string;
  outcome: CallOutcome;
  /** ISO 8601; only with 未接 / 约回电 (required with 约回电). */
  nextCallAt?: string;
  note?: string;
}

export type CallRecordOutcome =
  | {
      kind: 'recorded';
      calls: CallSummary;
      /** 接通 moved the application to 已电话联系. */
      statusChanged: boolean;
      /** Why closing is now offered, if it is. */
      suggestedClosing?: ClosingReason;
      /** The note could not be kept: the personal data it belongs with is gone. */
      noteDropped: boolean;
    }
  | { kind: 'invalid'; field: 'nextCallAt'; message: string }
  | OwnedByOther
  | { kind: 'not_found' }
  | { kind: 'closed' };

export interface CallDeps extends LeadDeps {
  applications: ChangeStatusDeps['applications'];
  retentionDays: number;
  /** Failed attempts on this many different days offer closing the application. */
  failedCallDaysBeforeClosing: number;
}

/** A next call further out than this is a typo, not a plan. */
const MAX_NEXT_CALL_DAYS = 60;

/**
 * Record one call attempt. Whoever records a call on an unowned application claims it. Only 接通 moves it from
 * 审核中 to 已电话联系; 空号 or repeated failures on different days offer closing it.
 */
export async function recordCallAttempt(command: CallRecordCommand, actor: Actor, deps: CallDeps): Promise<CallRecordOutcome> {
  const now = deps.clock.now();
  if (command.outcome === 'callback' && command.nextCallAt === undefined)
    return { kind: 'invalid', field: 'nextCallAt', message: '约回电时请填写下次打电话的时间' };
  if (command.nextCallAt !== undefined) {
    if (!outcomesWithNextCall.includes(command.outcome)) return { kind: 'invalid', field: 'nextCallAt', message: '只有“未接”和“约回电”可以约下次通话时间' };
    const next = Date.parse(command.nextCallAt);
    if (!(next > now.getTime())) return { kind: 'invalid', field: 'nextCallAt', message: '下次通话时间应晚于现在' };
    if (next > now.getTime() + MAX_NEXT_CALL_DAYS * 86_400_000)
      return { kind: 'invalid', field: 'nextCallAt', message: `下次通话时间应在 ${MAX_NEXT_CALL_DAYS} 天以内` };
  }
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const record = await deps.applications.findByReference(command.reference);
    if (record?.kind !== 'application') return { kind: 'not_found' };
    if (!isOpen(record.status)) return { kind: 'closed' };
    const refusal = ownershipRefusal(record, actor);
    if (refusal) return refusal;
    if (!record.owner) {
      // Claimed on the record just read: reading it again would tell the claim's conditional write nothing new.
      const claimed = await claimAsRead(record, actor, deps);
      if (claimed.kind === 'owned_by_other') return claimed;
    }
    const at = deps.clock.now().toISOString();
    const callAttempt: CallAttempt = {
      reference: command.reference,
      at,
      by: actor.actor,
      outcome: command.outcome,
      ...(command.nextCallAt !== undefined && { nextCallAt: new Date(command.nextCallAt).toISOString() }),
    };
    const calls = summariseAttempt(record.calls, callAttempt);
    const written = await deps.leads.recordCall(
      callAttempt,
      calls,
      record.calls?.attempts ?? 0,
      callDelta(record, record.calls, callAttempt, actor.id),
      toCallOrderOf({ createdAt: record.createdAt, calls }),
    );
    if (written === 'not_found') return { kind: 'not_found' };
    if (written === 'conflict') continue;

    let noteDropped = false;
    if (command.note) {
      noteDropped =
        (await deps.activity.append(command.reference, {
          action: 'note',
          at,
          by: actor.actor,
          text: command.note,
          callOutcome: command.outcome,
        })) !== 'recorded';
    }
    let statusChanged = false;
    if (command.outcome === 'reached' && record.status === 'pending_review') {
      const changed = await changeStatus({ reference: command.reference, to: 'contacted', by: actor.actor }, deps);
      statusChanged = changed.kind === 'changed';
    }
    const suggestion = closingSuggestion(calls, deps.failedCallDaysBeforeClosing);
    return { kind: 'recorded', calls, statusChanged, noteDropped, ...(suggestion !== undefined && { suggestedClosing: suggestion }) };
  }
  throw new Error(`recording a call on ${command.reference}: the application kept changing during ${MAX_ATTEMPTS} attempts`);
}

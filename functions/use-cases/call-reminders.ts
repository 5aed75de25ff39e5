/**
 * Twice a working day (EventBridge on AWS, a local timer in `npm start`), the team hears whom to call: first calls
 * past the promise (domain/call-promise.ts) and callbacks due today, per owner, each with its masked phone and a link
 * to the console. Nothing is posted when there is nothing to say, or on a day off.
 */
import { leadTiming } from '#domain/leads.ts';
import { maskPhone } from '#domain/phone.ts';
import type { Clock, ToCallList } from '#domain/ports.ts';
import type { StoredApplication } from '#domain/records.ts';
import { chinaDay, chinaDayWindow } from '#domain/time.ts';
import { isWorkingDay } from '#domain/working-days.ts';

/**
 * When the digest goes out, as China times of day: the EventBridge rules (infra) and the local timer use this one
 * list. The use case itself stays quiet on days off (domain/working-days.ts).
 */
export const CALL_REMINDER_TIMES = ['09:30', '14:00'] as const;

export interface CallReminderDeps {
  /** The "to call" list (审核中 in due order): only the leads due by the end of the day are read. */
  applications: Pick<ToCallList, 'listToCall'>;
  clock: Clock;
  /** Posts the digest (the surface words it: presentation/call-digest-zh.ts) to the team's chat robot or the ops topic. */
  post(digest: CallDigest): Promise<void>;
}

/** What is due now, for the digest: never empty when posted. */
export interface CallDigest {
  lines: readonly ReminderLine[];
  /** When the digest was made (ISO). */
  at: string;
}

export interface ReminderLine {
  reference: string;
  owner?: string;
  kind: 'overdue_first_call' | 'callback_due';
  maskedPhone?: string;
  city: string;
  dueAt: string;
}

const READ_PAGE = 500;

/** Midnight at the end of `now`'s China day, as an ISO instant. */
const endOfChinaDay = (now: Date) => new Date(chinaDayWindow(now.getTime()).end).toISOString();

/** What is due: first calls past the promise, and callbacks due by the end of today (China time). */
export function remindersDue(applications: readonly StoredApplication[], now: Date): ReminderLine[] {
  const endOfToday = endOfChinaDay(now);
  const lines: ReminderLine[] = [];
  for (const application of applications) {
    if (application.status !== 'pending_review') continue;
    const timing = leadTiming(application, now);
    const kind =
      timing.callbackAt !== undefined
        ? timing.callbackAt < endOfToday
          ? 'callback_due'
          : undefined
        : !application.calls && timing.overdue
          ? 'overdue_first_call'
          : undefined;
    if (!kind) continue;
    lines.push({
      reference: application.reference,
      kind,
      city: application.city,
      dueAt: timing.dueAt,
      ...(application.owner && { owner: application.owner.id }),
      ...(application.phone !== undefined && { maskedPhone: maskPhone(application.phone) }),
    });
  }
  return lines.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

export type CallReminderResult = { posted: false; reason: 'day_off' | 'nothing_due' } | { posted: true; lines: number };

export async function sendCallReminders(deps: CallReminderDeps): Promise<CallReminderResult> {
  const now = deps.clock.now();
  if (!isWorkingDay(chinaDay(now.toISOString()))) return { posted: false, reason: 'day_off' };
  // Every lead a line can name is due by the end of today: a callback before it, or a first call past its promise
  // (due by now). The list holds 审核中 in due order, so only those are read, however many wait for later days.
  const dueByEndOfToday = endOfChinaDay(now);
  const due: StoredApplication[] = [];
  let page: string | undefined;
  do {
    const result = await deps.applications.listToCall({ dueBy: dueByEndOfToday, limit: READ_PAGE, ...(page !== undefined && { page }) });
    due.push(...result.items);
    page = result.next;
  } while (page);
  const lines = remindersDue(due, now);
  if (lines.length === 0) return { posted: false, reason: 'nothing_due' };
  await deps.post({ lines, at: now.toISOString() });
  return { posted: true, lines: lines.length };
}

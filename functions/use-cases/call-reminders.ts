/**
 * Twice a working day (EventBridge on AWS, a local timer in `npm start`), the team hears whom to call: first calls
 * past the promise (domain/call-promise.ts) and callbacks due today, per owner, each with its masked phone and a link
 * to the console. Nothing is posted when there is nothing to say, or on a day off.
 */
import { leadTiming } from '#domain/leads.ts';
import { maskPhone } from '#domain/phone.ts';
import type { ApplicationQuery, ApplicationPage, Clock } from '#domain/ports.ts';
import type { StoredApplication } from '#domain/records.ts';
import { chinaDay, CHINA_OFFSET_MS, startOfChinaDay } from '#domain/time.ts';
import { isWorkingDay } from '#domain/working-days.ts';

/**
 * When the digest goes out, as China times of day: the EventBridge rules (infra) and the local timer use this one
 * list. The use case itself stays quiet on days off (domain/working-days.ts).
 */
export const CALL_REMINDER_TIMES = ['09:30', '14:00'] as const;

export interface CallReminderDeps {
  applications: { listApplications(query: ApplicationQuery): Promise<ApplicationPage> };
  clock: Clock;
  /** Posts the digest to the team's chat robot or the ops topic. */
  post(digest: string): Promise<void>;
  /** `…/console/`: each line links to its application. */
  consoleUrl?: string;
}

export interface ReminderLine {
  reference: string;
  owner?: string;
  kind: 'overdue_first_call' | 'callback_due';
  maskedPhone?: string;
  city: string;
  dueAt: string;
}

/** Lines listed per owner; the rest are counted. */
const LISTED_PER_OWNER = 10;
const READ_PAGE = 500;

/** What is due: first calls past the promise, and callbacks due by the end of today (China time). */
export function remindersDue(applications: readonly StoredApplication[], now: Date): ReminderLine[] {
  const endOfToday = startOfChinaDay(chinaDay(new Date(now.getTime() + 86_400_000).toISOString()))!;
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

const hhmm = (iso: string) => new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(11, 16);
const link = (consoleUrl: string, reference: string) =>
  `${consoleUrl.endsWith('/') ? consoleUrl : `${consoleUrl}/`}#/applications/${encodeURIComponent(reference)}`;

/** The digest's text, or undefined when there is nothing to say. */
export function composeCallDigest(lines: readonly ReminderLine[], now: Date, consoleUrl?: string): string | undefined {
  if (lines.length === 0) return undefined;
  const owners = new Map<string, ReminderLine[]>();
  for (const line of lines) owners.set(line.owner ?? '', [...(owners.get(line.owner ?? '') ?? []), line]);
  const overdue = lines.filter((line) => line.kind === 'overdue_first_call').length;
  const sections = [...owners]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([owner, own]) => {
      const listed = own.slice(0, LISTED_PER_OWNER).map((line) => {
        const what = line.kind === 'overdue_first_call' ? '超过承诺时间，还没打第一个电话' : `约好 ${hhmm(line.dueAt)} 回电`;
        return `· ${line.reference}｜${line.city}｜${line.maskedPhone ?? '个人信息已删除'}｜${what}${consoleUrl ? `\n  ${link(consoleUrl, line.reference)}` : ''}`;
      });
      const more = own.length > LISTED_PER_OWNER ? [`  ……另有 ${own.length - LISTED_PER_OWNER} 份`] : [];
      return [`【${owner || '未认领'}】${own.length} 份`, ...listed, ...more].join('\n');
    });
  return [
    `待打电话提醒（${chinaDay(now.toISOString())} ${hhmm(now.toISOString())}）：超时未打第一个电话 ${overdue} 份，今天要回电 ${lines.length - overdue} 份`,
    ...sections,
  ].join('\n\n');
}

export type CallReminderResult = { posted: false; reason: 'day_off' | 'nothing_due' } | { posted: true; lines: number };

export async function sendCallReminders(deps: CallReminderDeps): Promise<CallReminderResult> {
  const now = deps.clock.now();
  if (!isWorkingDay(chinaDay(now.toISOString()))) return { posted: false, reason: 'day_off' };
  const waiting: StoredApplication[] = [];
  let page: string | undefined;
  do {
    const result = await deps.applications.listApplications({ statuses: ['pending_review'], limit: READ_PAGE, ...(page !== undefined && { page }) });
    for (const record of result.items) if (record.kind === 'application') waiting.push(record);
    page = result.next;
  } while (page);
  const lines = remindersDue(waiting, now);
  const digest = composeCallDigest(lines, now, deps.consoleUrl);
  if (!digest) return { posted: false, reason: 'nothing_due' };
  await deps.post(digest);
  return { posted: true, lines: lines.length };
}

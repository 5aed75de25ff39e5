import { describe, expect, it } from 'vitest';
import { nextCallDueAt } from '#domain/leads.ts';
import type { ToCallPageQuery } from '#domain/ports.ts';
import type { ApplicationRecord, StoredApplication } from '#domain/records.ts';
import { composeCallDigest } from '../../../functions/presentation/call-digest-zh.ts';
import { remindersDue, sendCallReminders } from '../../../functions/use-cases/call-reminders.ts';
import { createInMemoryStore, manualClock, recordingNotifier } from '../../support/in-memory-ports.ts';

const lead = (reference: string, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  kind: 'application',
  reference,
  status: 'pending_review',
  createdAt: '2026-12-02T02:00:00.000Z', // Wednesday: due by the end of Friday 4 December
  updatedAt: '2026-12-02T02:00:01.000Z',
  name: '张三',
  phone: '13812345678',
  phoneHash: 'h',
  city: '广东省 深圳市',
  merchantType: 'individual',
  brand: 'lakala',
  consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: '2026-12-02T02:00:00.000Z' },
  signals: [],
  statusHistory: [{ status: 'submitted', at: '2026-12-02T02:00:00.000Z', by: 'intake' }],
  channel: 'json',
  personalDataExpiresAt: '2027-12-02T02:00:00.000Z',
  ...overrides,
});

const monday0930 = new Date('2026-12-07T01:30:00Z');
const calls = (nextCallAt: string) => ({
  attempts: 1,
  firstAttemptAt: '2026-12-03T02:00:00Z',
  lastAttemptAt: '2026-12-03T02:00:00Z',
  lastOutcome: 'callback' as const,
  nextCallAt,
  failedDays: [],
});

describe('call reminders digest', () => {
  const applications = [
    lead('PA-AAAA-2222', { owner: { id: 'wang', since: 'x' } }), // first call overdue
    lead('PA-BBBB-3333', { owner: { id: 'wang', since: 'x' }, calls: calls('2026-12-07T06:00:00Z') }), // callback today 14:00
    lead('PA-CCCC-4444', { calls: calls('2026-12-08T06:00:00Z') }), // callback tomorrow: not yet
    lead('PA-DDDD-5555', { createdAt: '2026-12-07T01:00:00Z' }), // new today: not due yet
    lead('PA-EEEE-6666'), // overdue, nobody owns it
    lead('PA-FFFF-7777', { status: 'contacted' }), // already reached
  ];

  it('lists overdue first calls and callbacks due today per owner, unowned last, with masked phones and console links', () => {
    const text = composeCallDigest({ lines: remindersDue(applications, monday0930), at: monday0930.toISOString() }, 'https://pos.example.cn/console/');

    expect(text).toContain('超时未打第一个电话 2 份，今天要回电 1 份');
    expect(text).toMatch(
      /【wang】2 份\n· PA-AAAA-2222｜广东省 深圳市｜138\*\*\*\*5678｜超过承诺时间，还没打第一个电话\n {2}https:\/\/pos\.example\.cn\/console\/#\/applications\/PA-AAAA-2222/,
    );
    expect(text).toContain('PA-BBBB-3333｜广东省 深圳市｜138****5678｜约好 14:00 回电');
    expect(text.indexOf('【wang】')).toBeLessThan(text.indexOf('【未认领】1 份'));
    for (const quiet of ['PA-CCCC-4444', 'PA-DDDD-5555', 'PA-FFFF-7777']) expect(text).not.toContain(quiet);
    expect(text).not.toContain('13812345678');
  });

  it('stays quiet when nothing is due, and on a day off', async () => {
    const notifier = recordingNotifier();
    const nothingDue = createInMemoryStore(lead('PA-DDDD-5555', { createdAt: '2026-12-07T01:00:00Z' }));
    const busy = createInMemoryStore(...applications);
    const listing = (store: typeof busy) => toCallList([...store.records.values()] as StoredApplication[]).list;

    const quiet = await sendCallReminders({
      applications: listing(nothingDue),
      clock: manualClock(monday0930),
      post: (digest) => notifier.postDigest(composeCallDigest(digest)),
    });
    // Saturday 10 October 2026 is a working day (调休), Sunday 4 October is not (国庆).
    const holiday = await sendCallReminders({
      applications: listing(busy),
      clock: manualClock('2026-10-04T01:30:00Z'),
      post: (digest) => notifier.postDigest(composeCallDigest(digest)),
    });
    const posted = await sendCallReminders({
      applications: listing(busy),
      clock: manualClock(monday0930),
      post: (digest) => notifier.postDigest(composeCallDigest(digest)),
    });

    expect(quiet).toEqual({ posted: false, reason: 'nothing_due' });
    expect(holiday).toEqual({ posted: false, reason: 'day_off' });
    expect(posted).toEqual({ posted: true, lines: 3 });
    expect(notifier.digests).toHaveLength(1);
  });
});

describe('what the reminders read', () => {
  it('asks the "to call" list only for the leads due by the end of the day (China time), page after page', async () => {
    const due = lead('PA-AAAA-2222', { owner: { id: 'wang', since: 'x' } });
    const tomorrow = lead('PA-CCCC-4444', { calls: calls('2026-12-08T06:00:00Z') });
    const laterToday = lead('PA-BBBB-3333', { calls: calls('2026-12-07T15:59:59.999Z') }); // 23:59:59 China time
    const toCall = toCallList([due, laterToday, tomorrow], 1);

    const result = await sendCallReminders({ applications: toCall.list, clock: manualClock(monday0930), post: async () => undefined });

    expect(result).toEqual({ posted: true, lines: 2 });
    // Midnight at the end of Monday 7 December, China time; one page of one lead at a time.
    expect(toCall.queries.map(({ dueBy, page }) => ({ dueBy, page }))).toEqual([
      { dueBy: '2026-12-07T16:00:00.000Z', page: undefined },
      { dueBy: '2026-12-07T16:00:00.000Z', page: '1' },
    ]);
  });
});

/**
 * The "to call" list as the store keeps it (ToCallList): 审核中 only, by when each lead is due next, `dueBy` included;
 * pages of `pageSize` (the reminders ask for more, and get what is there). Records the queries asked.
 */
function toCallList(records: readonly StoredApplication[], pageSize = Number.POSITIVE_INFINITY) {
  const queries: ToCallPageQuery[] = [];
  const ordered = records.filter((record) => record.status === 'pending_review').sort((a, b) => nextCallDueAt(a).localeCompare(nextCallDueAt(b)));
  return {
    queries,
    list: {
      async listToCall(query: ToCallPageQuery) {
        queries.push(query);
        const matching = ordered.filter((record) => query.dueBy === undefined || nextCallDueAt(record) <= query.dueBy);
        const from = Number(query.page ?? 0);
        const to = from + Math.min(query.limit, pageSize);
        return { items: matching.slice(from, to), ...(to < matching.length && { next: String(to) }) };
      },
    },
  };
}

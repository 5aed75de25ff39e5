import { describe, expect, it } from 'vitest';
import type { CallAttempt } from '#domain/leads.ts';
import type { StatusChange, StoredApplication, StoredRecord } from '#domain/records.ts';
import { replayDeltas, sumCounters, type Counters } from '#domain/stats-counters.ts';
import { renderStats } from '../../../functions/ops/stats.ts';
import { computeStats } from '../../../functions/use-cases/application-stats.ts';

const NOW = new Date('2026-11-25T04:00:00.000Z'); // 12:00 in China

function application(reference: string, overrides: Partial<StoredApplication>): StoredApplication {
  return {
    kind: 'application',
    reference,
    status: 'pending_review',
    createdAt: '2026-11-25T01:00:00.000Z',
    updatedAt: '2026-11-25T01:00:00.000Z',
    city: '北京市',
    merchantType: 'individual',
    brand: 'lakala',
    consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: '' },
    signals: [],
    statusHistory: historyTo(overrides.status ?? 'pending_review', overrides.screening?.code),
    channel: 'json',
    personalDataExpiresAt: '2027-11-25T01:00:00.000Z',
    ...overrides,
  };
}

/** The path through the review flow to `status`, as stored in the history. */
function historyTo(status: StoredApplication['status'], code?: StatusChange['code']): StatusChange[] {
  const path = ['submitted', 'pending_review', 'contacted', 'approved', 'shipped', 'activated'] as const;
  const steps = status === 'rejected' ? (['submitted', 'rejected'] as const) : path.slice(0, path.indexOf(status as (typeof path)[number]) + 1);
  return steps.map((step) => ({ status: step, at: '2026-11-25T01:00:00.000Z', by: 'ops:wang', ...(step === 'rejected' && code && { code }) }));
}

/** The running counters these records (and calls) would have left, per China day: what the store keeps. */
function countersOf(all: readonly StoredRecord[], calls: Record<string, CallAttempt[]> = {}): Map<string, Counters> {
  const perDay = new Map<string, Counters>();
  for (const record of all)
    for (const delta of replayDeltas(record, calls[record.reference])) perDay.set(delta.day, sumCounters(perDay.get(delta.day) ?? {}, delta.counters));
  return perDay;
}

const records: StoredRecord[] = [
  application('PA-AAAA-2222', { attribution: { landingPage: '/articles/a/' }, status: 'approved' }),
  application('PA-BBBB-2222', { attribution: { landingPage: '/articles/a/?utm_source=x' }, status: 'activated', brand: 'unionpay' }),
  application('PA-CCCC-2222', { attribution: { landingPage: '/articles/a/' } }),
  application('PA-DDDD-2222', {
    attribution: { landingPage: '/articles/b/' },
    createdAt: '2026-11-23T20:00:00.000Z',
    status: 'rejected',
    screening: { at: '', outcome: 'rejected', code: 'spam_signal', signals: [] },
  }),
  application('PA-EEEE-2222', { createdAt: '2026-11-10T00:00:00.000Z' }), // outside 3 days
  { kind: 'spam', reference: 'PA-SSSS-2222', status: 'spam', reason: 'honeypot', createdAt: '2026-11-24T00:00:00.000Z', channel: 'json', expiresAt: '' },
];

describe('computeStats', () => {
  const calls: Record<string, CallAttempt[]> = {
    // Called 3 h after submitting, not reached; reached on the second try, within the promise.
    'PA-AAAA-2222': [
      { reference: 'PA-AAAA-2222', at: '2026-11-25T04:00:00.000Z', by: 'console:wang', outcome: 'no_answer' },
      { reference: 'PA-AAAA-2222', at: '2026-11-25T05:00:00.000Z', by: 'console:wang', outcome: 'reached' },
    ],
    // First attempt 30 minutes after submitting.
    'PA-BBBB-2222': [{ reference: 'PA-BBBB-2222', at: '2026-11-25T01:30:00.000Z', by: 'console:li', outcome: 'reached' }],
  };
  const stats = computeStats(countersOf(records, calls), NOW, 3);

  it('counts per China day, every day of the period', () => {
    expect(stats.perDay).toEqual([
      { day: '2026-11-23', applications: 0, spam: 0 },
      { day: '2026-11-24', applications: 1, spam: 1 },
      { day: '2026-11-25', applications: 3, spam: 0 },
    ]);
    expect(stats.applications).toBe(4);
    expect(stats.spam).toBe(1);
  });

  it('counts per brand and status, spam as a status of its own', () => {
    expect(stats.perBrand.find((b) => b.brand === 'lakala')?.applications).toBe(3);
    expect(stats.perBrand.find((b) => b.brand === 'unionpay')?.applications).toBe(1);
    expect(Object.fromEntries(stats.perStatus.map((s) => [s.status, s.count]))).toMatchObject({
      approved: 1,
      activated: 1,
      pending_review: 1,
      rejected: 1,
      spam: 1,
    });
  });

  it('converts by landing page (query strings folded): approved and later count as converted', () => {
    expect(stats.perLandingPage).toEqual([
      { landingPage: '/articles/a/', applications: 3, converted: 2, activated: 1 },
      { landingPage: '/articles/b/', applications: 1, converted: 0, activated: 0 },
    ]);
  });

  it('counts spam by trap reason and screening rejections by code', () => {
    expect(stats.spamByReason).toEqual([{ reason: 'honeypot', count: 1 }]);
    expect(stats.rejectedByScreening.find((r) => r.code === 'spam_signal')?.count).toBe(1);
  });

  it('keeps the promise: hours to the first attempt (median, p90), on time, reached, contact rate', () => {
    expect(stats.promise).toEqual({ attempted: 2, medianHoursToFirstAttempt: 1, p90HoursToFirstAttempt: 4, attemptedOnTime: 2, reached: 2, reachedOnTime: 2 });
  });

  it('converts by stage, per reviewer and per week', () => {
    expect(Object.fromEntries(stats.stages.map((s) => [s.status, s.count]))).toEqual({
      pending_review: 3,
      contacted: 2,
      approved: 2,
      shipped: 1,
      activated: 1,
    });
    expect(stats.perReviewer).toEqual([
      { reviewer: 'wang', calls: 2, reached: 1, contacted: 0, approved: 0, activated: 0 },
      { reviewer: 'li', calls: 1, reached: 1, contacted: 0, approved: 0, activated: 0 },
    ]);
    expect(stats.perWeek).toEqual([{ week: '2026-11-23', applications: 4, reached: 2, contacted: 2, approved: 2, activated: 1 }]);
  });

  it('renders every section with bars', () => {
    const text = renderStats(stats, 3);

    for (const heading of ['每日申请', '按品牌', '按状态', '按落地页', '垃圾与拦截', '承诺兑现', '各阶段转化', '按审核员', '按周'])
      expect(text).toContain(heading);
    expect(text).toMatch(/\/articles\/a\/\s+3\s+2\s+1\s+66\.7%\s+█+/);
    expect(text).toMatch(/2026-11-25\s+3\s+0\s+█{30}/);
  });
});

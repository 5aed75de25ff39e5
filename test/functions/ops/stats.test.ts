import { describe, expect, it } from 'vitest';
import type { StoredApplication, StoredRecord } from '#domain/records.ts';
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
    statusHistory: [],
    channel: 'json',
    personalDataExpiresAt: '2027-11-25T01:00:00.000Z',
    ...overrides,
  };
}

const records: StoredRecord[] = [
  application('PA-AAAA-2222', { attribution: { landingPage: '/articles/a/' }, status: 'approved' }),
  application('PA-BBBB-2222', { attribution: { landingPage: '/articles/a/?utm_source=x' }, status: 'activated', brand: 'unionpay' }),
  application('PA-CCCC-2222', { attribution: { landingPage: '/articles/a/' } }),
  application('PA-DDDD-2222', { attribution: { landingPage: '/articles/b/' }, createdAt: '2026-11-23T20:00:00.000Z', status: 'rejected', screening: { at: '', outcome: 'rejected', code: 'spam_signal', signals: [] } }),
  application('PA-EEEE-2222', { createdAt: '2026-11-10T00:00:00.000Z' }), // outside 3 days
  { kind: 'spam', reference: 'PA-SSSS-2222', status: 'spam', reason: 'honeypot', createdAt: '2026-11-24T00:00:00.000Z', channel: 'json', expiresAt: '' },
];

describe('computeStats', () => {
  const stats = computeStats(records, NOW, 3);

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
    expect(Object.fromEntries(stats.perStatus.map((s) => [s.status, s.count]))).toMatchObject({ approved: 1, activated: 1, pending_review: 1, rejected: 1, spam: 1 });
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

  it('renders every section with bars', () => {
    const text = renderStats(stats, 3);

    for (const heading of ['每日申请', '按品牌', '按状态', '按落地页', '垃圾与拦截']) expect(text).toContain(heading);
    expect(text).toMatch(/\/articles\/a\/\s+3\s+2\s+1\s+66\.7%\s+█+/);
    expect(text).toMatch(/2026-11-25\s+3\s+0\s+█{30}/);
  });
});

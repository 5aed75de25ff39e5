import { describe, expect, it } from 'vitest';
import type { SoftSignal } from '../../../functions/domain/anti-spam.ts';
import type { StoredApplication } from '../../../functions/domain/ports.ts';
import { earlierOpenApplication, hasRejectingSignals, missingFields, screen } from '../../../functions/domain/screening.ts';

function application(overrides: Partial<StoredApplication> = {}): StoredApplication {
  return {
    kind: 'application',
    reference: 'PA-BBBB-2222',
    status: 'submitted',
    createdAt: '2026-11-25T02:00:00.000Z',
    updatedAt: '2026-11-25T02:00:00.000Z',
    name: '张三',
    phone: '13812345678',
    phoneHash: 'hash-1',
    city: '广东省 深圳市',
    merchantType: 'sole_proprietor',
    brand: 'lakala',
    consent: { privacy: true, crossBorder: true, version: '2026-11-25', agreedAt: '2026-11-25T02:00:00.000Z' },
    signals: [],
    statusHistory: [{ status: 'submitted', at: '2026-11-25T02:00:00.000Z', by: 'intake' }],
    channel: 'json',
    ...overrides,
  };
}

const daysBefore = (iso: string, days: number) => new Date(Date.parse(iso) - days * 86_400_000).toISOString();

describe('screen', () => {
  it('sends a complete, unremarkable application to a person', () => {
    expect(screen({ application: application(), phoneBlocked: false, samePhone: [] })).toEqual({ outcome: 'pending_review', signals: [] });
  });

  it('rejects incomplete data first, whatever else is true', () => {
    const decision = screen({ application: application({ city: '火星' }), phoneBlocked: true, samePhone: [] });

    expect(decision).toMatchObject({ outcome: 'rejected', code: 'incomplete' });
  });

  it('rejects a blocked phone', () => {
    expect(screen({ application: application(), phoneBlocked: true, samePhone: [] })).toMatchObject({ outcome: 'rejected', code: 'blocked_phone' });
  });

  it('rejects a duplicate and links the original', () => {
    const original = application({ reference: 'PA-AAAA-2222', createdAt: daysBefore('2026-11-25T02:00:00.000Z', 3), status: 'contacted' });

    const decision = screen({ application: application(), phoneBlocked: false, samePhone: [original, application()] });

    expect(decision).toEqual({ outcome: 'rejected', code: 'duplicate', duplicateOf: 'PA-AAAA-2222', signals: [] });
  });

  it.each<[SoftSignal[], 'pending_review' | 'rejected']>([
    [['note_has_link'], 'pending_review'],
    [['quick_fill'], 'pending_review'],
    [['stale_form'], 'pending_review'],
    [['note_has_link', 'quick_fill'], 'rejected'],
    [['note_has_link', 'stale_form'], 'rejected'],
  ])('soft signals %j → %s', (signals, outcome) => {
    const decision = screen({ application: application({ signals }), phoneBlocked: false, samePhone: [] });

    expect(decision.outcome).toBe(outcome);
    expect(decision.signals).toEqual(signals);
    if (decision.outcome === 'rejected') expect(decision.code).toBe('spam_signal');
  });

  it('agrees with hasRejectingSignals', () => {
    expect(hasRejectingSignals(['quick_fill', 'note_has_link'])).toBe(true);
    expect(hasRejectingSignals(['quick_fill', 'stale_form'])).toBe(false);
  });
});

describe('missingFields', () => {
  it('names every field review cannot do without', () => {
    const broken = application({ name: ' ', phone: '12345', phoneHash: undefined, merchantType: 'x' as never, brand: 'y' as never });

    expect(missingFields(broken)).toEqual(['name', 'phone', 'phoneHash', 'merchantType', 'brand']);
    expect(missingFields(application({ name: undefined, phone: undefined }))).toEqual(['name', 'phone']);
    expect(missingFields(application({ consent: { privacy: true, crossBorder: false as never, version: 'v', agreedAt: '' } }))).toEqual(['consent']);
  });
});

describe('earlierOpenApplication (duplicates)', () => {
  const now = '2026-11-25T02:00:00.000Z';
  const other = (overrides: Partial<StoredApplication>) => application({ reference: 'PA-AAAA-2222', ...overrides });

  it('counts an open application from up to 30 days before', () => {
    expect(earlierOpenApplication(application(), [other({ createdAt: daysBefore(now, 29.9) })])?.reference).toBe('PA-AAAA-2222');
    expect(earlierOpenApplication(application(), [other({ createdAt: daysBefore(now, 30.1) })])).toBeUndefined();
  });

  it('ignores closed applications, spam-free later ones and itself', () => {
    for (const status of ['rejected', 'withdrawn', 'activated'] as const) {
      expect(earlierOpenApplication(application(), [other({ status, createdAt: daysBefore(now, 1) })]), status).toBeUndefined();
    }
    expect(earlierOpenApplication(application(), [other({ createdAt: '2026-11-25T02:00:05.000Z' })])).toBeUndefined();
    expect(earlierOpenApplication(application(), [application()])).toBeUndefined();
  });

  it('links the earliest open one when there are several', () => {
    const found = earlierOpenApplication(application(), [
      other({ reference: 'PA-CCCC-2222', createdAt: daysBefore(now, 2) }),
      other({ reference: 'PA-DDDD-2222', createdAt: daysBefore(now, 9) }),
    ]);

    expect(found?.reference).toBe('PA-DDDD-2222');
  });

  it('makes exactly one of two simultaneous applications the original', () => {
    const first = application({ reference: 'PA-AAAA-2222' });
    const second = application({ reference: 'PA-ZZZZ-2222' });

    expect(earlierOpenApplication(first, [first, second])).toBeUndefined();
    expect(earlierOpenApplication(second, [first, second])?.reference).toBe('PA-AAAA-2222');
  });
});

import { describe, expect, it } from 'vitest';
import type { SoftSignal } from '../../../functions/domain/anti-spam.ts';
import type { StoredApplication } from '../../../functions/domain/ports.ts';
import { hasRejectingSignals, missingFields, originalApplication, screen } from '../../../functions/domain/screening.ts';

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
    consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: '2026-11-25T02:00:00.000Z' },
    signals: [],
    statusHistory: [{ status: 'submitted', at: '2026-11-25T02:00:00.000Z', by: 'intake' }],
    channel: 'json',
    personalDataExpiresAt: '2027-11-25T02:00:00.000Z',
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
    expect(missingFields(application({ consent: { privacy: true, crossBorder: false as never, providerSharing: true, version: 'v', agreedAt: '' } }))).toEqual(['consent']);
    expect(missingFields(application({ consent: { privacy: true, crossBorder: true, providerSharing: undefined as never, version: 'v', agreedAt: '' } }))).toEqual(['consent']);
  });
});

describe('originalApplication (duplicates)', () => {
  const now = '2026-11-25T02:00:00.000Z';
  const other = (overrides: Partial<StoredApplication>) => application({ reference: 'PA-AAAA-2222', ...overrides });

  it('counts an older open application from up to 30 days before', () => {
    expect(originalApplication(application(), [other({ createdAt: daysBefore(now, 29.9) })])?.reference).toBe('PA-AAAA-2222');
    expect(originalApplication(application(), [other({ createdAt: daysBefore(now, 30.1), status: 'pending_review' })])).toBeUndefined();
  });

  it('ignores closed applications and itself', () => {
    for (const status of ['rejected', 'withdrawn', 'activated'] as const) {
      expect(originalApplication(application(), [other({ status, createdAt: daysBefore(now, 1) })]), status).toBeUndefined();
    }
    expect(originalApplication(application(), [application()])).toBeUndefined();
  });

  it('defers to an older one still waiting for screening, but not to a newer one still waiting', () => {
    expect(originalApplication(application(), [other({ createdAt: daysBefore(now, 1) })])?.reference).toBe('PA-AAAA-2222');
    expect(originalApplication(application(), [other({ createdAt: '2026-11-25T02:00:05.000Z' })])).toBeUndefined();
  });

  it('defers to one that already passed screening, even a newer one', () => {
    for (const status of ['pending_review', 'contacted', 'approved', 'shipped'] as const) {
      expect(originalApplication(application(), [other({ status, createdAt: '2026-11-25T02:00:05.000Z' })])?.reference, status).toBe('PA-AAAA-2222');
    }
  });

  it('links the earliest qualifying one when there are several', () => {
    const found = originalApplication(application(), [
      other({ reference: 'PA-CCCC-2222', createdAt: daysBefore(now, 2) }),
      other({ reference: 'PA-DDDD-2222', createdAt: daysBefore(now, 9), status: 'contacted' }),
    ]);

    expect(found?.reference).toBe('PA-DDDD-2222');
  });

  it('makes exactly one of two simultaneous applications the original', () => {
    const first = application({ reference: 'PA-AAAA-2222' });
    const second = application({ reference: 'PA-ZZZZ-2222' });

    expect(originalApplication(first, [first, second])).toBeUndefined();
    expect(originalApplication(second, [first, second])?.reference).toBe('PA-AAAA-2222');
  });

  it('keeps exactly one of two applications ms apart whichever is screened first', () => {
    const earlier = application({ reference: 'PA-ZZZZ-3333', createdAt: '2026-11-25T02:00:00.000Z' });
    const later = application({ reference: 'PA-AAAA-3333', createdAt: '2026-11-25T02:00:00.004Z' });
    const decide = (subject: StoredApplication, others: StoredApplication[]) => screen({ application: subject, phoneBlocked: false, samePhone: others });
    const afterDecision = (subject: StoredApplication, decision: ReturnType<typeof decide>) => ({ ...subject, status: decision.outcome });

    // The later one is screened first, while the earlier is still waiting: it defers to the earlier one.
    const laterFirst = decide(later, [earlier, later]);
    const earlierSecond = decide(earlier, [earlier, afterDecision(later, laterFirst)]);
    expect([laterFirst, earlierSecond].map((d) => d.outcome)).toEqual(['rejected', 'pending_review']);
    expect(laterFirst).toMatchObject({ code: 'duplicate', duplicateOf: earlier.reference });

    // The later one is screened first and cannot see the earlier yet (eventually consistent index): it stays, and
    // the earlier one, screened afterwards, becomes its duplicate. Still exactly one goes to a person.
    const laterBlind = decide(later, [later]);
    const earlierAfter = decide(earlier, [earlier, afterDecision(later, laterBlind)]);
    expect([laterBlind, earlierAfter].map((d) => d.outcome)).toEqual(['pending_review', 'rejected']);
    expect(earlierAfter).toMatchObject({ code: 'duplicate', duplicateOf: later.reference });

    // The usual order: the earlier is screened first.
    const earlierFirst = decide(earlier, [earlier, later]);
    const laterSecond = decide(later, [afterDecision(earlier, earlierFirst), later]);
    expect([earlierFirst, laterSecond].map((d) => d.outcome)).toEqual(['pending_review', 'rejected']);
  });
});

import { describe, expect, it } from 'vitest';
import type { SoftSignal } from '#domain/anti-spam.ts';
import type { StoredApplication } from '#domain/records.ts';
import { hasRejectingSignals, missingFields, sameNumberApplications, screen } from '#domain/screening.ts';

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
    expect(screen({ application: application(), phoneBlocked: false, samePhone: [] })).toEqual({ outcome: 'pending_review', signals: [], samePhoneAs: [] });
  });

  it('rejects incomplete data first, whatever else is true', () => {
    const decision = screen({ application: application({ city: '火星' }), phoneBlocked: true, samePhone: [] });

    expect(decision).toMatchObject({ outcome: 'rejected', code: 'incomplete' });
  });

  it('rejects a blocked phone', () => {
    expect(screen({ application: application(), phoneBlocked: true, samePhone: [] })).toMatchObject({ outcome: 'rejected', code: 'blocked_phone' });
  });

  it("never rejects for an earlier application from the same phone (it may be an impostor's): both go to a person, linked", () => {
    const impostorFirst = application({
      reference: 'PA-AAAA-2222',
      name: '冒用者',
      createdAt: daysBefore('2026-11-25T02:00:00.000Z', 3),
      status: 'pending_review',
    });

    const decision = screen({ application: application(), phoneBlocked: false, samePhone: [impostorFirst, application()] });

    expect(decision).toEqual({ outcome: 'pending_review', signals: [], samePhoneAs: ['PA-AAAA-2222'] });
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
    const broken = application({ name: ' ', phone: '12345', merchantType: 'x' as never, brand: 'y' as never });
    delete broken.phoneHash;

    expect(missingFields(broken)).toEqual(['name', 'phone', 'phoneHash', 'merchantType', 'brand']);
    const withoutContact = application({});
    delete withoutContact.name;
    delete withoutContact.phone;
    expect(missingFields(withoutContact)).toEqual(['name', 'phone']);
    expect(missingFields(application({ consent: { privacy: true, crossBorder: false as never, providerSharing: true, version: 'v', agreedAt: '' } }))).toEqual([
      'consent',
    ]);
    expect(
      missingFields(application({ consent: { privacy: true, crossBorder: true, providerSharing: undefined as never, version: 'v', agreedAt: '' } })),
    ).toEqual(['consent']);
  });
});

describe('sameNumberApplications', () => {
  const now = '2026-11-25T02:00:00.000Z';
  const other = (overrides: Partial<StoredApplication>) => application({ reference: 'PA-AAAA-2222', ...overrides });
  const references = (found: StoredApplication[]) => found.map((a) => a.reference);

  it('links open applications from up to 30 days before, and newer ones', () => {
    expect(references(sameNumberApplications(application(), [other({ createdAt: daysBefore(now, 29.9) })]))).toEqual(['PA-AAAA-2222']);
    expect(references(sameNumberApplications(application(), [other({ createdAt: '2026-11-25T02:00:05.000Z' })]))).toEqual(['PA-AAAA-2222']);
    expect(sameNumberApplications(application(), [other({ createdAt: daysBefore(now, 30.1), status: 'pending_review' })])).toEqual([]);
  });

  it('ignores closed applications and itself', () => {
    for (const status of ['rejected', 'withdrawn', 'activated'] as const) {
      expect(sameNumberApplications(application(), [other({ status, createdAt: daysBefore(now, 1) })]), status).toEqual([]);
    }
    expect(sameNumberApplications(application(), [application()])).toEqual([]);
  });

  it('lists several oldest first, whatever their status', () => {
    const found = sameNumberApplications(application(), [
      other({ reference: 'PA-CCCC-2222', createdAt: daysBefore(now, 2) }),
      other({ reference: 'PA-DDDD-2222', createdAt: daysBefore(now, 9), status: 'contacted' }),
    ]);

    expect(references(found)).toEqual(['PA-DDDD-2222', 'PA-CCCC-2222']);
  });
});

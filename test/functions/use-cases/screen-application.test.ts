import { describe, expect, it } from 'vitest';
import type { ApplicationRecord, SpamRecord } from '#domain/records.ts';
import { screenApplication, type ScreenApplicationDeps } from '../../../functions/use-cases/screen-application.ts';
import { createInMemoryStore, manualClock, recordingNotifier } from '../../support/in-memory-ports.ts';

const CREATED = '2026-11-25T02:00:00.000Z';

function application(overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    kind: 'application',
    reference: 'PA-BBBB-2222',
    status: 'submitted',
    createdAt: CREATED,
    updatedAt: CREATED,
    name: '张三',
    phone: '13812345678',
    phoneHash: 'hash-of-13812345678',
    city: '广东省 深圳市',
    merchantType: 'sole_proprietor',
    brand: 'lakala',
    note: '下午方便',
    consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: CREATED },
    signals: [],
    statusHistory: [{ status: 'submitted', at: CREATED, by: 'intake' }],
    channel: 'json',
    personalDataExpiresAt: '2027-11-25T02:00:00.000Z',
    ...overrides,
  };
}

function setUp(...records: ApplicationRecord[]) {
  const store = createInMemoryStore(...records);
  const notifier = recordingNotifier();
  const clock = manualClock('2026-11-25T02:00:03.000Z');
  const deps: ScreenApplicationDeps = { applications: store, blockedPhones: store, notifier, clock, retentionDays: 180 };
  return { store, notifier, clock, deps };
}

const stored = (store: ReturnType<typeof createInMemoryStore>, reference = 'PA-BBBB-2222') => store.records.get(reference) as ApplicationRecord;

describe('screenApplication', () => {
  it('moves a clean application to pending_review and tells ops the reference, brand, city and masked phone only', async () => {
    const { store, notifier, deps } = setUp(application());

    const outcome = await screenApplication('PA-BBBB-2222', deps);

    expect(outcome).toEqual({ kind: 'screened', reference: 'PA-BBBB-2222', decision: { outcome: 'pending_review', signals: [], samePhoneAs: [] } });
    expect(stored(store)).toMatchObject({
      status: 'pending_review',
      statusHistory: [{ status: 'submitted' }, { status: 'pending_review', at: '2026-11-25T02:00:03.000Z', by: 'system:screening' }],
      screening: { outcome: 'pending_review', notifiedAt: '2026-11-25T02:00:03.000Z' },
    });
    // Still open: the personal data keeps the expiry intake gave it, not a closing one.
    expect(stored(store).personalDataExpiresAt).toBe(application().personalDataExpiresAt);
    expect(stored(store)).not.toHaveProperty('closedAt');
    expect(notifier.notices).toEqual([{ reference: 'PA-BBBB-2222', brand: 'lakala', city: '广东省 深圳市', maskedPhone: '138****5678' }]);
  });

  it('sends a later application from the same phone to a person too, and links the two both ways', async () => {
    const impostorFirst = application({ reference: 'PA-AAAA-2222', name: '冒用者', createdAt: '2026-11-20T02:00:00.000Z', status: 'pending_review' });
    const { store, notifier, deps } = setUp(impostorFirst, application());

    const outcome = await screenApplication('PA-BBBB-2222', deps);

    expect(outcome).toMatchObject({ kind: 'screened', decision: { outcome: 'pending_review', samePhoneAs: ['PA-AAAA-2222'] } });
    expect(stored(store)).toMatchObject({ status: 'pending_review', samePhoneAs: ['PA-AAAA-2222'] });
    expect(stored(store, 'PA-AAAA-2222')).toMatchObject({ status: 'pending_review', samePhoneAs: ['PA-BBBB-2222'] });
    expect(notifier.notices.map((notice) => notice.reference)).toEqual(['PA-BBBB-2222']);
  });

  it('links two applications sent ms apart whichever is screened first, and rejects neither', async () => {
    const earlier = application({ reference: 'PA-ZZZZ-2222', createdAt: '2026-11-25T02:00:00.000Z' });
    const later = application({ reference: 'PA-AAAA-2222', createdAt: '2026-11-25T02:00:00.003Z' });
    const { store, notifier, deps } = setUp(earlier, later);

    await screenApplication(later.reference, deps);
    await screenApplication(earlier.reference, deps);

    expect(stored(store, later.reference)).toMatchObject({ status: 'pending_review', samePhoneAs: [earlier.reference] });
    expect(stored(store, earlier.reference)).toMatchObject({ status: 'pending_review', samePhoneAs: [later.reference] });
    expect(notifier.notices.map((notice) => notice.reference).sort()).toEqual([later.reference, earlier.reference].sort());
  });

  it('rejects a blocked phone', async () => {
    const { store, deps } = setUp(application());
    store.blocked.add('hash-of-13812345678');

    expect(await screenApplication('PA-BBBB-2222', deps)).toMatchObject({ decision: { outcome: 'rejected', code: 'blocked_phone' } });
  });

  it('changes nothing when the message is delivered again', async () => {
    const { store, notifier, deps } = setUp(application());
    await screenApplication('PA-BBBB-2222', deps);

    const again = await screenApplication('PA-BBBB-2222', deps);

    expect(again).toEqual({ kind: 'already_screened', reference: 'PA-BBBB-2222', status: 'pending_review', renotified: false });
    expect(stored(store).statusHistory).toHaveLength(2);
    expect(notifier.notices).toHaveLength(1);
  });

  it('fails when ops cannot be told, and a redelivery tells them without screening again', async () => {
    const { store, notifier, deps } = setUp(application());
    notifier.unavailable = true;

    await expect(screenApplication('PA-BBBB-2222', deps)).rejects.toThrow(/notifier unavailable/);
    expect(stored(store).status).toBe('pending_review');
    notifier.unavailable = false;
    const redelivered = await screenApplication('PA-BBBB-2222', deps);

    expect(redelivered).toMatchObject({ kind: 'already_screened', renotified: true });
    expect(notifier.notices).toHaveLength(1);
    expect(stored(store).statusHistory).toHaveLength(2);
    expect(stored(store).screening?.notifiedAt).toBeDefined();
  });

  it('reads again after a concurrent change instead of writing over it', async () => {
    const { store, deps } = setUp(application());
    store.scriptedStatusOutcomes.push('conflict');

    const outcome = await screenApplication('PA-BBBB-2222', deps);

    expect(outcome).toMatchObject({ kind: 'screened' });
    expect(stored(store).statusHistory).toHaveLength(2);
  });

  it('acknowledges an unknown reference and a spam record without changing anything', async () => {
    const spam: SpamRecord = {
      kind: 'spam',
      reference: 'PA-SSSS-2222',
      status: 'spam',
      reason: 'honeypot',
      createdAt: CREATED,
      channel: 'json',
      expiresAt: '2027-05-24T02:00:00.000Z',
    };
    const { store, notifier, deps } = setUp();
    store.records.set(spam.reference, spam);

    expect(await screenApplication('PA-2222-2222', deps)).toEqual({ kind: 'unknown_reference', reference: 'PA-2222-2222' });
    expect(await screenApplication('PA-SSSS-2222', deps)).toEqual({ kind: 'spam', reference: 'PA-SSSS-2222' });
    expect(store.records.get('PA-SSSS-2222')).toEqual(spam);
    expect(notifier.notices).toEqual([]);
  });

  it('lets a store failure escape, so the message is retried', async () => {
    const { store, deps } = setUp(application());
    store.unavailable = true;

    await expect(screenApplication('PA-BBBB-2222', deps)).rejects.toThrow(/store unavailable/);
  });
});

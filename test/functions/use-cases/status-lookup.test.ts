import { describe, expect, it } from 'vitest';
import { createHmacPseudonymiser } from '../../../functions/adapters/hmac-pseudonymiser.ts';
import { statusLookupMessages } from '#domain/status-lookup.ts';
import type { ApplicationRecord, SpamRecord } from '#domain/records.ts';
import { lookUpStatus, type StatusLookupDeps } from '../../../functions/use-cases/status-lookup.ts';
import type { QuoteRecord } from '#domain/quote.ts';
import { createInMemoryStore, manualClock } from '../../support/in-memory-ports.ts';
import { validQuote } from '../../support/quote-fixtures.ts';

const application: ApplicationRecord = {
  kind: 'application',
  reference: 'PA-7K3F-9Q2M',
  status: 'pending_review',
  createdAt: '2026-11-24T02:00:00.000Z',
  updatedAt: '2026-11-24T02:01:00.000Z',
  name: '张三',
  phone: '13812345678',
  phoneHash: 'h',
  city: '北京市',
  merchantType: 'individual',
  brand: 'lakala',
  consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: '2026-11-24T02:00:00.000Z' },
  signals: [],
  statusHistory: [],
  channel: 'json',
  personalDataExpiresAt: '2027-11-24T02:00:00.000Z',
};

function setUp(limits: Partial<StatusLookupDeps['limits']> = {}, quotes: Map<string, QuoteRecord[]> = new Map()) {
  const store = createInMemoryStore();
  store.records.set(application.reference, application);
  const deps: StatusLookupDeps = {
    applications: store,
    quotes: { quotesOf: async (reference) => quotes.get(reference) ?? [] },
    rateLimiter: store,
    clock: manualClock('2026-11-25T04:00:00Z'),
    pseudonymiser: createHmacPseudonymiser('unit-test-secret'),
    limits: {
      requestsPerIpPerMinute: 100,
      statusMissesPerIpPerHour: 100,
      statusMissesPerReferencePerAddressPerDay: 100,
      statusMissesPerReferencePerDay: 100,
      ...limits,
    },
  };
  return { store, deps };
}

const lookUp = (deps: StatusLookupDeps, body: unknown, viewerIp = '203.0.113.9') => lookUpStatus({ body, viewerIp }, deps);

describe('lookUpStatus', () => {
  it('shows the latest written quote only with the right reference and digits, the same 404 otherwise', async () => {
    const quote: QuoteRecord = { ...validQuote(), recordedAt: '2026-11-25T03:00:00.000Z', recordedBy: 'console:reviewer' };
    const { deps } = setUp({}, new Map([[application.reference, [quote]]]));

    const found = await lookUp(deps, { reference: application.reference, phoneLast4: '5678' });
    const wrongDigits = await lookUp(deps, { reference: application.reference, phoneLast4: '0000' });

    expect(found).toMatchObject({ kind: 'found', quote: { modelName: '拉卡拉电签 POS', revision: 1, recordedAt: quote.recordedAt } });
    expect(found.kind === 'found' && found.quote).not.toHaveProperty('recordedBy');
    expect(wrongDigits).toEqual({ kind: 'not_found', reference: application.reference });
  });

  it('finds an application by reference and the last four phone digits', async () => {
    const { deps } = setUp();

    const outcome = await lookUp(deps, { reference: 'pa-7k3f-9q2m', phoneLast4: '5678' });

    expect(outcome).toEqual({ kind: 'found', reference: 'PA-7K3F-9Q2M', status: 'pending_review', updatedAt: '2026-11-24T02:01:00.000Z' });
  });

  it('answers a wrong phone and an unknown reference identically', async () => {
    const { deps } = setUp();

    const wrongPhone = await lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: '0000' });
    const unknownReference = await lookUp(deps, { reference: 'PA-7K3F-9Q2N', phoneLast4: '5678' });

    expect(wrongPhone.kind).toBe('not_found');
    expect(unknownReference.kind).toBe('not_found');
  });

  it('never finds trapped spam', async () => {
    const { deps, store } = setUp();
    const spam: SpamRecord = {
      kind: 'spam',
      reference: 'PA-SSSS-2222',
      status: 'spam',
      reason: 'honeypot',
      createdAt: '2026-11-24T02:00:00.000Z',
      channel: 'json',
      expiresAt: '2027-05-23T02:00:00.000Z',
    };
    store.records.set(spam.reference, spam);

    expect((await lookUp(deps, { reference: spam.reference, phoneLast4: '0000' })).kind).toBe('not_found');
  });

  it('stops answering after too many misses for a reference, even with the right digits', async () => {
    const { deps } = setUp({ statusMissesPerReferencePerDay: 3 });

    for (const digits of ['0001', '0002', '0003']) await lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: digits }, `198.51.100.${digits}`);
    const outcome = await lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: '5678' });

    expect(outcome).toMatchObject({ kind: 'rate_limited', limit: 'status_misses_per_reference_per_day' });
  });

  it("a stranger guessing from one address uses up only that address's tries: the owner elsewhere still gets the answer", async () => {
    const { deps } = setUp({ statusMissesPerReferencePerAddressPerDay: 5 });
    const stranger = '2001:db8:77:1::';

    for (let i = 0; i < 5; i++) await lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: `000${i}` }, `${stranger}${i + 1}`);
    const strangerAgain = await lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: '5678' }, `${stranger}99`);
    const owner = await lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: '5678' }, '203.0.113.50');

    expect(strangerAgain).toMatchObject({ kind: 'rate_limited', limit: 'status_misses_per_reference_per_address_per_day' });
    expect(owner.kind).toBe('found');
  });

  it('stops answering an IP after too many misses across references', async () => {
    const { deps } = setUp({ statusMissesPerIpPerHour: 2 });

    await lookUp(deps, { reference: 'PA-2222-2222', phoneLast4: '0000' });
    await lookUp(deps, { reference: 'PA-3333-3333', phoneLast4: '0000' });
    const third = await lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: '5678' });
    const otherIp = await lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: '5678' }, '198.51.100.1');

    expect(third).toEqual({ kind: 'rate_limited', limit: 'status_misses_per_ip_per_hour', retryAfterSeconds: 3600 });
    expect(otherIp.kind).toBe('found');
  });

  it('does not count successful lookups as misses (the advance charge is given back)', async () => {
    const { deps, store } = setUp({ statusMissesPerIpPerHour: 1 });

    for (let i = 0; i < 5; i++) expect((await lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: '5678' })).kind).toBe('found');
    const missCounters = [...store.counters].filter(([key]) => key.startsWith('status_misses'));
    expect(missCounters.map(([, count]) => count)).toEqual([0, 0, 0]);
  });

  it('lets no more guesses reach the store than the limit, however many arrive at once', async () => {
    const { deps } = setUp({ statusMissesPerReferencePerDay: 5 });
    const guesses = Array.from({ length: 20 }, (_, i) => String(i).padStart(4, '0'));

    const outcomes = await Promise.all(guesses.map((digits, i) => lookUp(deps, { reference: 'PA-7K3F-9Q2M', phoneLast4: digits }, `198.51.100.${i}`)));

    expect(outcomes.filter((o) => o.kind === 'not_found')).toHaveLength(5);
    expect(outcomes.filter((o) => o.kind === 'rate_limited')).toHaveLength(15);
  });

  it("answers with the application's own status, time and reference only: nothing about other applications from its phone", async () => {
    const { deps, store } = setUp();
    store.records.set('PA-DDDD-2222', { ...application, reference: 'PA-DDDD-2222', status: 'pending_review', samePhoneAs: ['PA-7K3F-9Q2M'] });

    const outcome = await lookUp(deps, { reference: 'PA-DDDD-2222', phoneLast4: '5678' });

    expect(outcome).toEqual({ kind: 'found', reference: 'PA-DDDD-2222', status: 'pending_review', updatedAt: application.updatedAt });
    expect(JSON.stringify(outcome)).not.toContain('PA-7K3F-9Q2M');
  });

  it('explains invalid input without touching the store', async () => {
    const { deps, store } = setUp();

    const outcome = await lookUp(deps, { reference: 'nope', phoneLast4: '12' });

    expect(outcome).toEqual({ kind: 'invalid', fields: { reference: statusLookupMessages.reference, phoneLast4: statusLookupMessages.phoneLast4 } });
    expect(store.counters.size).toBe(0);
  });
});

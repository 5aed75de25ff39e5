import { describe, expect, it } from 'vitest';
import type { ApplicationRecord, StoredApplication } from '#domain/records.ts';
import { erase, findErasable } from '../../../functions/use-cases/erase-personal-data.ts';
import { createInMemoryStore, manualClock } from '../../support/in-memory-ports.ts';

function application(reference: string, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    kind: 'application',
    reference,
    status: 'pending_review',
    createdAt: '2026-11-25T02:00:00.000Z',
    updatedAt: '2026-11-25T02:00:01.000Z',
    name: '张三',
    phone: '13812345678',
    phoneHash: 'hash-a',
    city: '北京市',
    merchantType: 'individual',
    brand: 'unionpay',
    note: '周末别打电话',
    consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: '2026-11-25T02:00:00.000Z' },
    signals: [],
    statusHistory: [
      { status: 'submitted', at: '2026-11-25T02:00:00.000Z', by: 'intake' },
      { status: 'pending_review', at: '2026-11-25T02:00:01.000Z', by: 'system:screening', reason: '张三说周五再打' },
    ],
    channel: 'json',
    personalDataExpiresAt: '2027-11-25T02:00:00.000Z',
    ...overrides,
  };
}

function setUp(...records: ApplicationRecord[]) {
  const store = createInMemoryStore(...records);
  return { store, deps: { applications: store, clock: manualClock('2026-11-26T09:00:00Z') } };
}

const PERSONAL = ['张三', '13812345678', 'hash-a', '周末别打电话', '周五再打'];

describe('erase', () => {
  it('removes every personal field, withdraws an open application and keeps the anonymised record', async () => {
    const { store, deps } = setUp(application('PA-AAAA-2222'));
    const plan = await findErasable({ reference: 'PA-AAAA-2222' }, deps);
    if (plan.kind !== 'found') throw new Error(plan.kind);

    const report = await erase(plan, 'ops:alice', deps);

    expect(report).toEqual({ erased: [{ reference: 'PA-AAAA-2222', hadPersonalData: true, withdrawn: true }], unblocked: false });
    const record = store.records.get('PA-AAAA-2222') as StoredApplication;
    for (const text of PERSONAL) expect(JSON.stringify(record)).not.toContain(text);
    expect(record).toMatchObject({
      status: 'withdrawn',
      city: '北京市',
      brand: 'unionpay',
      erasure: { at: '2026-11-26T09:00:00.000Z', by: 'ops:alice' },
    });
    expect(record.statusHistory.at(-1)).toEqual({ status: 'withdrawn', at: '2026-11-26T09:00:00.000Z', by: 'ops:alice', code: 'erased' });
  });

  it('by phone: erases all of its applications and then its blocked-list entry', async () => {
    const { store, deps } = setUp(
      application('PA-AAAA-2222', { status: 'rejected' }),
      application('PA-BBBB-2222'),
      application('PA-CCCC-2222', { phone: '13900000000', phoneHash: 'hash-b', name: '李四' }),
    );
    store.blocked.add('hash-a');
    const plan = await findErasable({ phoneHash: 'hash-a' }, deps);
    if (plan.kind !== 'found') throw new Error(plan.kind);

    const report = await erase(plan, 'ops:alice', deps);

    expect(report.erased.map((e) => [e.reference, e.withdrawn]).sort()).toEqual([
      ['PA-AAAA-2222', false],
      ['PA-BBBB-2222', true],
    ]);
    expect(report.unblocked).toBe(true);
    expect(store.blocked.has('hash-a')).toBe(false);
    expect(JSON.stringify([...store.records.values()])).not.toContain('13812345678');
    expect((store.records.get('PA-CCCC-2222') as StoredApplication).phone).toBe('13900000000');
  });

  it('by reference: keeps the block while another application of the phone still has personal data', async () => {
    const { store, deps } = setUp(application('PA-AAAA-2222'), application('PA-BBBB-2222'));
    store.blocked.add('hash-a');
    const plan = await findErasable({ reference: 'PA-AAAA-2222' }, deps);
    if (plan.kind !== 'found') throw new Error(plan.kind);

    const report = await erase(plan, 'ops:alice', deps);

    expect(report.unblocked).toBe(false);
    expect(store.blocked.has('hash-a')).toBe(true);
  });

  it('a second erasure finds nothing left and changes nothing but says so', async () => {
    const { store, deps } = setUp(application('PA-AAAA-2222'));
    const plan = await findErasable({ reference: 'PA-AAAA-2222' }, deps);
    if (plan.kind !== 'found') throw new Error(plan.kind);
    await erase(plan, 'ops:alice', deps);
    const before = structuredClone(store.records.get('PA-AAAA-2222'));

    const again = await erase(plan, 'ops:bob', deps);

    expect(again.erased).toEqual([{ reference: 'PA-AAAA-2222', hadPersonalData: false, withdrawn: false }]);
    expect(store.records.get('PA-AAAA-2222')).toEqual(before);
  });

  it('tells a spam record and an unknown reference apart', async () => {
    const { store, deps } = setUp();
    store.records.set('PA-SSSS-2222', {
      kind: 'spam',
      reference: 'PA-SSSS-2222',
      status: 'spam',
      reason: 'too_fast',
      createdAt: '2026-11-25T02:00:00.000Z',
      channel: 'json',
      expiresAt: '2027-05-24T02:00:00.000Z',
    });

    expect(await findErasable({ reference: 'PA-SSSS-2222' }, deps)).toEqual({ kind: 'spam' });
    expect(await findErasable({ reference: 'PA-2222-2222' }, deps)).toEqual({ kind: 'not_found' });
  });
});

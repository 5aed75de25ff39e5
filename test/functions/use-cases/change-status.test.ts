import { describe, expect, it } from 'vitest';
import type { ApplicationRecord } from '#domain/records.ts';
import { changeStatus, changeStatusAsUser } from '../../../functions/use-cases/change-status.ts';
import { createInMemoryStore, manualClock } from '../../support/in-memory-ports.ts';

const application: ApplicationRecord = {
  kind: 'application',
  reference: 'PA-BBBB-2222',
  status: 'pending_review',
  createdAt: '2026-11-25T02:00:00.000Z',
  updatedAt: '2026-11-25T02:00:01.000Z',
  name: '张三',
  phone: '13812345678',
  phoneHash: 'h',
  city: '北京市',
  merchantType: 'individual',
  brand: 'unionpay',
  consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: '2026-11-25T02:00:00.000Z' },
  signals: [],
  statusHistory: [
    { status: 'submitted', at: '2026-11-25T02:00:00.000Z', by: 'intake' },
    { status: 'pending_review', at: '2026-11-25T02:00:01.000Z', by: 'system:screening' },
  ],
  channel: 'form',
  personalDataExpiresAt: '2027-11-25T02:00:00.000Z',
};

function setUp() {
  const store = createInMemoryStore(application);
  return { store, deps: { applications: store, clock: manualClock('2026-11-26T09:00:00Z'), retentionDays: 30 } };
}

describe('changeStatus', () => {
  it('moves to the next status and records who, when and why', async () => {
    const { store, deps } = setUp();

    const outcome = await changeStatus({ reference: 'PA-BBBB-2222', to: 'contacted', by: 'ops:alice', reason: '已联系' }, deps);

    expect(outcome).toEqual({ kind: 'changed', reference: 'PA-BBBB-2222', from: 'pending_review', to: 'contacted', reasonDropped: false });
    expect((store.records.get('PA-BBBB-2222') as ApplicationRecord).statusHistory.at(-1)).toEqual({
      status: 'contacted',
      at: '2026-11-26T09:00:00.000Z',
      by: 'ops:alice',
      reason: '已联系',
    });
  });

  it('refuses a skipped step with the domain message and changes nothing', async () => {
    const { store, deps } = setUp();

    const outcome = await changeStatus({ reference: 'PA-BBBB-2222', to: 'shipped', by: 'ops:alice' }, deps);

    expect(outcome).toMatchObject({ kind: 'refused', from: 'pending_review', refusal: { reason: 'not_next', from: 'pending_review', to: 'shipped' } });
    expect(store.records.get('PA-BBBB-2222')).toEqual(application);
  });

  it('closing sets when the personal data expires', async () => {
    const { deps } = setUp();

    const outcome = await changeStatus({ reference: 'PA-BBBB-2222', to: 'withdrawn', by: 'ops:alice' }, deps);

    expect(outcome).toMatchObject({ kind: 'changed', personalDataExpiresAt: '2026-12-26T09:00:00.000Z' });
  });

  it('re-checks after a concurrent change: the second of two identical decisions is refused, not applied twice', async () => {
    const { store, deps } = setUp();
    await changeStatus({ reference: 'PA-BBBB-2222', to: 'contacted', by: 'ops:alice' }, deps);

    const second = await changeStatus({ reference: 'PA-BBBB-2222', to: 'contacted', by: 'ops:bob' }, deps);

    expect(second).toMatchObject({ kind: 'refused', refusal: { reason: 'unchanged', from: 'contacted' } });
    expect((store.records.get('PA-BBBB-2222') as ApplicationRecord).statusHistory).toHaveLength(3);
  });

  it('still makes the change when the personal data is gone, but reports that the reason could not be kept', async () => {
    const { store, deps } = setUp();
    const record = store.records.get('PA-BBBB-2222') as Partial<ApplicationRecord>;
    delete record.name;
    delete record.phone;
    delete record.phoneHash;

    const outcome = await changeStatus({ reference: 'PA-BBBB-2222', to: 'rejected', by: 'ops:alice', reason: '客户说不需要了' }, deps);

    expect(outcome).toMatchObject({ kind: 'changed', to: 'rejected', reasonDropped: true });
    expect((store.records.get('PA-BBBB-2222') as ApplicationRecord).statusHistory.at(-1)).not.toHaveProperty('reason');
  });

  it('does not report a dropped reason when none was given', async () => {
    const { store, deps } = setUp();
    delete (store.records.get('PA-BBBB-2222') as Partial<ApplicationRecord>).phone;

    expect(await changeStatus({ reference: 'PA-BBBB-2222', to: 'withdrawn', by: 'ops:alice' }, deps)).toMatchObject({ kind: 'changed', reasonDropped: false });
  });

  it('reports an unknown reference', async () => {
    const { deps } = setUp();

    expect(await changeStatus({ reference: 'PA-2222-2222', to: 'contacted', by: 'ops:alice' }, deps)).toEqual({ kind: 'not_found', reference: 'PA-2222-2222' });
  });
});

describe('changeStatusAsUser (the console)', () => {
  const owned = { ...application, owner: { id: 'wang', since: '2026-11-25T03:00:00.000Z' } };
  const user = (id: string, isAdmin = false) => ({ id, actor: `console:${id}`, isAdmin });

  it('refuses while someone else follows the application up, before the transition, on the one record it reads', async () => {
    const store = createInMemoryStore(owned);
    let reads = 0;
    const applications = {
      ...store,
      findByReference(reference: string) {
        reads++;
        return store.findByReference(reference);
      },
    };
    const deps = { applications, clock: manualClock('2026-11-26T09:00:00Z'), retentionDays: 30 };

    const byColleague = await changeStatusAsUser({ reference: owned.reference, to: 'shipped', by: 'console:li' }, user('li'), deps);
    const readsForRefusal = reads;
    const byOwner = await changeStatusAsUser({ reference: owned.reference, to: 'contacted', by: 'console:wang' }, user('wang'), deps);
    const byAdmin = await changeStatusAsUser({ reference: owned.reference, to: 'approved', by: 'console:boss' }, user('boss', true), deps);

    expect(byColleague).toEqual({ kind: 'owned_by_other', owner: 'wang' });
    expect(readsForRefusal).toBe(1);
    expect(byOwner).toMatchObject({ kind: 'changed', to: 'contacted' });
    expect(byAdmin).toMatchObject({ kind: 'changed', to: 'approved' });
    expect(reads).toBe(3);
  });

  it('an unowned application: anyone signed in moves it; an unknown one is not found', async () => {
    const { deps } = setUp();

    expect(await changeStatusAsUser({ reference: application.reference, to: 'contacted', by: 'console:li' }, user('li'), deps)).toMatchObject({
      kind: 'changed',
    });
    expect(await changeStatusAsUser({ reference: 'PA-2222-2222', to: 'contacted', by: 'console:li' }, user('li'), deps)).toEqual({
      kind: 'not_found',
      reference: 'PA-2222-2222',
    });
  });
});

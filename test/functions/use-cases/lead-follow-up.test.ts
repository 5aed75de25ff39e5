import { describe, expect, it } from 'vitest';
import type { ApplicationRecord } from '#domain/records.ts';
import type { Actor } from '#domain/leads.ts';
import { claimLead, reassignAllLeads, reassignLead, recordCallAttempt } from '../../../functions/use-cases/lead-follow-up.ts';
import { applicationRecord } from '../../support/application-fixtures.ts';
import { createInMemoryLeads, createInMemoryStore, manualClock } from '../../support/in-memory-ports.ts';

/** An application screened into 审核中 (the shared fixture, with its screening step). */
const lead = (reference: string, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord =>
  applicationRecord(reference, '2026-12-07T02:00:00.000Z', {
    status: 'pending_review',
    updatedAt: '2026-12-07T02:00:01.000Z',
    statusHistory: [
      { status: 'submitted', at: '2026-12-07T02:00:00.000Z', by: 'intake' },
      { status: 'pending_review', at: '2026-12-07T02:00:01.000Z', by: 'system:screening' },
    ],
    ...overrides,
  });

const wang: Actor = { id: 'wang', actor: 'console:wang', isAdmin: false };
const li: Actor = { id: 'li', actor: 'console:li', isAdmin: false };
const boss: Actor = { id: 'boss', actor: 'console:boss', isAdmin: true };

function setUp(...records: ApplicationRecord[]) {
  const store = createInMemoryStore(...(records.length ? records : [lead('PA-AAAA-2222')]));
  const leads = createInMemoryLeads(store);
  const clock = manualClock('2026-12-07T03:00:00Z');
  const deps = { applications: store, leads, activity: leads, clock, retentionDays: 180, failedCallDaysBeforeClosing: 3 };
  return { store, leads, clock, deps, record: (reference = 'PA-AAAA-2222') => store.records.get(reference) as ApplicationRecord };
}

describe('claims', () => {
  it('the first claim wins and is recorded; a second reviewer is told who owns it', async () => {
    const { deps, leads, record } = setUp();

    expect(await claimLead('PA-AAAA-2222', wang, deps)).toEqual({ kind: 'claimed' });
    expect(await claimLead('PA-AAAA-2222', li, deps)).toEqual({ kind: 'owned_by_other', owner: 'wang' });
    expect(await claimLead('PA-AAAA-2222', wang, deps)).toEqual({ kind: 'already_yours' });
    expect(record().owner).toEqual({ id: 'wang', since: '2026-12-07T03:00:00.000Z' });
    expect(leads.events).toEqual([{ reference: 'PA-AAAA-2222', entry: { action: 'claimed', at: '2026-12-07T03:00:00.000Z', by: 'console:wang' } }]);
  });

  it('a closed application cannot be claimed', async () => {
    const { deps } = setUp(lead('PA-AAAA-2222', { status: 'rejected' }));

    expect(await claimLead('PA-AAAA-2222', wang, deps)).toEqual({ kind: 'closed' });
  });

  it('an admin reassigns one, or everything a departing reviewer owns; each move is recorded', async () => {
    const { deps, leads, record } = setUp(
      lead('PA-AAAA-2222', { owner: { id: 'li', since: 'x' } }),
      lead('PA-BBBB-3333', { owner: { id: 'li', since: 'x' } }),
      lead('PA-CCCC-4444'),
    );

    expect(await reassignLead('PA-CCCC-4444', 'wang', boss, deps)).toEqual({ kind: 'reassigned' });
    const moved = await reassignAllLeads('li', 'wang', boss, {
      ...deps,
      listing: { listApplications: async () => ({ items: [...deps.applications.records.values()] }) },
    });

    expect(moved.sort()).toEqual(['PA-AAAA-2222', 'PA-BBBB-3333']);
    expect(record('PA-BBBB-3333').owner?.id).toBe('wang');
    expect(leads.events.map((event) => event.entry)).toContainEqual(
      expect.objectContaining({ action: 'reassigned', from: 'li', to: 'wang', by: 'console:boss' }),
    );
  });
});

describe('call log', () => {
  it('只有接通 moves the application to 已电话联系; the attempt is stored and the caller claims an unowned lead', async () => {
    const { deps, leads, record } = setUp();

    const missed = await recordCallAttempt(
      { reference: 'PA-AAAA-2222', outcome: 'no_answer', nextCallAt: '2026-12-07T08:00:00Z', note: '下午再打' },
      wang,
      deps,
    );
    const busy = await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'busy' }, wang, deps);

    expect(missed).toMatchObject({ kind: 'recorded', statusChanged: false, calls: { attempts: 1, nextCallAt: '2026-12-07T08:00:00.000Z' } });
    expect(busy).toMatchObject({ kind: 'recorded', statusChanged: false });
    expect(record().status).toBe('pending_review');
    expect(record().owner?.id).toBe('wang');

    const reached = await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'reached' }, wang, deps);

    expect(reached).toMatchObject({
      kind: 'recorded',
      statusChanged: true,
      calls: { attempts: 3, lastOutcome: 'reached', reachedAt: '2026-12-07T03:00:00.000Z' },
    });
    expect(record().status).toBe('contacted');
    expect(leads.attempts.map((attempt) => attempt.outcome)).toEqual(['no_answer', 'busy', 'reached']);
    expect(leads.notes).toEqual([{ reference: 'PA-AAAA-2222', text: '下午再打', callOutcome: 'no_answer' }]);
  });

  it('空号 offers closing at once', async () => {
    const { deps } = setUp();

    expect(await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'invalid_number' }, wang, deps)).toMatchObject({
      suggestedClosing: { code: 'invalid_number' },
    });
  });

  it('failed attempts offer closing only on the configured number of different days', async () => {
    const { deps, clock } = setUp();
    const day = 86_400_000;

    await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'no_answer' }, wang, deps);
    const sameDay = await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'busy' }, wang, deps);
    clock.advance(day);
    const secondDay = await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'no_answer' }, wang, deps);
    clock.advance(day);
    const thirdDay = await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'busy' }, wang, deps);

    expect(sameDay).not.toHaveProperty('suggestedClosing');
    expect(secondDay).not.toHaveProperty('suggestedClosing');
    expect(thirdDay).toMatchObject({ suggestedClosing: { code: 'unreachable', failedDays: 3 } });
  });

  it('only the owner or an admin records calls on a claimed lead', async () => {
    const { deps } = setUp(lead('PA-AAAA-2222', { owner: { id: 'wang', since: 'x' } }));

    expect(await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'busy' }, li, deps)).toEqual({ kind: 'owned_by_other', owner: 'wang' });
    expect(await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'busy' }, boss, deps)).toMatchObject({ kind: 'recorded' });
  });

  it('约回电 needs a time in the future; other outcomes take none', async () => {
    const { deps, leads } = setUp();

    expect(await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'callback' }, wang, deps)).toMatchObject({ kind: 'invalid', field: 'nextCallAt' });
    expect(await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'callback', nextCallAt: '2026-12-07T02:00:00Z' }, wang, deps)).toMatchObject({
      kind: 'invalid',
      message: '下次通话时间应晚于现在',
    });
    expect(await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'busy', nextCallAt: '2026-12-08T02:00:00Z' }, wang, deps)).toMatchObject({
      kind: 'invalid',
    });
    expect(leads.attempts).toEqual([]);
  });

  it('claims an unowned lead on the record it read (one read), and a claim made since that read still wins', async () => {
    const { deps, store, leads, record } = setUp(lead('PA-AAAA-2222'), lead('PA-BBBB-3333'));
    let reads = 0;
    let claimAfterRead: string | undefined;
    const applications = {
      ...store,
      async findByReference(reference: string) {
        reads++;
        const found = await store.findByReference(reference);
        // Someone claims it just after this read: only the claim's conditional write can tell.
        if (reference === claimAfterRead) await claimLead(reference, li, deps);
        return found;
      },
    };

    const first = await recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'busy' }, wang, { ...deps, applications });
    const readsForFirst = reads;
    claimAfterRead = 'PA-BBBB-3333';
    const raced = await recordCallAttempt({ reference: 'PA-BBBB-3333', outcome: 'busy' }, wang, { ...deps, applications });

    expect(first).toMatchObject({ kind: 'recorded' });
    expect(readsForFirst).toBe(1);
    expect(record().owner?.id).toBe('wang');
    expect(raced).toEqual({ kind: 'owned_by_other', owner: 'li' });
    expect(record('PA-BBBB-3333').owner?.id).toBe('li');
    expect(leads.attempts.map((attempt) => attempt.reference)).toEqual(['PA-AAAA-2222']);
  });

  it('two attempts recorded at once: both are kept (the second retries on the new count)', async () => {
    const { deps, leads, record } = setUp();

    await Promise.all([
      recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'busy' }, wang, deps),
      recordCallAttempt({ reference: 'PA-AAAA-2222', outcome: 'no_answer' }, wang, deps),
    ]);

    expect(leads.attempts).toHaveLength(2);
    expect(record().calls?.attempts).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { sweepOutbox, type SweepOutboxDeps } from '../../../functions/use-cases/sweep-outbox.ts';
import { createInMemoryQueue, createInMemoryStore, manualClock } from '../../support/in-memory-ports.ts';

function setUp() {
  const applications = createInMemoryStore();
  const reviewQueue = createInMemoryQueue();
  const deps: SweepOutboxDeps = { applications, reviewQueue, clock: manualClock('2026-11-25T04:00:10.000Z') };
  return { applications, reviewQueue, deps };
}

describe('sweepOutbox', () => {
  it('sends only applications old enough that their own request has finished trying', async () => {
    const { applications, reviewQueue, deps } = setUp();
    applications.outbox.set('PA-OLD2-2222', '2026-11-25T04:00:00.000Z');
    applications.outbox.set('PA-NEW3-3333', '2026-11-25T04:00:08.000Z');

    const result = await sweepOutbox({ minAgeSeconds: 5, maxApplications: 100 }, deps);

    expect(result).toEqual({ found: 1, sent: 1, failed: 0 });
    expect(reviewQueue.messages).toEqual(['{"reference":"PA-OLD2-2222"}']);
    expect([...applications.outbox.keys()]).toEqual(['PA-NEW3-3333']);
  });

  it('stops at the first failure while the queue is down, leaving everything marked', async () => {
    const { applications, reviewQueue, deps } = setUp();
    for (const reference of ['PA-AAAA-2222', 'PA-BBBB-2222', 'PA-CCCC-2222']) applications.outbox.set(reference, '2026-11-25T03:00:00.000Z');
    reviewQueue.unavailable = true;

    const result = await sweepOutbox({ minAgeSeconds: 5, maxApplications: 100 }, deps);

    expect(result).toEqual({ found: 1, sent: 0, failed: 1 });
    expect(applications.outbox.size).toBe(3);
  });

  it('drains more than one page, up to its limit per run', async () => {
    const { applications, reviewQueue, deps } = setUp();
    for (let i = 0; i < 120; i++) applications.outbox.set(`PA-${String(i).padStart(4, '0')}-2222`, '2026-11-25T03:00:00.000Z');

    const first = await sweepOutbox({ minAgeSeconds: 5, maxApplications: 100 }, deps);
    const second = await sweepOutbox({ minAgeSeconds: 5, maxApplications: 100 }, deps);

    expect([first.sent, second.sent]).toEqual([100, 20]);
    expect(new Set(reviewQueue.messages).size).toBe(120);
  });
});

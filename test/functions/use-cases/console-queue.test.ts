import { describe, expect, it } from 'vitest';
import { listQueue } from '../../../functions/use-cases/console-queue.ts';
import { manualClock } from '../../support/in-memory-ports.ts';

describe('listQueue', () => {
  it("answers with the listing's failure; a count failing afterwards is no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const applications = {
        listApplications: async () => Promise.reject(new Error('listing failed')),
        countApplicationsUpTo: () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('count failed')), 10)),
      };

      const rateLimiter = { take: async () => undefined };
      await expect(
        listQueue({ status: 'pending_review', limit: 20 }, 'console:reviewer', {
          applications: applications as never,
          rateLimiter: rateLimiter as never,
          clock: manualClock('2026-12-07T02:00:00Z'),
        }),
      ).rejects.toThrow('listing failed');
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

/**
 * The outbox: every application is written with a marker that is removed only after its review message was sent.
 * If sending failed (or the function died in between), this re-sends marked applications once they are old enough
 * that the request that wrote them has certainly finished trying. Duplicates are harmless: the worker is
 * idempotent on the reference.
 */
import { DependencyUnavailableError, type IntakeStore, type Clock, type ReviewQueue } from '#domain/ports.ts';

export interface SweepOutboxDeps {
  applications: Pick<IntakeStore, 'listOutbox' | 'markEnqueued'>;
  reviewQueue: ReviewQueue;
  clock: Clock;
}

export interface SweepOutboxOptions {
  /** Leave applications younger than this to the request that wrote them. */
  minAgeSeconds: number;
  /** Upper bound per run, so one run stays well inside its timeout; the next run continues. */
  maxApplications: number;
}

export interface SweepOutboxResult {
  found: number;
  sent: number;
  /** Still in the outbox after this run. */
  failed: number;
}

const PAGE_SIZE = 50;

export async function sweepOutbox(options: SweepOutboxOptions, deps: SweepOutboxDeps): Promise<SweepOutboxResult> {
  const writtenBefore = new Date(deps.clock.now().getTime() - options.minAgeSeconds * 1000);
  const result: SweepOutboxResult = { found: 0, sent: 0, failed: 0 };
  const attempted = new Set<string>();

  while (result.found < options.maxApplications) {
    const page = (await deps.applications.listOutbox(writtenBefore, PAGE_SIZE)).filter((ref) => !attempted.has(ref));
    if (page.length === 0) break;
    for (const reference of page.slice(0, options.maxApplications - result.found)) {
      attempted.add(reference);
      result.found++;
      try {
        await deps.reviewQueue.enqueue(reference);
      } catch (error) {
        result.failed++;
        // The queue is down: the rest would fail the same way. They stay marked for the next run.
        if (error instanceof DependencyUnavailableError) return result;
        continue;
      }
      await deps.applications.markEnqueued(reference);
      result.sent++;
    }
  }
  return result;
}

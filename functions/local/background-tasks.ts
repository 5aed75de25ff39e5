/**
 * Work the local stack runs beside the HTTP server, standing in for what AWS triggers: EventBridge schedules and
 * SQS event sources. Add a task here (e.g. the review worker's queue poller) and `npm start`, the browser and the
 * resilience suites all run it.
 */
import { loadConfig } from '../config.ts';
import { startReviewQueuePoller } from './review-queue-poller.ts';

export interface BackgroundTask {
  name: string;
  /** Begin; resolves once running. Called after the environment is set and resources exist. */
  start(): Promise<RunningTask>;
}

export interface RunningTask {
  /** Finish the current run, then stop. */
  stop(): Promise<void>;
}

/** Run `work` every `intervalMs`, never overlapping itself; a failing run is reported and the next one still happens. */
export function repeating(name: string, intervalMs: number, work: () => Promise<void>): BackgroundTask {
  return {
    name,
    async start() {
      let stopped = false;
      let current: Promise<void> = Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      const tick = () => {
        current = work()
          .catch((error: unknown) => console.error(`[${name}]`, error instanceof Error ? error.message : error))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, intervalMs);
      return {
        async stop() {
          stopped = true;
          clearTimeout(timer);
          await current;
        },
      };
    },
  };
}

/** On AWS an EventBridge rule runs the sweeper every minute; locally more often, so a recovered queue drains quickly. */
export const OUTBOX_SWEEP_INTERVAL_MS = 3_000;

export const outboxSweeperTask = repeating('outbox-sweeper', OUTBOX_SWEEP_INTERVAL_MS, async () => {
  const { handler } = await import('../handlers/outbox-sweeper.ts');
  await handler({ source: 'local.schedule', 'detail-type': 'Scheduled Event' });
});

/**
 * The review worker's SQS event source: the same Lambda handler, fed batches from the emulated review queue with
 * the same partial-failure and redrive behaviour (see review-queue-poller.ts).
 */
export const reviewQueuePollerTask: BackgroundTask = {
  name: 'review-queue-poller',
  async start() {
    const { REVIEW_QUEUE_URL } = loadConfig(['REVIEW_QUEUE_URL']);
    const { handler } = await import('../handlers/review-worker.ts');
    return startReviewQueuePoller({ queueUrl: REVIEW_QUEUE_URL, handler });
  },
};

/** Everything the local stack runs in the background, in start order. */
export const localBackgroundTasks: readonly BackgroundTask[] = [outboxSweeperTask, reviewQueuePollerTask];

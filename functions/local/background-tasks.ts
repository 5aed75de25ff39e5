/**
 * Work the local stack runs beside the HTTP server, standing in for what AWS triggers: EventBridge schedules and
 * SQS event sources. Add a task here (e.g. the review worker's queue poller) and `npm start`, the browser and the
 * resilience suites all run it.
 */
import type { ServiceConnection } from '../adapters/aws-clients.ts';
import { chinaDayWindow, DAY_MS, HOUR_MS, MINUTE_MS, timeOfDay } from '#domain/time.ts';
import type { LocalHandlers } from './local-handlers.ts';
import { CALL_REMINDER_TIMES } from '../use-cases/call-reminders.ts';
import { startReviewQueuePoller } from './review-queue-poller.ts';

/** What a task gets from the stack it runs in. */
export interface BackgroundTaskContext {
  handlers: LocalHandlers;
  reviewQueueUrl: string;
  /** The SQS emulator's endpoint, region and credentials. */
  sqs: ServiceConnection;
}

export interface BackgroundTask {
  name: string;
  /** Begin; resolves once running. Called once the stack's resources exist and its handlers are built. */
  start(context: BackgroundTaskContext): Promise<RunningTask>;
}

export interface RunningTask {
  /** Finish the current run, then stop. */
  stop(): Promise<void>;
}

/** Run `work` every `intervalMs`, never overlapping itself; a failing run is reported and the next one still happens. */
export function repeating(name: string, intervalMs: number, work: (context: BackgroundTaskContext) => Promise<void>): BackgroundTask {
  return {
    name,
    async start(context) {
      let stopped = false;
      let current: Promise<void> = Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      const tick = () => {
        current = work(context)
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

export const outboxSweeperTask = repeating('outbox-sweeper', OUTBOX_SWEEP_INTERVAL_MS, async ({ handlers }) => {
  await handlers.outboxSweeper({ source: 'local.schedule', 'detail-type': 'Scheduled Event' });
});

/**
 * The review worker's SQS event source: the same Lambda handler, fed batches from the emulated review queue with
 * the same partial-failure and redrive behaviour (see review-queue-poller.ts).
 */
export const reviewQueuePollerTask: BackgroundTask = {
  name: 'review-queue-poller',
  start: ({ handlers, reviewQueueUrl, sqs }) => startReviewQueuePoller({ queueUrl: reviewQueueUrl, connection: sqs, handler: handlers.reviewWorker }),
};

/** The next reminder time after `now`, as epoch milliseconds. */
export function nextReminderAt(now: number, times: readonly string[] = CALL_REMINDER_TIMES): number {
  const chinaMidnight = chinaDayWindow(now).start;
  const candidates = [0, 1].flatMap((day) =>
    times.map(timeOfDay).map(({ hour, minute }) => chinaMidnight + day * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS),
  );
  return Math.min(...candidates.filter((at) => at > now));
}

/** Posts the digest of calls due at CALL_REMINDER_TIMES, like the EventBridge rules on AWS. */
export const callRemindersTask: BackgroundTask = {
  name: 'call-reminders',
  async start({ handlers }) {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    let current: Promise<unknown> = Promise.resolve();
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        current = handlers
          .callReminders({ source: 'local.schedule', 'detail-type': 'Scheduled Event' })
          .catch((error: unknown) => console.error('[call-reminders]', error instanceof Error ? error.message : error))
          .finally(schedule);
      }, nextReminderAt(Date.now()) - Date.now());
    };
    schedule();
    return {
      async stop() {
        stopped = true;
        clearTimeout(timer);
        await current;
      },
    };
  },
};

/** Everything the local stack runs in the background, in start order. */
export const localBackgroundTasks: readonly BackgroundTask[] = [outboxSweeperTask, reviewQueuePollerTask, callRemindersTask];

/**
 * Scheduled (every minute on AWS; every few seconds in the local stack): re-sends review messages for applications
 * still in the outbox. See use-cases/sweep-outbox.ts. Composition roots: functions/lambda/outbox-sweeper.ts and the
 * local stack.
 */
import type { Context } from 'aws-lambda';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { createDynamoDbIntakeStore } from '../adapters/dynamodb-intake-store.ts';
import { createSqsReviewQueue } from '../adapters/sqs-review-queue.ts';
import { systemClock } from '../adapters/system.ts';
import type { FunctionConfig } from '../function-environments.ts';
import { createLogger, describeError } from '../logger.ts';
import { sweepOutbox, type SweepOutboxDeps, type SweepOutboxResult } from '../use-cases/sweep-outbox.ts';

/** Comfortably inside a one-minute schedule at SQS latencies. */
const MAX_APPLICATIONS_PER_RUN = 500;

export type OutboxSweeperHandler = (event?: unknown, context?: Context) => Promise<SweepOutboxResult>;

export function createOutboxSweeperHandler(
  config: FunctionConfig<'outbox-sweeper'>,
  clients: Pick<AwsClients, 'documentClient' | 'sqs'>,
): OutboxSweeperHandler {
  const logger = createLogger(config);
  const deps: SweepOutboxDeps = {
    applications: createDynamoDbIntakeStore({ tableName: config.APPLICATIONS_TABLE_NAME, documentClient: clients.documentClient }),
    reviewQueue: createSqsReviewQueue({ queueUrl: config.REVIEW_QUEUE_URL, client: clients.sqs }),
    clock: systemClock,
  };

  return async (_event, context) => {
    if (context) logger.addContext(context);
    try {
      const result = await sweepOutbox({ minAgeSeconds: config.OUTBOX_MIN_AGE_SECONDS, maxApplications: MAX_APPLICATIONS_PER_RUN }, deps);
      if (result.found > 0) logger.info('outbox swept', { ...result });
      return result;
    } catch (error) {
      // Failing the invocation makes it visible (errors metric); the next scheduled run picks up where this one stopped.
      logger.error('outbox sweep failed', { error: describeError(error) });
      throw error;
    }
  };
}

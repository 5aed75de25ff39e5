/**
 * Scheduled Lambda (every minute on AWS; every few seconds in the local stack): re-sends review messages for
 * applications still in the outbox. See use-cases/sweep-outbox.ts.
 */
import type { Context } from 'aws-lambda';
import { createDynamoDbApplicationStore } from '../adapters/dynamodb-application-store.ts';
import { createDocumentClient } from '../adapters/dynamodb-document-client.ts';
import { createSqsReviewQueue } from '../adapters/sqs-review-queue.ts';
import { systemClock } from '../adapters/system.ts';
import { loadConfig } from '../config.ts';
import { createLogger, describeError } from '../logger.ts';
import { sweepOutbox, type SweepOutboxDeps, type SweepOutboxResult } from '../use-cases/sweep-outbox.ts';

const config = loadConfig([
  'APPLICATIONS_TABLE_NAME',
  'REVIEW_QUEUE_URL',
  'OUTBOX_MIN_AGE_SECONDS',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
]);
const logger = createLogger(config);
const deps: SweepOutboxDeps = {
  applications: createDynamoDbApplicationStore({ tableName: config.APPLICATIONS_TABLE_NAME, documentClient: createDocumentClient() }),
  reviewQueue: createSqsReviewQueue({ queueUrl: config.REVIEW_QUEUE_URL }),
  clock: systemClock,
};
/** Comfortably inside a one-minute schedule at SQS latencies. */
const MAX_APPLICATIONS_PER_RUN = 500;

export const handler = async (_event?: unknown, context?: Context): Promise<SweepOutboxResult> => {
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

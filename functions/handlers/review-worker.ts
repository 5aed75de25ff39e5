/**
 * SQS → Lambda: screens each application named on the review queue (use-cases/screen-application.ts). Records are
 * processed with Powertools' BatchProcessor and reported with a partial batch response, so only the messages that
 * failed are retried; after 5 receives the queue moves a failing message to its DLQ. An unreadable body fails (and so
 * reaches the DLQ for ops to see); an unknown reference or a spam record is acknowledged and logged. Composition
 * roots: functions/lambda/review-worker.ts and the local stack's queue poller.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { createDynamoDbBlockedPhoneList } from '../adapters/dynamodb-blocked-phones.ts';
import { createDynamoDbReviewStore } from '../adapters/dynamodb-review-store.ts';
import { parseReviewMessage } from '../adapters/sqs-review-queue.ts';
import { systemClock } from '../adapters/system.ts';
import type { FunctionConfig } from '../function-environments.ts';
import { createOpsNotifier } from './ops-notifier.ts';
import { createLogger, describeError } from '../logger.ts';
import { screenApplication, type ScreenApplicationDeps } from '../use-cases/screen-application.ts';

export type ReviewWorkerHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

export function createReviewWorkerHandler(
  config: FunctionConfig<'review-worker'>,
  clients: Pick<AwsClients, 'documentClient' | 'sns' | 'secretsManager'>,
): ReviewWorkerHandler {
  const logger = createLogger(config);
  const table = { tableName: config.APPLICATIONS_TABLE_NAME, documentClient: clients.documentClient };
  const notifier = createOpsNotifier(config, clients, logger);
  const deps: ScreenApplicationDeps = {
    applications: createDynamoDbReviewStore(table),
    blockedPhones: createDynamoDbBlockedPhoneList(table),
    notifier,
    clock: systemClock,
    retentionDays: config.RETENTION_DAYS,
  };
  const processor = new BatchProcessor(EventType.SQS);

  async function screenRecord(record: SQSRecord): Promise<void> {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    try {
      const message = parseReviewMessage(record.body);
      if (!message) throw new Error('not a review message: expected {"reference":"PA-XXXX-XXXX"}');
      logger.info('screening', { messageId: record.messageId, receiveCount, ...(await screenApplication(message.reference, deps)) });
    } catch (error) {
      logger.error('screening failed; the message will be retried', { messageId: record.messageId, receiveCount, error: describeError(error) });
      throw error;
    }
  }

  return async (event, context) => {
    if (context) logger.addContext(context);
    return processPartialResponse(event, screenRecord, processor, { ...(context && { context }) });
  };
}

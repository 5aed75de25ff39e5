/**
 * DynamoDB stream → Lambda: when TTL deletes an application's personal data, its same-phone links go too
 * (use-cases/personal-data-expiry.ts), as they do on erasure. The event source mapping passes only TTL deletions of
 * personal-data items (adapters/dynamodb-ttl-expiry.ts, the same rule checked here per record). Failures are reported
 * per record, so the stream retries from the first failed one; the mapping gives up after a few attempts and sends
 * the batch's position (no data) to its dead-letter queue. Logs carry counts and, on failure, the reference: never a
 * name or phone (the stream has keys only). Composition root: functions/lambda/personal-data-expiry.ts.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { createDynamoDbReviewStore } from '../adapters/dynamodb-review-store.ts';
import { personalDataExpiredBy } from '../adapters/dynamodb-ttl-expiry.ts';
import type { FunctionConfig } from '../function-environments.ts';
import { createLogger, describeError } from '../logger.ts';
import { unlinkExpiredPersonalData, type PersonalDataExpiryDeps } from '../use-cases/personal-data-expiry.ts';

export type PersonalDataExpiryHandler = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

export function createPersonalDataExpiryHandler(
  config: FunctionConfig<'personal-data-expiry'>,
  clients: Pick<AwsClients, 'documentClient'>,
): PersonalDataExpiryHandler {
  const logger = createLogger(config);
  const deps: PersonalDataExpiryDeps = {
    applications: createDynamoDbReviewStore({ tableName: config.APPLICATIONS_TABLE_NAME, documentClient: clients.documentClient }),
  };
  const processor = new BatchProcessor(EventType.DynamoDBStreams);

  async function unlinkRecord(record: DynamoDBRecord): Promise<void> {
    const reference = personalDataExpiredBy(record);
    if (reference === undefined) return;
    try {
      await unlinkExpiredPersonalData(reference, deps);
      logger.info('expired personal data: same-phone links removed', { reference });
    } catch (error) {
      logger.error('unlinking expired personal data failed; the stream will retry', { reference, error: describeError(error) });
      throw error;
    }
  }

  return async (event, context) => {
    if (context) logger.addContext(context);
    return processPartialResponse(event, unlinkRecord, processor, { ...(context && { context }) });
  };
}

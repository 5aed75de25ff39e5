/**
 * Integration project setup: one DynamoDB Local and one SQS emulator for the whole run, in memory, on free ports,
 * with the default local table and queues provisioned. Test files reach them through `inject(...)`; files that
 * change configuration (rate limits, fault injection) create their own table and queues (see intake-server.ts),
 * so files never see each other's data.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { RECORDED_CALLS_DIR } from './aws-call-recorder.ts';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';
import { LOCAL_REVIEW_DEAD_LETTER_QUEUE_NAME, LOCAL_REVIEW_QUEUE_NAME, LOCAL_TABLE_NAME } from '../../functions/local/local-environment.ts';
import { provisionApplicationsTable, provisionReviewQueues } from '../../functions/local/provision.ts';
import { startSqsLocal } from '../../functions/local/sqs-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    sqsEndpoint: string;
    tableName: string;
    reviewQueueUrl: string;
    reviewDeadLetterQueueUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // This run's record of AWS calls (aws-call-recorder.ts) starts empty: the IAM check must see only calls made today.
  rmSync(RECORDED_CALLS_DIR, { recursive: true, force: true });
  const [dynamoDb, sqs] = await Promise.all([startDynamoDbLocal({ port: 0 }), startSqsLocal({ port: 0 })]);
  try {
    const [, queues] = await Promise.all([
      provisionApplicationsTable(dynamoDb.endpoint, LOCAL_TABLE_NAME),
      provisionReviewQueues(sqs.endpoint, { queueName: LOCAL_REVIEW_QUEUE_NAME, deadLetterQueueName: LOCAL_REVIEW_DEAD_LETTER_QUEUE_NAME }),
    ]);
    project.provide('dynamoDbEndpoint', dynamoDb.endpoint);
    project.provide('sqsEndpoint', sqs.endpoint);
    project.provide('tableName', LOCAL_TABLE_NAME);
    project.provide('reviewQueueUrl', queues.reviewQueueUrl);
    project.provide('reviewDeadLetterQueueUrl', queues.reviewDeadLetterQueueUrl);
  } catch (error) {
    await Promise.all([dynamoDb.stop(), sqs.stop()]);
    throw error;
  }
  return async () => {
    await Promise.all([dynamoDb.stop(), sqs.stop()]);
  };
}

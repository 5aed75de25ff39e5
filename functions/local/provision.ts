/**
 * Create the applications table and the review queue + DLQ if they are missing, on the local emulators, through the
 * provisioning adapters (functions/adapters/dynamodb-table-provisioning.ts, sqs-queue-provisioning.ts), which build
 * them from the same design constants the CDK stacks use. Used by `npm start` and by the integration test setup.
 * Idempotent.
 */
import { provisionApplicationsTable as provisionTable } from '../adapters/dynamodb-table-provisioning.ts';
import { findQueueUrls as findQueues, provisionReviewQueues as provisionQueues, type ReviewQueueUrls } from '../adapters/sqs-queue-provisioning.ts';
import { localClientConfig } from './local-environment.ts';

export type { ReviewQueueUrls } from '../adapters/sqs-queue-provisioning.ts';

export function provisionApplicationsTable(endpoint: string, tableName: string): Promise<'created' | 'existed'> {
  return provisionTable(localClientConfig(endpoint), tableName);
}

export function provisionReviewQueues(
  endpoint: string,
  names: { queueName: string; deadLetterQueueName: string },
  /**
   * Only for tests that watch a message fail its way to the DLQ: a shorter visibility timeout than the design's
   * 180 s, so five failed receives take seconds. The redrive policy is the design's either way.
   */
  overrides: { visibilityTimeoutSeconds?: number } = {},
): Promise<ReviewQueueUrls> {
  return provisionQueues(localClientConfig(endpoint), names, overrides);
}

/** The URLs of existing queues by name (the ops CLI finding a running local stack's queues). */
export function findQueueUrls(endpoint: string, names: { queueName: string; deadLetterQueueName: string }): Promise<ReviewQueueUrls> {
  return findQueues(localClientConfig(endpoint), names);
}

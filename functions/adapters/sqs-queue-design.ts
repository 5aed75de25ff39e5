/**
 * Review queue settings shared by the CDK stateful stack and the local provisioner, so local redrive behaves
 * like AWS.
 */
export const reviewQueueDesign = {
  /** Worker invocations at once for this queue (Lambda's minimum for an SQS trigger's maximum concurrency is 2). */
  maxWorkerConcurrency: 2,
  /** A message that fails this many receives moves to the dead-letter queue. */
  maxReceiveCount: 5,
  /** Worker Lambda timeout; the queue's visibility timeout is 6× this, as AWS recommends for event sources. */
  workerTimeoutSeconds: 30,
  visibilityTimeoutSeconds: 180,
  /** Keep failed messages long enough for ops to inspect and redrive them. */
  deadLetterRetentionDays: 14,
  /** Worker batch size; failures are reported per message (partial batch response). */
  batchSize: 10,
} as const;

/**
 * Creating the review queue and its DLQ outside CDK (the SQS emulator for `npm start` and the tests), from the same
 * design the stateful stack uses: visibility timeout, redrive to the DLQ after maxReceiveCount, DLQ retention.
 * Idempotent. Also finding existing queues by name.
 */
import { requestHandlerOptions, sdkCallLimits } from './sdk-call-limits.ts';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  SQSClient,
  type SQSClientConfig,
} from '@aws-sdk/client-sqs';
import { reviewQueueDesign } from './sqs-queue-design.ts';

/** Where SQS is and how to sign: explicit for local tooling, never the developer's AWS profile. */
export type SqsConnection = Pick<SQSClientConfig, 'endpoint' | 'region' | 'credentials' | 'maxAttempts'>;

export interface ReviewQueueUrls {
  reviewQueueUrl: string;
  reviewDeadLetterQueueUrl: string;
}

export async function provisionReviewQueues(
  connection: SqsConnection,
  names: { queueName: string; deadLetterQueueName: string },
  /**
   * Only for tests that watch a message fail its way to the DLQ: a shorter visibility timeout than the design's
   * 180 s, so five failed receives take seconds. The redrive policy is the design's either way.
   */
  overrides: { visibilityTimeoutSeconds?: number } = {},
): Promise<ReviewQueueUrls> {
  const client = new SQSClient({ ...connection, useQueueUrlAsEndpoint: false, requestHandler: requestHandlerOptions(sdkCallLimits.tooling) });
  try {
    const deadLetterAttributes = { MessageRetentionPeriod: String(reviewQueueDesign.deadLetterRetentionDays * 86_400) };
    const { QueueUrl: reviewDeadLetterQueueUrl } = await client.send(
      new CreateQueueCommand({ QueueName: names.deadLetterQueueName, Attributes: deadLetterAttributes }),
    );
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: reviewDeadLetterQueueUrl, AttributeNames: ['QueueArn'] }));
    const reviewAttributes = {
      VisibilityTimeout: String(overrides.visibilityTimeoutSeconds ?? reviewQueueDesign.visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: reviewQueueDesign.maxReceiveCount }),
    };
    const { QueueUrl: reviewQueueUrl } = await client.send(new CreateQueueCommand({ QueueName: names.queueName }));
    // Set (not only create with) the attributes, so a queue created by an older version gets today's redrive policy.
    await client.send(new SetQueueAttributesCommand({ QueueUrl: reviewQueueUrl, Attributes: reviewAttributes }));
    if (!reviewQueueUrl || !reviewDeadLetterQueueUrl) throw new Error('SQS emulator returned no queue URL');
    return { reviewQueueUrl, reviewDeadLetterQueueUrl };
  } finally {
    client.destroy();
  }
}

/** The URLs of existing queues by name (the ops CLI finding a running local stack's queues). */
export async function findQueueUrls(connection: SqsConnection, names: { queueName: string; deadLetterQueueName: string }): Promise<ReviewQueueUrls> {
  const client = new SQSClient({ ...connection, useQueueUrlAsEndpoint: false, requestHandler: requestHandlerOptions(sdkCallLimits.tooling) });
  try {
    const [review, deadLetter] = await Promise.all(
      [names.queueName, names.deadLetterQueueName].map((QueueName) => client.send(new GetQueueUrlCommand({ QueueName }))),
    );
    if (!review?.QueueUrl || !deadLetter?.QueueUrl) throw new Error('SQS emulator returned no queue URL');
    return { reviewQueueUrl: review.QueueUrl, reviewDeadLetterQueueUrl: deadLetter.QueueUrl };
  } finally {
    client.destroy();
  }
}

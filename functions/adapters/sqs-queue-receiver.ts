/**
 * Receiving from an SQS queue the way Lambda's event source mapping does, for the local stack's poller
 * (functions/local/review-queue-poller.ts): long-poll receive with every attribute, batch delete of what succeeded.
 * Endpoint, region and credentials are the local stack's, passed in.
 */
import type { ServiceConnection } from './aws-clients.ts';
import { requestHandlerOptions } from './sdk-call-limits.ts';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';

/** A received message, as the SDK returns it. */
export type ReceivedMessage = Pick<Message, 'MessageId' | 'ReceiptHandle' | 'Body' | 'Attributes' | 'MD5OfBody'>;

export interface SqsQueueReceiver {
  queueArn: string;
  region: string;
  /** Up to `max` messages, waiting up to the long-poll time for the first. */
  receive(max: number): Promise<ReceivedMessage[]>;
  delete(messages: readonly ReceivedMessage[]): Promise<void>;
  close(): void;
}

export async function createSqsQueueReceiver(options: { queueUrl: string; waitTimeSeconds: number; connection: ServiceConnection }): Promise<SqsQueueReceiver> {
  const { queueUrl: QueueUrl, waitTimeSeconds } = options;
  // One attempt, and a request timeout above the long poll.
  const client = new SQSClient({
    ...options.connection,
    useQueueUrlAsEndpoint: false,
    maxAttempts: 1,
    requestHandler: requestHandlerOptions({ connectionTimeoutMs: 1_000, requestTimeoutMs: (waitTimeSeconds + 5) * 1_000 }),
  });
  const region = await client.config.region();
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return {
    queueArn: Attributes?.QueueArn ?? QueueUrl,
    region,
    async receive(max) {
      const received = await client.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: max,
          WaitTimeSeconds: waitTimeSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      return received.Messages ?? [];
    },
    async delete(messages) {
      await client.send(
        new DeleteMessageBatchCommand({ QueueUrl, Entries: messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }),
      );
    },
    close: () => client.destroy(),
  };
}

/**
 * The SQS event source mapping, locally: long-polls the review queue, hands each batch to the review worker's Lambda
 * handler as an SQSEvent, deletes the messages that succeeded and leaves the failed ones alone. Like on AWS, a failed
 * message becomes visible again after the queue's visibility timeout, and the queue's redrive policy moves it to the
 * DLQ after maxReceiveCount receives; nothing here retries or dead-letters by itself.
 */
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ServiceConnection } from '../adapters/aws-clients.ts';
import { createSqsQueueReceiver, type ReceivedMessage } from '../adapters/sqs-queue-receiver.ts';
import { reviewQueueDesign } from '../adapters/sqs-queue-design.ts';
import { lambdaContext } from './api-gateway-adapter.ts';

export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface ReviewQueuePollerOptions {
  queueUrl: string;
  /** The emulator's endpoint, region and credentials. */
  connection: ServiceConnection;
  handler: SqsBatchHandler;
  /** Long-poll wait per receive; also bounds how long stop() waits. @default 2 */
  waitTimeSeconds?: number;
  /** @default reviewQueueDesign.batchSize */
  batchSize?: number;
  /** Called after each batch (tests, diagnostics). */
  onBatch?: (result: { received: number; failed: number }) => void;
}

export interface ReviewQueuePoller {
  /** Finish the batch in hand, then stop. */
  stop(): Promise<void>;
}

/** Pause after SQS itself failed (emulator restarting), before polling again. */
const RECEIVE_ERROR_PAUSE_MS = 1_000;

export async function startReviewQueuePoller(options: ReviewQueuePollerOptions): Promise<ReviewQueuePoller> {
  const waitTimeSeconds = options.waitTimeSeconds ?? 2;
  const queue = await createSqsQueueReceiver({ queueUrl: options.queueUrl, waitTimeSeconds, connection: options.connection });

  let stopped = false;
  const pollOnce = async (): Promise<void> => {
    let messages: ReceivedMessage[];
    try {
      messages = await queue.receive(options.batchSize ?? reviewQueueDesign.batchSize);
    } catch (error) {
      console.error('[review-queue-poller] receive failed:', error instanceof Error ? error.message : error);
      await new Promise((resolve) => setTimeout(resolve, RECEIVE_ERROR_PAUSE_MS));
      return;
    }
    if (messages.length === 0) return;

    const failed = await invoke(options.handler, toSqsEvent(messages, queue.queueArn, queue.region));
    const succeeded = messages.filter((message) => !failed.has(message.MessageId ?? ''));
    if (succeeded.length > 0) {
      await queue
        .delete(succeeded)
        // Not deleted: the messages come back after the visibility timeout and are screened again, harmlessly.
        .catch((error: unknown) => console.error('[review-queue-poller] delete failed:', error instanceof Error ? error.message : error));
    }
    options.onBatch?.({ received: messages.length, failed: failed.size });
  };

  const loop = (async () => {
    while (!stopped) await pollOnce();
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      queue.close();
    },
  };
}

/** Message ids the handler reported as failed; all of them when it threw (Powertools throws when the whole batch fails). */
async function invoke(handler: SqsBatchHandler, event: SQSEvent): Promise<Set<string>> {
  try {
    const response = await handler(event, lambdaContext('review-worker', randomUUID(), reviewQueueDesign.workerTimeoutSeconds * 1_000));
    return new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
  } catch {
    return new Set(event.Records.map((record) => record.messageId));
  }
}

/** Received messages in the shape Lambda's SQS event source delivers them. */
export function toSqsEvent(messages: readonly ReceivedMessage[], queueArn: string, region: string): SQSEvent {
  return {
    Records: messages.map((message) => ({
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
        SenderId: message.Attributes?.SenderId ?? '000000000000',
        ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    })),
  };
}

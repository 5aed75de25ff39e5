/**
 * The review queue's dead-letter queue, for ops (`npm run ops -- dlq list|redrive`). Redrive receives, re-sends to
 * the review queue and deletes, which works the same on AWS and on the emulator (fauxqs has no StartMessageMoveTask).
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { DependencyUnavailableError, type DeadLetter, type DeadLetterQueue } from '#domain/ports.ts';
import { parseReviewMessage } from './sqs-review-queue.ts';

/** Long enough to read a whole listing before the first messages would show up again. */
const PEEK_VISIBILITY_SECONDS = 30;
/** A redrive batch is re-sent and deleted well within this. */
const REDRIVE_VISIBILITY_SECONDS = 60;
const SQS_BATCH = 10;

export function createSqsDeadLetterQueue(options: { deadLetterQueueUrl: string; reviewQueueUrl: string; client: SQSClient }): DeadLetterQueue {
  const QueueUrl = options.deadLetterQueueUrl;
  const sqsClient = options.client;

  async function receive(visibilityTimeout: number, max = SQS_BATCH): Promise<Message[]> {
    const { Messages = [] } = await sqsClient.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: Math.min(SQS_BATCH, max),
        VisibilityTimeout: visibilityTimeout,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    return Messages;
  }

  async function guarded<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw error instanceof DependencyUnavailableError ? error : new DependencyUnavailableError('queue', { cause: error });
    }
  }

  return {
    peek: (max) =>
      guarded(async () => {
        const seen = new Map<string, Message>();
        // Empty receives can happen while messages exist (SQS samples servers): try a few times before concluding.
        for (let emptyReceives = 0; seen.size < max && emptyReceives < 2; ) {
          const messages = await receive(PEEK_VISIBILITY_SECONDS, max - seen.size);
          if (messages.length === 0) emptyReceives++;
          for (const message of messages) if (message.MessageId) seen.set(message.MessageId, message);
        }
        const handles = [...seen.values()].map((message) => message.ReceiptHandle!);
        // Visible again at once: listing must not delay a redrive.
        for (let offset = 0; offset < handles.length; offset += SQS_BATCH) {
          await sqsClient.send(
            new ChangeMessageVisibilityBatchCommand({
              QueueUrl,
              Entries: handles.slice(offset, offset + SQS_BATCH).map((ReceiptHandle, index) => ({ Id: String(index), ReceiptHandle, VisibilityTimeout: 0 })),
            }),
          );
        }
        return [...seen.values()].map(toDeadLetter);
      }),

    redrive: (onProgress) =>
      guarded(async () => {
        let moved = 0;
        for (;;) {
          const messages = await receive(REDRIVE_VISIBILITY_SECONDS);
          if (messages.length === 0) return moved;
          const { Successful = [] } = await sqsClient.send(
            new SendMessageBatchCommand({
              QueueUrl: options.reviewQueueUrl,
              Entries: messages.map((message, index) => ({ Id: String(index), MessageBody: message.Body ?? '' })),
            }),
          );
          const sent = new Set(Successful.map((entry) => entry.Id));
          const entries = messages.flatMap((message, index) => (sent.has(String(index)) ? [{ Id: String(index), ReceiptHandle: message.ReceiptHandle }] : []));
          // Not sent: stays in the DLQ (visible again after the timeout) for the next redrive.
          if (entries.length > 0) await sqsClient.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: entries }));
          moved += entries.length;
          onProgress?.(moved);
          if (entries.length < messages.length) return moved;
        }
      }),
  };
}

function toDeadLetter(message: Message): DeadLetter {
  const body = message.Body ?? '';
  const parsed = parseReviewMessage(body);
  const time = (epochMs: string | undefined) => (epochMs ? new Date(Number(epochMs)).toISOString() : undefined);
  const firstReceivedAt = time(message.Attributes?.ApproximateFirstReceiveTimestamp);
  const sentAt = time(message.Attributes?.SentTimestamp);
  return {
    messageId: message.MessageId ?? '',
    ...(parsed ? { reference: parsed.reference } : { unreadableBody: JSON.stringify(body.slice(0, 80)) }),
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    ...(firstReceivedAt && { firstReceivedAt }),
    ...(sentAt && { sentAt }),
  };
}

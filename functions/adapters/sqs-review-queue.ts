/**
 * The review queue. A message is `{"reference":"PA-XXXX-XXXX"}` and nothing else: no personal data ever travels
 * through SQS (the worker reads the application from the table).
 */
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { ServiceConnection } from './aws-clients.ts';
import { requestHandlerOptions, sdkCallLimits } from './sdk-call-limits.ts';
import * as z from 'zod/mini';
import { isReference } from '#domain/reference.ts';
import { DependencyUnavailableError, type ReviewQueue } from '#domain/ports.ts';

/**
 * The SQS client for the review queue and its DLQ, one per container (aws-clients.ts). `useQueueUrlAsEndpoint: false`
 * keeps requests on the configured endpoint: the local emulator's queue URLs name hosts (`sqs.<region>.localhost`)
 * that do not resolve, and on AWS the regional endpoint is the queue URL's host anyway.
 */
export function createSqsClient(connection: ServiceConnection = {}): SQSClient {
  return new SQSClient({
    ...connection,
    maxAttempts: sdkCallLimits.sqs.maxAttempts,
    useQueueUrlAsEndpoint: false,
    requestHandler: requestHandlerOptions(sdkCallLimits.sqs),
  });
}

/** The whole message: a well-formed reference and no other member (so nothing else can ever ride along). */
export const reviewMessageSchema = z.strictObject({ reference: z.string().check(z.refine(isReference)) });
export type ReviewMessage = z.infer<typeof reviewMessageSchema>;

export function reviewMessageBody(reference: string): string {
  return JSON.stringify({ reference } satisfies ReviewMessage);
}

/** The review message in a body, or undefined when the body is not one of ours. */
export function parseReviewMessage(body: string): ReviewMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const result = reviewMessageSchema.safeParse(parsed);
  return result.success ? result.data : undefined;
}

export function createSqsReviewQueue(options: { queueUrl: string; client: SQSClient }): ReviewQueue {
  return {
    async enqueue(reference) {
      try {
        await options.client.send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: reviewMessageBody(reference) }));
      } catch (error) {
        throw new DependencyUnavailableError('queue', { cause: error });
      }
    },
  };
}

/**
 * The local SQS event source: the real worker handler fed from the emulator, with the queue's own redrive policy.
 * The test queue has a 1 s visibility timeout (instead of 180 s) so that five failed receives take seconds; its
 * maxReceiveCount is the design's 5.
 */
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reviewQueueDesign } from '../../../functions/adapters/sqs-queue-design.ts';
import { localClientConfig } from '../../../functions/local/local-environment.ts';
import { provisionReviewQueues } from '../../../functions/local/provision.ts';
import { startReviewQueuePoller, type SqsBatchHandler } from '../../../functions/local/review-queue-poller.ts';
import { newIdempotencyKey, validApplication } from '../../support/application-fixtures.ts';
import { postJson } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';

let intake: IntakeServer;
let handler: SqsBatchHandler;
let sqs: SQSClient;

beforeAll(async () => {
  intake = await startIntakeServer();
  handler = intake.handlers.reviewWorker;
  sqs = new SQSClient({ ...localClientConfig(inject('sqsEndpoint')), useQueueUrlAsEndpoint: false });
});

afterAll(async () => {
  sqs?.destroy();
  await intake?.close();
});

async function submit(): Promise<string> {
  const response = await postJson(`${intake.url}/api/applications`, validApplication(), { 'idempotency-key': newIdempotencyKey() });
  return response.json().reference;
}

async function depth(queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('review queue poller', () => {
  it('screens a batch, deletes the good messages, and lets a poison message reach the DLQ after maxReceiveCount receives', async () => {
    const suffix = randomUUID().slice(0, 8);
    const queues = await provisionReviewQueues(
      inject('sqsEndpoint'),
      { queueName: `it-poll-${suffix}`, deadLetterQueueName: `it-poll-dlq-${suffix}` },
      { visibilityTimeoutSeconds: 1 },
    );
    const [first, second] = [await submit(), await submit()];
    await intake.drainReviewQueue();
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queues.reviewQueueUrl,
        Entries: [JSON.stringify({ reference: first }), 'this is not a review message', JSON.stringify({ reference: second })].map((MessageBody, index) => ({
          Id: String(index),
          MessageBody,
        })),
      }),
    );
    const batches: { received: number; failed: number }[] = [];

    const poller = await startReviewQueuePoller({
      queueUrl: queues.reviewQueueUrl,
      connection: localClientConfig(inject('sqsEndpoint')),
      handler,
      waitTimeSeconds: 1,
      onBatch: (batch) => batches.push(batch),
    });
    try {
      await waitFor(async () => (await depth(queues.reviewDeadLetterQueueUrl)) === 1 && (await depth(queues.reviewQueueUrl)) === 0, 25_000);
    } finally {
      await poller.stop();
    }

    expect(batches[0]).toEqual({ received: 3, failed: 1 });
    // The poison message alone afterwards, once per receive, until the queue moved it on.
    expect(batches.slice(1)).toEqual(Array.from({ length: reviewQueueDesign.maxReceiveCount - 1 }, () => ({ received: 1, failed: 1 })));
    for (const reference of [first, second]) {
      expect(await intake.application(reference), reference).toMatchObject({ status: 'pending_review', statusHistory: [{}, {}] });
    }
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.reviewDeadLetterQueueUrl, MessageSystemAttributeNames: ['All'] }));
    expect(Messages.map((message) => message.Body)).toEqual(['this is not a review message']);
  });

  it('screens an application within seconds of its message arriving (long polling, no fixed delay)', async () => {
    const poller = await startReviewQueuePoller({
      queueUrl: intake.reviewQueueUrl,
      connection: localClientConfig(inject('sqsEndpoint')),
      handler,
      waitTimeSeconds: 1,
    });
    try {
      const startedAt = Date.now();
      const reference = await submit();
      await waitFor(async () => (await intake.application(reference))?.status === 'pending_review', 5_000);

      expect(Date.now() - startedAt).toBeLessThan(3_000);
    } finally {
      await poller.stop();
    }
  });
});

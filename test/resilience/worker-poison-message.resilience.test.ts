/**
 * Fault: the review worker fails on one message of a batch, every time. Two poison messages sit among 48 good ones on
 * the review queue: a stored application whose record makes screening throw (its `createdAt` corrupted), and a body
 * that is not a review message at all. The real worker handler is fed by the local SQS event source (the poller
 * `npm start` runs): only the poison messages come back, each exactly 5 times (the queue's maxReceiveCount) before
 * the queue moves it to the DLQ, and every good message is delivered and screened exactly once.
 *
 * The queue's visibility timeout is 2 s instead of 180 s so that five failed receives take seconds.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { reviewQueueDesign } from '../../functions/adapters/sqs-queue-design.ts';
import { localClientConfig } from '../../functions/local/local-environment.ts';
import { startReviewQueuePoller, type SqsBatchHandler } from '../../functions/local/review-queue-poller.ts';
import { mapWithConcurrency, pollUntil } from './support/concurrency.ts';
import { resilienceSuite } from './support/resilience-stack.ts';
import { distinctSubmissions, submit } from './support/submissions.ts';
import { screeningsOf } from './support/table-inspector.ts';

const GOOD_BEFORE = 24;
const GOOD_AFTER = 24;
const UNREADABLE_BODY = 'this is not a review message';
const DEAD_LETTER_DEADLINE_MS = 60_000;

// No background tasks: the queue is filled first, then this suite starts the poller itself to watch every batch.
const suite = resilienceSuite(`worker crash · 2 poison messages among ${GOOD_BEFORE + GOOD_AFTER} good ones`, {
  backgroundTasks: [],
  visibilityTimeoutSeconds: 2,
});
const { counts, extra } = suite;

interface Batch {
  records: Pick<SQSRecord, 'messageId' | 'body'>[];
  receiveCounts: number[];
  failedIds: string[];
}

describe('worker crash on one message in a batch', () => {
  it('retries only the failing messages, screens the good ones once, and dead-letters the failing ones after 5 receives', async () => {
    // Arrange: good applications queued by intake, with the two poison messages in between.
    const submitAll = (count: number, firstIndex: number) =>
      mapWithConcurrency(distinctSubmissions(count, { series: 7, firstIndex }), 8, (submission) => submit(suite.env.applicationsUrl, submission));
    const goodBefore = await submitAll(GOOD_BEFORE, 0);
    const [victim] = await submitAll(1, GOOD_BEFORE);
    await suite.env.table.corruptApplication(victim!.reference!, 'createdAt', 'not-a-date');
    await suite.env.queues.client.send(new SendMessageCommand({ QueueUrl: suite.env.stack.reviewQueueUrl, MessageBody: UNREADABLE_BODY }));
    const goodAfter = await submitAll(GOOD_AFTER, GOOD_BEFORE + 1);
    const good = [...goodBefore, ...goodAfter];
    const goodBodies = new Set(good.map((result) => JSON.stringify({ reference: result.reference })));
    const poisonBodies = new Set([JSON.stringify({ reference: victim!.reference }), UNREADABLE_BODY]);

    // Act: the real worker handler behind the local SQS event source, every batch recorded.
    const handler = suite.env.stack.handlers.reviewWorker;
    const batches: Batch[] = [];
    const recordingHandler: SqsBatchHandler = async (event, context) => {
      const batch: Batch = {
        records: event.Records.map(({ messageId, body }) => ({ messageId, body })),
        receiveCounts: event.Records.map((record) => Number(record.attributes.ApproximateReceiveCount)),
        failedIds: [],
      };
      batches.push(batch);
      try {
        const response = await handler(event, context);
        batch.failedIds = response.batchItemFailures.map((failure) => failure.itemIdentifier);
        return response;
      } catch (error) {
        // Powertools throws when every record of a batch failed; the event source then retries them all.
        batch.failedIds = event.Records.map((record) => record.messageId);
        throw error;
      }
    };
    const started = performance.now();
    const poller = await startReviewQueuePoller({
      queueUrl: suite.env.stack.reviewQueueUrl,
      connection: localClientConfig(suite.env.stack.sqs.endpoint),
      handler: recordingHandler,
      waitTimeSeconds: 1,
    });
    let drained: { review: number; deadLetter: number };
    try {
      drained = await pollUntil(
        async () => ({ review: await suite.env.queues.depth('review'), deadLetter: await suite.env.queues.depth('deadLetter') }),
        (depths) => depths.review === 0 && depths.deadLetter === poisonBodies.size,
        { timeoutMs: DEAD_LETTER_DEADLINE_MS },
      );
    } finally {
      await poller.stop();
    }
    const seconds = (performance.now() - started) / 1000;

    // Assert
    const deliveries = new Map<string, number[]>();
    for (const batch of batches) {
      for (const [index, record] of batch.records.entries()) deliveries.set(record.body, [...(deliveries.get(record.body) ?? []), batch.receiveCounts[index]!]);
    }
    const failedBodies = batches.flatMap((batch) => batch.records.filter((record) => batch.failedIds.includes(record.messageId)).map((record) => record.body));
    const firstBatchOf = (body: string) => batches.find((batch) => batch.records.some((record) => record.body === body))!;
    const snapshot = await suite.env.table.snapshot();
    const goodApplications = good.map((result) => snapshot.applications.get(result.reference!));
    const victimApplication = snapshot.applications.get(victim!.reference!);
    const deadLetters = await suite.env.queues.peekDeadLetters();
    const goodDeliveredMoreThanOnce = [...goodBodies].filter((body) => (deliveries.get(body)?.length ?? 0) > 1);

    counts.sent = good.length + 2;
    counts.accepted = [...good, victim!].filter((result) => result.status === 201).length;
    counts.rejected = good.length + 1 - counts.accepted;
    counts.stored = snapshot.applications.size + snapshot.spam.size;
    counts.screened = [...snapshot.applications.values()].filter((application) => application.status !== 'submitted').length;
    counts.lost = goodApplications.filter((application) => application?.status !== 'pending_review').length;
    counts.duplicated = goodDeliveredMoreThanOnce.length + goodApplications.filter((application) => application && screeningsOf(application) > 1).length;
    extra.push(
      ['sent: over HTTP / straight to the queue', `${good.length + 1} / 1`],
      ['poison: corrupt record, receives', (deliveries.get(JSON.stringify({ reference: victim!.reference })) ?? []).join(', ')],
      ['poison: unreadable body, receives', (deliveries.get(UNREADABLE_BODY) ?? []).join(', ')],
      ['batches handled (messages)', `${batches.length} (${batches.reduce((sum, batch) => sum + batch.records.length, 0)})`],
      ['messages in the DLQ', drained.deadLetter],
      ['until both were dead-lettered', `${seconds.toFixed(1)} s`],
    );

    expect(counts.accepted).toBe(good.length + 1);
    expect(drained, 'queue depths at the end').toEqual({ review: 0, deadLetter: 2 });
    expect(deadLetters.map((message) => message.Body).sort()).toEqual([...poisonBodies].sort());
    for (const body of poisonBodies) {
      expect(deliveries.get(body), `receives of ${body}`).toEqual(Array.from({ length: reviewQueueDesign.maxReceiveCount }, (_, index) => index + 1));
      expect(
        firstBatchOf(body).records.some((record) => goodBodies.has(record.body)),
        `${body} first arrived in a batch with good messages`,
      ).toBe(true);
    }
    expect(
      failedBodies.filter((body) => !poisonBodies.has(body)),
      'good messages reported as failed',
    ).toEqual([]);
    expect(goodDeliveredMoreThanOnce, 'good messages delivered more than once').toEqual([]);
    expect(
      [...goodBodies].filter((body) => deliveries.get(body)?.length !== 1),
      'good messages never delivered',
    ).toEqual([]);
    for (const [index, application] of goodApplications.entries()) {
      expect(application, good[index]!.reference).toMatchObject({
        status: 'pending_review',
        statusHistory: [{ status: 'submitted' }, { status: 'pending_review' }],
      });
    }
    expect(victimApplication, 'the corrupt application is left as it was').toMatchObject({ status: 'submitted', statusHistory: [{ status: 'submitted' }] });
  });
});

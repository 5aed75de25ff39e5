/**
 * The review worker's Lambda handler against DynamoDB Local: applications written by the real intake API, SQS events
 * built from the messages intake queued, screening outcomes, idempotency on redelivery, partial batch failures and
 * retention on the stored items.
 */
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusKeyOf } from '../../../functions/adapters/dynamodb-items.ts';
import { createHmacPseudonymiser } from '../../../functions/adapters/hmac-pseudonymiser.ts';
import type { ApplicationRecord } from '#domain/records.ts';
import { LOCAL_PHONE_HASH_SECRET } from '../../../functions/local/local-environment.ts';
import { toSqsEvent } from '../../../functions/local/review-queue-poller.ts';
import { formTokenIssued, newIdempotencyKey, uniquePhone, validApplication } from '../../support/application-fixtures.ts';
import { postJson } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';
import { captureProcessOutput, type CapturedProcessOutput } from '../../support/captured-process-output.ts';

let intake: IntakeServer;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
const pseudonymiser = createHmacPseudonymiser(LOCAL_PHONE_HASH_SECRET);
/** Every log line the handlers write while this file runs (no name or phone may reach them). */
let output: CapturedProcessOutput;

beforeAll(async () => {
  intake = await startIntakeServer({ env: { POWERTOOLS_LOG_LEVEL: 'INFO' } });
  handler = intake.handlers.reviewWorker;
  output = captureProcessOutput();
});

afterAll(async () => {
  output?.restore();
  await intake?.close();
});

/** Submit through the API; returns the reference and the body sent. */
async function submit(overrides: Record<string, unknown> = {}): Promise<{ reference: string; body: Record<string, unknown> }> {
  const body = validApplication(overrides);
  const response = await postJson(`${intake.url}/api/applications`, body, { 'idempotency-key': newIdempotencyKey() });
  expect(response.status).toBe(201);
  return { reference: response.json().reference, body };
}

/** An SQS event as Lambda delivers it, with one record per body. */
function eventOf(bodies: readonly string[]): SQSEvent {
  const messages = bodies.map((Body) => ({ MessageId: randomUUID(), ReceiptHandle: randomUUID(), Body, Attributes: { ApproximateReceiveCount: '1' } }));
  return toSqsEvent(messages, 'arn:aws:sqs:ap-east-1:000000000000:it-review', 'ap-east-1');
}

/** Run the handler on everything intake queued so far. */
async function screenQueued(): Promise<SQSBatchResponse> {
  return handler(eventOf(await intake.drainReviewQueue()));
}

const review = (reference: string) => JSON.stringify({ reference });

describe('screening outcomes', () => {
  it('moves a clean application to pending_review, recorded as system:screening, and logs the notice without personal data', async () => {
    const { reference, body } = await submit({ name: '周大福' });
    output.lines.length = 0;

    const response = await screenQueued();

    expect(response).toEqual({ batchItemFailures: [] });
    const item = await intake.application(reference);
    expect(item).toMatchObject({
      status: 'pending_review',
      gsi2pk: statusKeyOf(reference, 'pending_review'),
      statusHistory: [
        { status: 'submitted', by: 'intake' },
        { status: 'pending_review', by: 'system:screening' },
      ],
      screening: { outcome: 'pending_review', signals: [], notifiedAt: expect.any(String) },
    });
    const notice = output.lines.map((line) => JSON.parse(line)).find((line) => line.message === 'new application awaiting review');
    expect(notice.notice).toEqual({
      reference,
      brand: 'lakala',
      city: '广东省 深圳市',
      maskedPhone: `${String(body.phone).slice(0, 3)}****${String(body.phone).slice(-4)}`,
    });
    const logs = output.lines.join('');
    expect(logs).not.toContain(String(body.phone));
    expect(logs).not.toContain('周大福');
  });

  it("an impostor who applies first with a merchant's phone does not get the merchant's own application rejected: both go to a person, linked", async () => {
    const phone = uniquePhone();
    const impostor = await submit({ phone, name: '冒用者', city: '北京市' });
    const merchant = await submit({ phone, note: '本人申请' });

    await screenQueued();

    expect(await intake.application(impostor.reference)).toMatchObject({ status: 'pending_review', samePhoneAs: new Set([merchant.reference]) });
    expect(await intake.application(merchant.reference)).toMatchObject({ status: 'pending_review', samePhoneAs: new Set([impostor.reference]) });
  });

  it('the status answer of either says nothing about the other', async () => {
    const phone = uniquePhone();
    const first = await submit({ phone });
    const second = await submit({ phone, note: '再提交一次' });
    await screenQueued();

    const lookup = await postJson(`${intake.url}/api/applications/status`, { reference: second.reference, phoneLast4: phone.slice(-4) });

    expect(lookup.status).toBe(200);
    expect(lookup.json()).toEqual({ reference: second.reference, status: 'pending_review', updatedAt: expect.any(String) });
    expect(lookup.text).not.toContain(first.reference);
  });

  it('rejects a blocked phone', async () => {
    const phone = uniquePhone();
    const store = intake.store;
    await store.block({ phoneHash: pseudonymiser.pseudonymise(phone), at: new Date().toISOString(), by: 'ops:test' });
    const { reference } = await submit({ phone });

    await screenQueued();

    expect(await intake.application(reference)).toMatchObject({ status: 'rejected', screening: { code: 'blocked_phone' } });
  });

  it('rejects a link typed into a form filled in under ten seconds, but lets a link alone through, flagged', async () => {
    const bot = await submit({ note: '优惠看 www.example.top', formToken: formTokenIssued(5_000) });
    const person = await submit({ note: '店铺在 https://map.example.com/shop/1' });

    await screenQueued();

    expect(await intake.application(bot.reference)).toMatchObject({
      status: 'rejected',
      screening: { code: 'spam_signal', signals: ['note_has_link', 'quick_fill'] },
    });
    expect(await intake.application(person.reference)).toMatchObject({ status: 'pending_review', screening: { signals: ['note_has_link'] } });
  });

  it('rejects an application stored incomplete (here: a city no longer on the list)', async () => {
    const store = intake.store;
    const at = new Date().toISOString();
    const phone = uniquePhone();
    const record: ApplicationRecord = {
      kind: 'application',
      reference: 'PA-2345-6789',
      status: 'submitted',
      createdAt: at,
      updatedAt: at,
      name: '吴六',
      phone,
      phoneHash: pseudonymiser.pseudonymise(phone),
      city: '亚特兰蒂斯',
      merchantType: 'company',
      brand: 'unionpay',
      consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: at },
      signals: [],
      statusHistory: [{ status: 'submitted', at, by: 'intake' }],
      channel: 'json',
      personalDataExpiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    };
    await store.writeIntake({
      record,
      idempotency: { key: randomUUID(), requestHash: 'x', reference: record.reference, expiresAt: new Date(Date.now() + 60_000) },
      rateLimits: [],
      formToken: { nonce: randomUUID(), expiresAt: new Date(Date.now() + 60_000) },
      enqueueForReview: false,
    });

    await handler(eventOf([review(record.reference)]));

    expect(await intake.application(record.reference)).toMatchObject({ status: 'rejected', screening: { code: 'incomplete' } });
  });
});

describe('retention', () => {
  it('a rejection closes the application: its personal data item gets a TTL, the anonymous record none', async () => {
    const phone = uniquePhone();
    await intake.store.block({ phoneHash: pseudonymiser.pseudonymise(phone), at: new Date().toISOString(), by: 'ops:test' });
    const { reference } = await submit({ phone });

    await screenQueued();

    const application = await intake.application(reference);
    const personal = await intake.personalData(reference);
    expect(application).toMatchObject({ status: 'rejected' });
    expect(application).not.toHaveProperty('expiresAt');
    const closedAt = Date.parse(String(application?.closedAt));
    expect(personal?.expiresAt).toBe(Math.floor((closedAt + 180 * 86_400_000) / 1000));
    expect(application?.personalDataExpiresAt).toBe(new Date(closedAt + 180 * 86_400_000).toISOString());
  });

  it('an application still open keeps the expiry intake gave its personal data: a year after submission', async () => {
    const { reference } = await submit();

    await screenQueued();

    const createdAt = Date.parse(String((await intake.application(reference))?.createdAt));
    expect((await intake.personalData(reference))?.expiresAt).toBe(Math.floor((createdAt + 365 * 86_400_000) / 1000));
  });
});

describe('idempotency and partial failures', () => {
  it('a redelivered message changes nothing: one screening entry, whether delivered again later or twice in one batch', async () => {
    const later = await submit();
    const sameBatch = await submit();
    await intake.drainReviewQueue();

    await handler(eventOf([review(later.reference)]));
    const redelivered = await handler(eventOf([review(later.reference)]));
    const twice = await handler(eventOf([review(sameBatch.reference), review(sameBatch.reference)]));

    expect(redelivered.batchItemFailures).toEqual([]);
    expect(twice.batchItemFailures).toEqual([]);
    for (const { reference } of [later, sameBatch]) {
      const history = (await intake.application(reference))?.statusHistory as unknown[];
      expect(history, reference).toHaveLength(2);
    }
  });

  it('acknowledges an unknown reference and a spam record (no retry), and changes neither', async () => {
    const spam = await submit({ website: 'http://bot.example' });
    const spamBefore = await intake.application(spam.reference);

    const response = await handler(eventOf([review('PA-2222-2222'), review(spam.reference)]));

    expect(response.batchItemFailures).toEqual([]);
    expect(await intake.application(spam.reference)).toEqual(spamBefore);
    expect(await intake.application('PA-2222-2222')).toBeUndefined();
  });

  it('fails only the unreadable message; the rest of the batch is screened', async () => {
    const { reference } = await submit();
    await intake.drainReviewQueue();
    const event = eventOf(['{"reference":"not-a-reference"}', review(reference), 'plain text']);

    const response = await handler(event);

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      [event.Records[0]!.messageId, event.Records[2]!.messageId].sort(),
    );
    expect(await intake.application(reference)).toMatchObject({ status: 'pending_review' });
  });
});

describe('new-application notices through SNS (as on AWS)', () => {
  it('publishes the notice to the ops topic: reference and masked phone, no name', async () => {
    const withTopic = await startIntakeServer({ withOpsTopic: true });
    try {
      const phone = uniquePhone();
      const response = await postJson(`${withTopic.url}/api/applications`, validApplication({ phone, name: '张三丰' }), {
        'idempotency-key': newIdempotencyKey(),
      });
      expect(response.status).toBe(201);
      const { reference } = response.json() as { reference: string };
      await withTopic.handlers.reviewWorker(eventOf(await withTopic.drainReviewQueue()));

      const messages = await withTopic.opsTopicMessages();
      expect(messages.join('\n')).toContain(reference);
      expect(messages.join('\n')).not.toContain(phone);
      expect(messages.join('\n')).not.toContain('张三丰');
    } finally {
      await withTopic.close();
    }
  });
});

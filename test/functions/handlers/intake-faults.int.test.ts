/**
 * Fault injection: the handlers reach DynamoDB and SQS through proxies the tests switch off, while the tests' own
 * checks go to the services directly.
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexShardOf, outboxPartition } from '../../../functions/adapters/dynamodb-items.ts';
import { errorMessages, statusLookupUnavailableMessage } from '../../../functions/http/responses.ts';
import { newIdempotencyKey, validApplication, validApplicationForm } from '../../support/application-fixtures.ts';
import { postForm, postJson } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';
import { startToggleProxy, type ToggleProxy } from '../../support/toggle-proxy.ts';

let intake: IntakeServer;
let dynamoDb: ToggleProxy;
let sqs: ToggleProxy;
let endpoint: string;

beforeAll(async () => {
  [dynamoDb, sqs] = await Promise.all([startToggleProxy(inject('dynamoDbEndpoint')), startToggleProxy(inject('sqsEndpoint'))]);
  intake = await startIntakeServer({
    handlerDynamoDbEndpoint: dynamoDb.endpoint,
    handlerSqsEndpoint: sqs.endpoint,
    env: { OUTBOX_MIN_AGE_SECONDS: '1' },
  });
  endpoint = `${intake.url}/api/applications`;
});
afterAll(async () => {
  await intake?.close();
  await Promise.all([dynamoDb?.close(), sqs?.close()]);
});

describe('review queue unreachable after the application is stored', () => {
  it('still answers 201, keeps the application in the outbox, and the sweeper delivers exactly one message once SQS is back', async () => {
    sqs.down();
    const response = await postJson(endpoint, validApplication(), { 'idempotency-key': newIdempotencyKey() });
    sqs.up();

    expect(response.status).toBe(201);
    const { reference } = response.json();
    expect(await intake.application(reference)).toMatchObject({ gsi3pk: outboxPartition(indexShardOf(reference)), status: 'submitted' });
    expect(await intake.drainReviewQueue()).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 1_100)); // older than OUTBOX_MIN_AGE_SECONDS
    const firstSweep = await intake.sweepOutbox();
    const secondSweep = await intake.sweepOutbox();

    expect(firstSweep).toEqual({ found: 1, sent: 1, failed: 0 });
    expect(secondSweep).toEqual({ found: 0, sent: 0, failed: 0 });
    expect(await intake.drainReviewQueue()).toEqual([JSON.stringify({ reference })]);
    expect(await intake.application(reference)).not.toHaveProperty('gsi3pk');
  });

  it('a sweep while SQS is still down leaves the application marked for the next run', async () => {
    sqs.down();
    const response = await postJson(endpoint, validApplication(), { 'idempotency-key': newIdempotencyKey() });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const sweepWhileDown = await intake.sweepOutbox();
    sqs.up();

    expect(sweepWhileDown).toMatchObject({ sent: 0, failed: 1 });
    expect(await intake.application(response.json().reference)).toMatchObject({ gsi3pk: expect.stringMatching(/^OUTBOX#\d$/) });
    expect(await intake.sweepOutbox()).toMatchObject({ sent: 1 });
    expect(await intake.drainReviewQueue()).toEqual([JSON.stringify({ reference: response.json().reference })]);
  });
});

describe('DynamoDB unreachable', () => {
  it('503 with Retry-After, nothing written, and the same request succeeds once DynamoDB is back', async () => {
    const body = validApplication();
    const key = newIdempotencyKey();
    const itemsBefore = await intake.items();

    dynamoDb.down();
    const started = performance.now();
    const json = await postJson(endpoint, body, { 'idempotency-key': key });
    const elapsedMs = performance.now() - started;
    const form = await postForm(endpoint, validApplicationForm({ name: '陈十一' }));
    const status = await postJson(`${intake.url}/api/applications/status`, { reference: 'PA-2222-2222', phoneLast4: '1234' });
    dynamoDb.up();

    expect(json.status).toBe(503);
    expect(json.headers['retry-after']).toBe('5');
    // The write may have gone through before the timeout: the message must not claim it did not, and says a retry is safe.
    expect(json.json()).toEqual({ error: { code: 'service_unavailable', message: errorMessages.service_unavailable, fields: {} } });
    expect(errorMessages.service_unavailable).toMatch(/可能没有提交成功/);
    expect(errorMessages.service_unavailable).toMatch(/不会产生两份申请/);
    expect(json.text).not.toMatch(/Error|at |stack/);
    expect(elapsedMs).toBeLessThan(8_000);
    expect(form.status).toBe(503);
    expect(form.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(form.text).toContain('value="陈十一"');
    expect(form.text).toContain(errorMessages.service_unavailable);
    expect(status.status).toBe(503);
    expect(status.json().error.message).toBe(statusLookupUnavailableMessage);
    expect(await intake.items()).toEqual(itemsBefore);
    expect(await intake.drainReviewQueue()).toEqual([]);

    const retry = await postJson(endpoint, body, { 'idempotency-key': key });

    expect(retry.status).toBe(201);
    expect(await intake.drainReviewQueue()).toEqual([JSON.stringify({ reference: retry.json().reference })]);
  });
});

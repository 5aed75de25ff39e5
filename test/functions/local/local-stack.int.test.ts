/**
 * The programmatic local stack other suites (browser, resilience) start: its own DynamoDB Local and emulator, the
 * site and the API on one origin, background tasks, restartable services, and a stop that leaves nothing running.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../functions/local/local-environment.ts';
import { startLocalStack, type LocalStack } from '../../../functions/local/local-stack.ts';
import { isPortFree } from '../../../functions/local/ports.ts';
import { newIdempotencyKey, validApplication } from '../../support/application-fixtures.ts';
import { postJson, send } from '../../support/http-client.ts';

let stack: LocalStack;
let siteDir: string;

beforeAll(async () => {
  siteDir = await mkdtemp(join(tmpdir(), 'stack-site-'));
  await writeFile(join(siteDir, 'index.html'), '<h1>pos-portal</h1>');
  stack = await startLocalStack({ siteDir, env: { POWERTOOLS_LOG_LEVEL: 'SILENT', OUTBOX_MIN_AGE_SECONDS: '1' } });
});
afterAll(async () => {
  await stack?.stop();
  await rm(siteDir, { recursive: true, force: true });
});

async function receiveReviewMessages(timeoutMs: number): Promise<string[]> {
  const sqs = new SQSClient({ ...localClientConfig(stack.sqs.endpoint), useQueueUrlAsEndpoint: false });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: stack.reviewQueueUrl, MaxNumberOfMessages: 10 }));
      for (const message of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: stack.reviewQueueUrl, ReceiptHandle: message.ReceiptHandle }));
      if (Messages.length > 0) return Messages.map((m) => m.Body ?? '');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return [];
  } finally {
    sqs.destroy();
  }
}

describe('startLocalStack', () => {
  it('serves the site and the API on one origin and reports where everything is', async () => {
    const home = await send(`${stack.url}/`);
    const submitted = await postJson(`${stack.url}/api/applications`, validApplication(), { 'idempotency-key': newIdempotencyKey() });

    expect(home.text).toBe('<h1>pos-portal</h1>');
    expect(submitted.status).toBe(201);
    expect(stack).toMatchObject({ region: 'ap-east-1', tableName: 'pos-portal-applications', backgroundTasks: ['outbox-sweeper'] });
    expect(stack.env).toMatchObject({ AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDb.endpoint, REVIEW_QUEUE_URL: stack.reviewQueueUrl });
    expect(await receiveReviewMessages(2_000)).toEqual([JSON.stringify({ reference: submitted.json().reference })]);
  });

  it('runs the outbox sweeper in the background: an application accepted while SQS was down reaches the queue after it returns', async () => {
    await stack.sqs.stop();
    const submitted = await postJson(`${stack.url}/api/applications`, validApplication(), { 'idempotency-key': newIdempotencyKey() });
    await stack.sqs.start();

    expect(submitted.status).toBe(201);
    expect(await receiveReviewMessages(15_000)).toEqual([JSON.stringify({ reference: submitted.json().reference })]);
  });

  it('stops everything: DynamoDB Local (Java), the emulator and the server release their ports', async () => {
    const ports = [stack.dynamoDb.endpoint, stack.sqs.endpoint, stack.url].map((url) => Number(new URL(url).port));

    await stack.stop();

    expect(await Promise.all(ports.map((port) => isPortFree(port)))).toEqual([true, true, true]);
  });
});

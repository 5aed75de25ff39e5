/**
 * The programmatic local stack other suites (browser, resilience) start: its own DynamoDB Local and emulator, the
 * site and the API on one origin, background tasks, restartable services, and a stop that leaves nothing running.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig, localSettingsFrom } from '../../../functions/local/local-environment.ts';
import { startLocalStack, type LocalStack } from '../../../functions/local/local-stack.ts';
import { isPortFree } from '../../../functions/local/free-port.ts';
import { newIdempotencyKey, validApplication } from '../../support/application-fixtures.ts';
import { postJson, send } from '../../support/http-client.ts';

let stack: LocalStack;
let siteDir: string;

beforeAll(async () => {
  siteDir = await mkdtemp(join(tmpdir(), 'stack-site-'));
  await writeFile(join(siteDir, 'index.html'), '<h1>pos-portal</h1>');
  // As `npm start` does: the documented variables from the environment it was started with (PATH is not one).
  const settings = localSettingsFrom({ POWERTOOLS_LOG_LEVEL: 'SILENT', OUTBOX_MIN_AGE_SECONDS: '1', STATUS_MISSES_PER_IP_PER_HOUR: '2', PATH: '/usr/bin' });
  stack = await startLocalStack({ siteDir, env: settings });
});
afterAll(async () => {
  await stack?.stop();
  await rm(siteDir, { recursive: true, force: true });
});

/** The application's status once the review worker moved it on from `submitted`, or the last status seen. */
async function statusAfterScreening(reference: string, timeoutMs: number): Promise<string | undefined> {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.dynamoDb.endpoint)));
  const deadline = Date.now() + timeoutMs;
  try {
    let status: string | undefined;
    while (Date.now() < deadline) {
      const { Item } = await documents.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `APP#${reference}`, sk: 'APP' }, ConsistentRead: true }));
      status = Item?.status as string | undefined;
      if (status !== undefined && status !== 'submitted') return status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return status;
  } finally {
    documents.destroy();
  }
}

/** Listening TCP sockets of the given processes, as `ss` reports them: `<local address>:<port>`. */
function listeningSocketsOf(pids: readonly number[]): string[] {
  const output = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' });
  return output
    .split('\n')
    .filter((line) => pids.some((pid) => line.includes(`pid=${pid},`)))
    .map((line) => line.trim().split(/\s+/)[3]!);
}

/** This process and its children (DynamoDB Local's Java process is one). */
function thisProcessAndChildren(): number[] {
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return [
    process.pid,
    ...children
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0),
  ];
}

describe('startLocalStack', () => {
  it('listens on the loopback interface only: the server, DynamoDB Local and the SQS emulator (attack review round three, finding 5)', () => {
    const sockets = listeningSocketsOf(thisProcessAndChildren());
    const ports = [stack.url, stack.dynamoDb.endpoint, stack.sqs.endpoint].map((url) => new URL(url).port);

    // Every service the stack started is among them (so the check below looks at the right sockets)…
    for (const port of ports)
      expect(
        sockets.some((socket) => socket.endsWith(`:${port}`)),
        `port ${port}`,
      ).toBe(true);
    // …and none listens beyond 127.0.0.1 (Java reports its IPv4 sockets as IPv4-mapped IPv6).
    for (const socket of sockets) expect(socket, socket).toMatch(/^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):\d+$/);
  });

  it('serves the site and the API on one origin and reports where everything is', async () => {
    const home = await send(`${stack.url}/`);
    const submitted = await postJson(`${stack.url}/api/applications`, validApplication(), { 'idempotency-key': newIdempotencyKey() });

    expect(home.text).toBe('<h1>pos-portal</h1>');
    expect(submitted.status).toBe(201);
    expect(stack).toMatchObject({
      region: 'ap-east-1',
      tableName: 'pos-portal-applications',
      backgroundTasks: ['outbox-sweeper', 'review-queue-poller', 'call-reminders'],
    });
    expect(stack.env).toMatchObject({ AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDb.endpoint, REVIEW_QUEUE_URL: stack.reviewQueueUrl });
  });

  it('runs the review worker on the emulated queue: a new application is screened within seconds', async () => {
    const startedAt = Date.now();
    const submitted = await postJson(`${stack.url}/api/applications`, validApplication(), { 'idempotency-key': newIdempotencyKey() });

    expect(submitted.status).toBe(201);
    expect(await statusAfterScreening(submitted.json().reference, 5_000)).toBe('pending_review');
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('runs the outbox sweeper in the background: an application accepted while SQS was down is screened after it returns', async () => {
    await stack.sqs.stop();
    const submitted = await postJson(`${stack.url}/api/applications`, validApplication(), { 'idempotency-key': newIdempotencyKey() });
    await stack.sqs.start();

    expect(submitted.status).toBe(201);
    expect(await statusAfterScreening(submitted.json().reference, 15_000)).toBe('pending_review');
  });

  it('honours the documented configuration variables it was started with (STATUS_MISSES_PER_IP_PER_HOUR=2)', async () => {
    const miss = () => postJson(`${stack.url}/api/applications/status`, { reference: 'PA-ZZZZ-ZZZZ', phoneLast4: '0000' });
    const answers = [await miss(), await miss(), await miss()];

    // The production default is 10 misses an hour: only the setting makes the third one the limit.
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 429]);
    expect(stack.env).not.toHaveProperty('PATH');
  });

  it('stops everything: DynamoDB Local (Java), the emulator and the server release their ports', async () => {
    const ports = [stack.dynamoDb.endpoint, stack.sqs.endpoint, stack.url].map((url) => Number(new URL(url).port));

    await stack.stop();

    expect(await Promise.all(ports.map((port) => isPortFree(port)))).toEqual([true, true, true]);
  });
});

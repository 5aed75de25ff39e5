/**
 * Personal data that expires by TTL leaves no same-phone link behind, exactly as erasure does (attack review round three, finding 4).
 *
 * DynamoDB Local runs neither TTL nor streams. So each test deletes the real personal-data item the way TTL would and
 * builds the stream record Lambda delivers for that deletion from the real item: keys only (the stream's view type,
 * infra/stacks/stateful-stack.ts) and the TTL service as `userIdentity`. The handler is the one the Lambda runs, built
 * by the local composition root with its calls recorded for the IAM check (test/iam).
 */
import { randomUUID } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb-document-client.ts';
import { ttlDeletionIdentity } from '../../../functions/adapters/dynamodb-ttl-expiry.ts';
import { loadConfig } from '../../../functions/config.ts';
import { functionEnvironments } from '../../../functions/function-environments.ts';
import { createPersonalDataExpiryHandler } from '../../../functions/handlers/personal-data-expiry.ts';
import { localClientConfig } from '../../../functions/local/local-environment.ts';
import { uniquePhone } from '../../support/application-fixtures.ts';
import { applyThroughApi } from '../../support/apply-through-api.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';
import { captureProcessOutput, type CapturedProcessOutput } from '../../support/captured-process-output.ts';

let intake: IntakeServer;
/** Every log line the handlers write while this file runs (no name or phone may reach them). */
let output: CapturedProcessOutput;

beforeAll(async () => {
  intake = await startIntakeServer({ env: { POWERTOOLS_LOG_LEVEL: 'INFO' } });
  output = captureProcessOutput();
});

afterAll(async () => {
  output?.restore();
  await intake?.close();
});

/** Applications from one phone, screened (so linked to each other), with the name they used. */
async function samePhoneApplications(count: number): Promise<{ references: string[]; phone: string; name: string }> {
  const phone = uniquePhone();
  const name = '诸葛瑾';
  const references: string[] = [];
  for (let i = 0; i < count; i++) references.push((await applyThroughApi(intake.url, { phone, name })).reference);
  await intake.screenQueued();
  return { references, phone, name };
}

const linksOf = async (reference: string) => [...(((await intake.application(reference))?.samePhoneAs as Set<string> | undefined) ?? [])].sort();

/**
 * Delete an item as TTL does (or as a caller does: `who` null, as erasure's delete has no identity), and return the stream record of that deletion, built
 * from the real item's keys as a KEYS_ONLY stream carries them.
 */
async function deleteAs(key: { pk: string; sk: string }, who: DynamoDBRecord['userIdentity'] | null = ttlDeletionIdentity): Promise<DynamoDBRecord> {
  const { Attributes } = await intake.documentClient.send(new DeleteCommand({ TableName: intake.tableName, Key: key, ReturnValues: 'ALL_OLD' }));
  if (!Attributes) throw new Error(`no item ${key.pk} ${key.sk} to delete`);
  return {
    eventID: randomUUID().replaceAll('-', ''),
    eventName: 'REMOVE',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ap-east-1',
    ...(who && { userIdentity: who }),
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: { pk: { S: String(Attributes.pk) }, sk: { S: String(Attributes.sk) } },
      SequenceNumber: String(Date.now()) + String(Math.floor(Math.random() * 1e6)).padStart(6, '0'),
      SizeBytes: 60,
      StreamViewType: 'KEYS_ONLY',
    },
    eventSourceARN: `arn:aws:dynamodb:ap-east-1:000000000000:table/${intake.tableName}/stream/2026-01-01T00:00:00.000`,
  };
}

const personalDataOf = (reference: string) => ({ pk: `APP#${reference}`, sk: 'PERSONAL' });
const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('personal data expiring by TTL', () => {
  it("removes the expired reference from every linked application and the expired one's own links, nothing else", async () => {
    const { references, phone, name } = await samePhoneApplications(3);
    const [expiring, second, third] = references as [string, string, string];
    expect(await linksOf(second)).toEqual([expiring, third].sort());
    output.lines.length = 0;

    const response = await intake.handlers.personalDataExpiry(streamEvent(await deleteAs(personalDataOf(expiring))));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(await linksOf(second)).toEqual([third]);
    expect(await linksOf(third)).toEqual([second]);
    expect(await intake.application(expiring)).not.toHaveProperty('samePhoneAs');
    // The anonymous record stays, as after any expiry.
    expect(await intake.application(expiring)).toMatchObject({ kind: 'application' });
    const logs = output.lines.join('');
    expect(logs).toContain(expiring);
    expect(logs).not.toContain(phone);
    expect(logs).not.toContain(phone.slice(-4));
    expect(logs).not.toContain(name);
  });

  it('is idempotent: the same record again (the stream retries) changes nothing and fails nothing', async () => {
    const { references } = await samePhoneApplications(2);
    const [expiring, other] = references as [string, string];
    expect(await linksOf(other)).toEqual([expiring]);
    const record = await deleteAs(personalDataOf(expiring));

    const first = await intake.handlers.personalDataExpiry(streamEvent(record));
    const again = await intake.handlers.personalDataExpiry(streamEvent(record));

    expect([first, again]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(await linksOf(other)).toEqual([]);
  });

  it('leaves every other deletion alone: one not made by TTL, and TTL deleting an item that is not personal data', async () => {
    const { references } = await samePhoneApplications(2);
    const [deletedByHand, other] = references as [string, string];
    const idempotencyRecord = (await intake.items()).find((item) => item.kind === 'idempotency');
    expect(idempotencyRecord).toBeDefined();
    expect(await linksOf(other)).toEqual([deletedByHand]);

    const response = await intake.handlers.personalDataExpiry(
      streamEvent(
        await deleteAs(personalDataOf(deletedByHand), null),
        await deleteAs({ pk: String(idempotencyRecord!.pk), sk: String(idempotencyRecord!.sk) }),
      ),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(await linksOf(other)).toEqual([deletedByHand]);
  });

  it('reports the record as failed when the table cannot be reached, so the stream retries it', async () => {
    const { references } = await samePhoneApplications(2);
    const record = await deleteAs(personalDataOf(references[0]!));
    const unreachable = createDocumentClient({ ...localClientConfig('http://127.0.0.1:9'), maxAttempts: 1 });
    const handler = createPersonalDataExpiryHandler(
      loadConfig(functionEnvironments['personal-data-expiry'], { ...intake.env, POWERTOOLS_LOG_LEVEL: 'SILENT' }),
      {
        documentClient: unreachable,
      },
    );
    const other = streamEvent(record, await deleteAs(personalDataOf(references[1]!), null));

    // Powertools throws when every record of a batch fails (Lambda then retries the whole batch).
    await expect(handler(streamEvent(record))).rejects.toThrow(/All records failed/);
    await expect(handler(other)).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber }] });
    unreachable.destroy();
    expect(await linksOf(references[1]!)).toEqual([references[0]]);
  });
});

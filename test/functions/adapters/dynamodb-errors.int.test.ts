/**
 * The adapters' reading of DynamoDB's refusals, on the errors DynamoDB Local really throws: a request refused as
 * invalid (an item over 400 KB, alone or inside a transaction) is told apart from a failed condition.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb-document-client.ts';
import { refusedAsInvalid } from '../../../functions/adapters/dynamodb-errors.ts';
import { localClientConfig } from '../../../functions/local/local-environment.ts';
import { provisionApplicationsTable } from '../../../functions/local/provision.ts';

const documentClient = createDocumentClient(localClientConfig(inject('dynamoDbEndpoint')));
const tableName = `it-errors-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  await provisionApplicationsTable(inject('dynamoDbEndpoint'), tableName);
});

const oversized = () => ({ pk: `TEST#${randomUUID()}`, sk: 'TEST', padding: 'x'.repeat(410_000) });
const thrownBy = (operation: Promise<unknown>) =>
  operation.then(
    () => expect.unreachable('DynamoDB accepted the request'),
    (error: unknown) => error,
  );

describe('refusedAsInvalid', () => {
  it('is true for an item over 400 KB, written alone (ValidationException) or in a transaction (cancelled with ValidationError)', async () => {
    const alone = await thrownBy(documentClient.send(new PutCommand({ TableName: tableName, Item: oversized() })));
    const inTransaction = await thrownBy(
      documentClient.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: tableName, Item: oversized() } }] })),
    );

    expect(refusedAsInvalid(alone)).toBe(true);
    expect(refusedAsInvalid(inTransaction)).toBe(true);
  });

  it('is false for a failed condition, alone or in a transaction, and for anything that is not an error', async () => {
    const item = { pk: `TEST#${randomUUID()}`, sk: 'TEST' };
    await documentClient.send(new PutCommand({ TableName: tableName, Item: item }));
    const put = { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' };
    const alone = await thrownBy(documentClient.send(new PutCommand(put)));
    const inTransaction = await thrownBy(documentClient.send(new TransactWriteCommand({ TransactItems: [{ Put: put }] })));

    expect(refusedAsInvalid(alone)).toBe(false);
    expect(refusedAsInvalid(inTransaction)).toBe(false);
    expect(refusedAsInvalid('ValidationException')).toBe(false);
  });
});

/** BlockedPhoneList on the applications table: one `BLOCKED#<phoneHash>` item per blocked phone (dynamodb-items.ts). */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BlockedPhoneList } from '#domain/ports.ts';
import { storeCall } from './dynamodb-errors.ts';
import { blockedPhoneKey } from './dynamodb-items.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

export function createDynamoDbBlockedPhoneList(options: DynamoDbTableOptions): BlockedPhoneList {
  const table = applicationsTable(options);
  const { TableName, client } = table;
  return {
    async isBlocked(phoneHash) {
      return (await table.getItem(blockedPhoneKey(phoneHash))) !== undefined;
    },

    // An update that creates or replaces the entry (an upsert), not a PutItem: blocking is the console's and the ops
    // CLI's only write of a whole item, and their roles allow no PutItem on the table (test/iam checks every call).
    async block(entry) {
      const values = { ':kind': 'blocked_phone', ':at': entry.at, ':by': entry.by, ...(entry.reason !== undefined && { ':reason': entry.reason }) };
      await storeCall(() =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: blockedPhoneKey(entry.phoneHash),
            UpdateExpression: `SET #kind = :kind, blockedAt = :at, blockedBy = :by${entry.reason !== undefined ? ', reason = :reason' : ' REMOVE reason'}`,
            ExpressionAttributeNames: { '#kind': 'kind' },
            ExpressionAttributeValues: values,
          }),
        ),
      );
    },

    async unblock(phoneHash) {
      const { Attributes } = await storeCall(() => client.send(new DeleteCommand({ TableName, Key: blockedPhoneKey(phoneHash), ReturnValues: 'ALL_OLD' })));
      return Attributes !== undefined;
    },
  };
}

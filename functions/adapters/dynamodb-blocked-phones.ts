/** BlockedPhoneList on the applications table: one `BLOCKED#<phoneHash>` item per blocked phone (dynamodb-items.ts). */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BlockedPhoneList } from '#domain/ports.ts';
import { storeCall } from './dynamodb-errors.ts';
import { blockedPhoneItem, blockedPhoneKey } from './dynamodb-items.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

export function createDynamoDbBlockedPhoneList(options: DynamoDbTableOptions): BlockedPhoneList {
  const table = applicationsTable(options);
  const { TableName, client } = table;
  return {
    async isBlocked(phoneHash) {
      return (await table.getItem(blockedPhoneKey(phoneHash))) !== undefined;
    },

    async block(entry) {
      await storeCall(() => client.send(new PutCommand({ TableName, Item: blockedPhoneItem(entry) })));
    },

    async unblock(phoneHash) {
      const { Attributes } = await storeCall(() => client.send(new DeleteCommand({ TableName, Key: blockedPhoneKey(phoneHash), ReturnValues: 'ALL_OLD' })));
      return Attributes !== undefined;
    },
  };
}

/** What the browser tests check in DynamoDB Local: the items intake wrote, read with the SDK like any other client. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { localClientConfig } from '../../../functions/local/local-environment.ts';

export interface ApplicationsTable {
  /** The application item (`APP#<reference>` / `APP`). */
  application(reference: string): Promise<Record<string, unknown> | undefined>;
  /**
   * Items holding this phone number: one per accepted application (the phone is on the application item or on its
   * personal-data item, depending on the store's layout; never on both). Spam records hold no phone.
   */
  itemsWithPhone(phone: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

export function applicationsTable(): ApplicationsTable {
  const tableName = inject('tableName');
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(inject('dynamoDbEndpoint'))));
  return {
    async application(reference) {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: `APP#${reference}`, sk: 'APP' }, ConsistentRead: true }));
      return Item;
    },
    async itemsWithPhone(phone) {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new ScanCommand({
            TableName: tableName,
            ConsistentRead: true,
            FilterExpression: '#phone = :phone',
            ExpressionAttributeNames: { '#phone': 'phone' },
            ExpressionAttributeValues: { ':phone': phone },
            ExclusiveStartKey,
          }),
        );
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    close() {
      documents.destroy();
    },
  };
}

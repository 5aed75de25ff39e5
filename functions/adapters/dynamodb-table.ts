/**
 * The applications table as every DynamoDB adapter receives it: its name, an injected document client
 * (dynamodb-document-client.ts) and a clock, plus the reads they share: consistent GetItem, BatchGetItem in chunks
 * with retries of unprocessed keys, and an application joined with its live personal data.
 */
import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#domain/ports.ts';
import type { StoredRecord } from '#domain/records.ts';
import { jitteredBackoffMs } from '#domain/time.ts';
import { storeCall } from './dynamodb-errors.ts';
import { applicationKey, fromItems, liveItem, personalDataKey, PK, SK, type Item } from './dynamodb-items.ts';
import { systemClock } from './system.ts';

/** What every DynamoDB adapter factory takes. */
export interface DynamoDbTableOptions {
  tableName: string;
  documentClient: DynamoDBDocumentClient;
  /** @default the system clock */
  clock?: Clock;
}

/** BatchGetItem takes at most this many keys per call. */
const BATCH_GET_LIMIT = 100;

export interface ApplicationsTable {
  TableName: string;
  client: DynamoDBDocumentClient;
  clock: Clock;
  /** Strongly consistent GetItem; `attributes` reads only those (the rest of the item never leaves the table). */
  getItem(key: Item, attributes?: readonly string[]): Promise<Item | undefined>;
  /** Strongly consistent BatchGetItem of any number of keys; the items found, by `pk` + `sk`. */
  batchGet(keys: readonly Item[]): Promise<Map<string, Item>>;
  /** The application's two items, the personal data only while it is live; undefined when there is no such application. */
  findItems(reference: string): Promise<{ application: Item; personal: Item | undefined } | undefined>;
  /** The application with its personal data while that is live; undefined when there is no such application. */
  findRecord(reference: string): Promise<StoredRecord | undefined>;
}

export const itemIdentity = (item: Item) => `${String(item[PK])}\u0000${String(item[SK])}`;

export function applicationsTable(options: DynamoDbTableOptions): ApplicationsTable {
  const TableName = options.tableName;
  const client = options.documentClient;
  const clock = options.clock ?? systemClock;

  const getItem = (Key: Item, attributes?: readonly string[]) =>
    storeCall(() => client.send(new GetCommand({ TableName, Key, ConsistentRead: true, ...(attributes && projection(attributes)) }))).then((r) => r.Item);

  async function batchGet(keys: readonly Item[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    for (let offset = 0; offset < keys.length; offset += BATCH_GET_LIMIT) {
      let request: Record<string, { Keys: Item[]; ConsistentRead?: boolean }> | undefined = {
        [TableName]: { Keys: keys.slice(offset, offset + BATCH_GET_LIMIT), ConsistentRead: true },
      };
      for (let attempt = 1; request && Object.keys(request).length > 0; attempt++) {
        const batch = request;
        const { Responses, UnprocessedKeys } = await storeCall(() => client.send(new BatchGetCommand({ RequestItems: batch })));
        for (const item of Responses?.[TableName] ?? []) found.set(itemIdentity(item), item);
        request = UnprocessedKeys as typeof request;
        if (request && Object.keys(request).length > 0) await new Promise((resolve) => setTimeout(resolve, jitteredBackoffMs(attempt, 20)));
      }
    }
    return found;
  }

  async function findItems(reference: string) {
    const [application, personal] = await Promise.all([getItem(applicationKey(reference)), getItem(personalDataKey(reference))]);
    return application ? { application, personal: liveItem(personal, clock.now()) } : undefined;
  }

  return {
    TableName,
    client,
    clock,
    getItem,
    batchGet,
    findItems,
    async findRecord(reference) {
      const items = await findItems(reference);
      return items && fromItems(items.application, items.personal);
    },
  };
}

/** A ProjectionExpression naming `attributes` (through placeholders: some names, like `ttl`, are reserved words). */
function projection(attributes: readonly string[]) {
  return {
    ProjectionExpression: attributes.map((_, index) => `#a${index}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((name, index) => [`#a${index}`, name])),
  };
}

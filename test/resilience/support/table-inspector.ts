/**
 * Reads a resilience stack's applications table directly (not through the product's adapter), so the suites judge
 * what is really stored. Item layouts are documented in functions/adapters/dynamodb-items.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { indexShards, outboxPartition, statusPartition } from '../../../functions/adapters/dynamodb-items.ts';
import { applicationsTableDesign } from '../../../functions/adapters/dynamodb-table-design.ts';
import { localClientConfig } from '../../../functions/local/local-environment.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';

export type Item = Record<string, unknown>;

/** Every item of the table, grouped the way the store writes them. */
export interface TableSnapshot {
  /** `kind: application` items by reference. */
  applications: Map<string, Item>;
  /** `kind: personal_data` items by reference. */
  personalData: Map<string, Item>;
  /** `kind: spam` items by reference. */
  spam: Map<string, Item>;
  /** `kind: idempotency` items by idempotency key. */
  idempotency: Map<string, Item>;
  /** Everything else (rate-limit counters, blocked phones). */
  other: Item[];
  all: Item[];
}

const byStatus = applicationsTableDesign.globalSecondaryIndexes.find((index) => index.indexName === 'byStatus')!;
const outbox = applicationsTableDesign.globalSecondaryIndexes.find((index) => index.indexName === 'outbox')!;

export class TableInspector {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(stack: Pick<LocalStack, 'dynamoDb' | 'tableName'>) {
    // Same endpoint after a restart: the stack restarts DynamoDB Local on the port it had.
    this.#documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.dynamoDb.endpoint)));
    this.#tableName = stack.tableName;
  }

  async scan(): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await this.#documents.send(new ScanCommand({ TableName: this.#tableName, ConsistentRead: true, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  async snapshot(): Promise<TableSnapshot> {
    const snapshot: TableSnapshot = {
      applications: new Map(),
      personalData: new Map(),
      spam: new Map(),
      idempotency: new Map(),
      other: [],
      all: await this.scan(),
    };
    for (const item of snapshot.all) {
      const pk = String(item.pk);
      if (item.kind === 'application') snapshot.applications.set(pk.slice('APP#'.length), item);
      else if (item.kind === 'personal_data') snapshot.personalData.set(pk.slice('APP#'.length), item);
      else if (item.kind === 'spam') snapshot.spam.set(pk.slice('APP#'.length), item);
      else if (item.kind === 'idempotency') snapshot.idempotency.set(pk.slice('IDEM#'.length), item);
      else snapshot.other.push(item);
    }
    return snapshot;
  }

  /** How many applications are in `status` (byStatus index, every shard): cheap enough to poll while waiting for the worker. */
  async countInStatus(status: string): Promise<number> {
    const counts = await Promise.all(
      indexShards.map((shard) => this.#count({ IndexName: byStatus.indexName, key: byStatus.partitionKey, value: statusPartition(status, shard) })),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** How many applications still wait for their review message to be confirmed sent (outbox index, every shard). */
  async countInOutbox(): Promise<number> {
    const counts = await Promise.all(
      indexShards.map((shard) => this.#count({ IndexName: outbox.indexName, key: outbox.partitionKey, value: outboxPartition(shard) })),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  async #count(query: { IndexName: string; key: string; value: string }): Promise<number> {
    let count = 0;
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await this.#documents.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: query.IndexName,
          Select: 'COUNT',
          KeyConditionExpression: '#key = :value',
          ExpressionAttributeNames: { '#key': query.key },
          ExpressionAttributeValues: { ':value': query.value },
          ExclusiveStartKey,
        }),
      );
      count += page.Count ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return count;
  }

  /** Fault injection: overwrite one attribute of an application item, e.g. to make its screening fail every time. */
  async corruptApplication(reference: string, attribute: string, value: unknown): Promise<void> {
    await this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: `APP#${reference}`, sk: 'APP' },
        UpdateExpression: 'SET #attribute = :value',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#attribute': attribute },
        ExpressionAttributeValues: { ':value': value },
      }),
    );
  }

  close(): void {
    this.#documents.destroy();
  }
}

/** How many times automated screening changed this application (exactly 1 once screened; more is a double screening). */
export function screeningsOf(application: Item): number {
  const history = Array.isArray(application.statusHistory) ? (application.statusHistory as Item[]) : [];
  return history.filter((entry) => entry.by === 'system:screening').length;
}

/**
 * Everything that would mean a write was torn or lost, as sentences: each application has its personal data and
 * vice versa; every idempotency record points at a stored application or spam record; every stored application or
 * spam record is reachable from exactly one idempotency record (the request that created it).
 */
export function integrityProblems(snapshot: TableSnapshot): string[] {
  const problems: string[] = [];
  for (const reference of snapshot.applications.keys()) {
    if (!snapshot.personalData.has(reference)) problems.push(`${reference}: application without its personal-data item`);
  }
  for (const reference of snapshot.personalData.keys()) {
    if (!snapshot.applications.has(reference)) problems.push(`${reference}: personal-data item without its application`);
  }
  const createdBy = new Map<string, string[]>();
  for (const [key, record] of snapshot.idempotency) {
    const reference = String(record.reference);
    if (!snapshot.applications.has(reference) && !snapshot.spam.has(reference)) {
      problems.push(`idempotency key ${key}: points at ${reference}, which is not stored (an orphan that would block a retry)`);
    }
    createdBy.set(reference, [...(createdBy.get(reference) ?? []), key]);
  }
  for (const reference of [...snapshot.applications.keys(), ...snapshot.spam.keys()]) {
    const keys = createdBy.get(reference) ?? [];
    if (keys.length !== 1) problems.push(`${reference}: created by ${keys.length} idempotency records (${keys.join(', ')}), expected exactly 1`);
  }
  return problems;
}

/**
 * The applications table: one DynamoDB table for everything intake, review and ops store (physical shape in
 * dynamodb-table-design.ts). This is the only module that knows item layouts.
 *
 * Items (pk / sk, then the index keys they carry):
 *
 * | Item                | pk                          | sk     | Index attributes                                                          | TTL (`expiresAt`)          |
 * |---------------------|-----------------------------|--------|---------------------------------------------------------------------------|----------------------------|
 * | application         | `APP#<reference>`           | `APP`  | byPhone `gsi1pk=PHONE#<phoneHash>`, `gsi1sk=<createdAt>#<ref>`            | set when it closes (worker)|
 * |                     |                             |        | byStatus `gsi2pk=STATUS#<status>`, `gsi2sk=<createdAt>#<ref>`             |                            |
 * |                     |                             |        | outbox (sparse) `gsi3pk=OUTBOX`, `gsi3sk=<createdAt>#<ref>` until enqueued|                            |
 * | spam submission     | `APP#<reference>`           | `APP`  | byStatus `gsi2pk=STATUS#spam` (ops statistics); no name, phone or note    | arrival + RETENTION_DAYS   |
 * | idempotency record  | `IDEM#<key>`                | `IDEM` | —                                                                         | 24 hours                   |
 * | rate-limit counter  | `RATE#<limit>#<subject>#<window start>` | `RATE` | —                                                             | window end + 1 hour        |
 *
 * Access patterns:
 * - Application by reference (status lookup, worker, ops `show`): GetItem `APP#<ref>` / `APP`, strongly consistent.
 * - Applications by phone, newest first (duplicate screening, erasure by phone): Query byPhone on `PHONE#<hash>`.
 * - Applications by status and date (ops queue, listings, spam statistics): Query byStatus on `STATUS#<status>`,
 *   sort key range for dates. Status changes rewrite `gsi2pk` and append to `statusHistory`.
 * - Idempotency: GetItem `IDEM#<key>`; created in the same transaction as the application (condition: not exists).
 * - Rate limits: `ADD count 1` with condition `count < limit`, in the intake transaction or on its own.
 * - Outbox: Query outbox on `OUTBOX` with `gsi3sk < <cut-off>`; the marker is removed after SendMessage succeeds.
 *
 * Every item has a `kind` attribute: `application`, `spam`, `idempotency` or `rate_counter`.
 * Subjects of rate limits that are personal data (viewer IP, phone) appear only as HMAC pseudonyms.
 * Every SDK failure other than a condition/transaction outcome becomes DependencyUnavailableError (→ 503).
 */
import { DynamoDBClient, TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  DependencyUnavailableError,
  type ApplicationRecord,
  type ApplicationStore,
  type IdempotencyRecord,
  type IntakeRecord,
  type IntakeWrite,
  type IntakeWriteOutcome,
  type RateLimiter,
  type SpamRecord,
} from '../domain/ports.ts';
import type { RateLimit } from '../domain/rate-limits.ts';
import { applicationsTableDesign as design } from './dynamodb-table-design.ts';

/**
 * One client per container. Endpoint and region come from the SDK's standard variables (`AWS_ENDPOINT_URL_DYNAMODB`
 * locally). Short timeouts and few retries: a caller gets a fast 503 and retries, instead of hanging until API
 * Gateway's 30 s limit.
 */
const documentClient = DynamoDBDocumentClient.from(
  new DynamoDBClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 } }),
  { marshallOptions: { removeUndefinedValues: true } },
);

const [byPhone, byStatus, outbox] = design.globalSecondaryIndexes;
const TTL = design.timeToLiveAttribute;
const OUTBOX_PARTITION = 'OUTBOX';
/** How long a rate counter outlives its window (clock skew between containers). */
const COUNTER_GRACE_SECONDS = 3_600;

const applicationKey = (reference: string) => ({ [design.partitionKey]: `APP#${reference}`, [design.sortKey]: 'APP' });
const idempotencyKey = (key: string) => ({ [design.partitionKey]: `IDEM#${key}`, [design.sortKey]: 'IDEM' });
const counterKey = (limit: RateLimit) => ({ [design.partitionKey]: `RATE#${limit.counterKey}`, [design.sortKey]: 'RATE' });
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export type DynamoDbApplicationStore = ApplicationStore & RateLimiter;

export function createDynamoDbApplicationStore(options: { tableName: string }): DynamoDbApplicationStore {
  const TableName = options.tableName;

  async function send<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw error instanceof DependencyUnavailableError ? error : new DependencyUnavailableError('store', { cause: error });
    }
  }

  const counterUpdate = (limit: RateLimit, enforce: boolean) => ({
    TableName,
    Key: counterKey(limit),
    UpdateExpression: 'SET #kind = :kind, #ttl = if_not_exists(#ttl, :ttl) ADD #count :one',
    ...(enforce && { ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit' }),
    ExpressionAttributeNames: { '#kind': 'kind', '#ttl': TTL, '#count': 'count' },
    ExpressionAttributeValues: {
      ':kind': 'rate_counter',
      ':ttl': epochSeconds(limit.resetsAt) + COUNTER_GRACE_SECONDS,
      ':one': 1,
      ...(enforce && { ':limit': limit.limit }),
    },
  });

  const counterCheck = (limit: RateLimit) => ({
    TableName,
    Key: counterKey(limit),
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':limit': limit.limit },
  });

  return {
    async findIdempotencyRecord(key) {
      const { Item } = await send(() => documentClient.send(new GetCommand({ TableName, Key: idempotencyKey(key), ConsistentRead: true })));
      return Item ? { key, requestHash: String(Item.requestHash), reference: String(Item.reference) } : undefined;
    },

    async writeIntake(write: IntakeWrite): Promise<IntakeWriteOutcome> {
      const { idempotency, record } = write;
      const transaction: TransactWriteCommandInput = {
        TransactItems: [
          {
            Put: {
              TableName,
              Item: {
                ...idempotencyKey(idempotency.key),
                kind: 'idempotency',
                requestHash: idempotency.requestHash,
                reference: idempotency.reference,
                [TTL]: epochSeconds(idempotency.expiresAt),
              },
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': design.partitionKey },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Put: {
              TableName,
              Item: toItem(record, write.enqueueForReview),
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': design.partitionKey },
            },
          },
          ...write.rateLimits.map((limit) => ({ Update: counterUpdate(limit, true) })),
        ],
      };
      try {
        await documentClient.send(new TransactWriteCommand(transaction));
        return { kind: 'written' };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw new DependencyUnavailableError('store', { cause: error });
        const reasons = error.CancellationReasons ?? [];
        const [idempotencyReason, applicationReason, ...counterReasons] = reasons;
        if (idempotencyReason?.Code === 'ConditionalCheckFailed') {
          return { kind: 'idempotency_key_used', existing: idempotencyRecordFrom(idempotency.key, idempotencyReason) };
        }
        if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return { kind: 'conflict' };
        if (applicationReason?.Code === 'ConditionalCheckFailed') return { kind: 'reference_taken' };
        const reachedIndex = counterReasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (reachedIndex >= 0) return { kind: 'rate_limited', limit: write.rateLimits[reachedIndex]! };
        throw new DependencyUnavailableError('store', { cause: error });
      }
    },

    async findByReference(reference) {
      const { Item } = await send(() =>
        documentClient.send(new GetCommand({ TableName, Key: applicationKey(reference), ConsistentRead: true })),
      );
      return Item ? fromItem(Item) : undefined;
    },

    async markEnqueued(reference) {
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName,
            Key: applicationKey(reference),
            UpdateExpression: 'REMOVE #outboxPk, #outboxSk',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#outboxPk': outbox.partitionKey, '#outboxSk': outbox.sortKey, '#pk': design.partitionKey },
          }),
        );
      } catch (error) {
        // Erased in the meantime: nothing left to mark.
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
        throw new DependencyUnavailableError('store', { cause: error });
      }
    },

    async listOutbox(writtenBefore, limit) {
      const { Items = [] } = await send(() =>
        documentClient.send(
          new QueryCommand({
            TableName,
            IndexName: outbox.indexName,
            KeyConditionExpression: '#outboxPk = :outbox AND #outboxSk < :before',
            ExpressionAttributeNames: { '#outboxPk': outbox.partitionKey, '#outboxSk': outbox.sortKey },
            ExpressionAttributeValues: { ':outbox': OUTBOX_PARTITION, ':before': writtenBefore.toISOString() },
            Limit: limit,
          }),
        ),
      );
      // The table's partition key is projected into every index, whatever else the index projects.
      return Items.map((item) => String(item[design.partitionKey]).slice('APP#'.length));
    },

    async take({ charge, check = [] }) {
      if (charge.length === 0 && check.length === 0) return undefined;
      const limits = [...charge, ...check];
      for (let attempt = 1; ; attempt++) {
        try {
          await documentClient.send(
            new TransactWriteCommand({
              TransactItems: [
                ...charge.map((limit) => ({ Update: counterUpdate(limit, true) })),
                ...check.map((limit) => ({ ConditionCheck: counterCheck(limit) })),
              ],
            }),
          );
          return undefined;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw new DependencyUnavailableError('store', { cause: error });
          const reasons = error.CancellationReasons ?? [];
          const reachedIndex = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
          if (reachedIndex >= 0) return limits[reachedIndex];
          const conflicted = reasons.some((reason) => reason.Code === 'TransactionConflict');
          if (!conflicted || attempt >= 5) throw new DependencyUnavailableError('store', { cause: error });
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
        }
      }
    },

    async count(counters) {
      await send(() => Promise.all(counters.map((limit) => documentClient.send(new UpdateCommand(counterUpdate(limit, false))))));
    },
  };
}

function idempotencyRecordFrom(key: string, reason: CancellationReason): IdempotencyRecord | undefined {
  const requestHash = reason.Item?.requestHash?.S;
  const reference = reason.Item?.reference?.S;
  return requestHash && reference ? { key, requestHash, reference } : undefined;
}

function toItem(record: IntakeRecord, enqueueForReview: boolean): Record<string, unknown> {
  const sortable = `${record.createdAt}#${record.reference}`;
  const common = {
    ...applicationKey(record.reference),
    [byStatus.partitionKey]: `STATUS#${record.status}`,
    [byStatus.sortKey]: sortable,
    ...(enqueueForReview && { [outbox.partitionKey]: OUTBOX_PARTITION, [outbox.sortKey]: sortable }),
  };
  if (record.kind === 'spam') {
    const { expiresAt, ...rest } = record;
    return { ...rest, ...common, [TTL]: epochSeconds(new Date(expiresAt)) };
  }
  return { ...record, ...common, [byPhone.partitionKey]: `PHONE#${record.phoneHash}`, [byPhone.sortKey]: sortable };
}

const STORAGE_ATTRIBUTES: ReadonlySet<string> = new Set([
  design.partitionKey,
  design.sortKey,
  ...design.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
]);

function fromItem(item: Record<string, unknown>): IntakeRecord {
  const fields = Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name)));
  if (fields.kind === 'spam') {
    const { [TTL]: ttl, ...rest } = fields;
    return { ...rest, expiresAt: new Date(Number(ttl) * 1000).toISOString() } as unknown as SpamRecord;
  }
  return fields as unknown as ApplicationRecord;
}

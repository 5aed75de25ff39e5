/**
 * IntakeStore on the applications table: what intake and the outbox sweeper need. Item layouts in
 * dynamodb-items.ts.
 */
import { QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { IntakeStore, IntakeWrite, IntakeWriteOutcome } from '#domain/ports.ts';
import type { IdempotencyRecord } from '#domain/records.ts';
import { conditionalWrite, conditionFailed, conflicted, storeCall, storeUnavailable, transaction, type CancellationReason } from './dynamodb-errors.ts';
import {
  applicationKey,
  counterUpdate,
  epochSeconds,
  formTokenUseKey,
  idempotencyKey,
  liveItem,
  indexShards,
  outbox,
  outboxPartition,
  PK,
  referenceOf,
  statsUpdate,
  toItems,
  TTL,
} from './dynamodb-items.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

export function createDynamoDbIntakeStore(options: DynamoDbTableOptions): IntakeStore {
  const table = applicationsTable(options);
  const { TableName, client, clock } = table;

  return {
    async findIdempotencyRecord(key) {
      // TTL deletes lazily (within days): a record past its expiry answers nothing.
      const Item = liveItem(await table.getItem(idempotencyKey(key)), clock.now());
      return Item ? { key, requestHash: String(Item.requestHash), reference: String(Item.reference) } : undefined;
    },

    async writeIntake(write: IntakeWrite): Promise<IntakeWriteOutcome> {
      const { idempotency, record } = write;
      const items = toItems(record, write.enqueueForReview, idempotency.key);
      const notThere = { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } };
      const input: TransactWriteCommandInput = {
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
              ...notThere,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Put: {
              TableName,
              Item: { ...formTokenUseKey(write.formToken.nonce), kind: 'form_token_use', [TTL]: epochSeconds(write.formToken.expiresAt) },
              ...notThere,
            },
          },
          { Put: { TableName, Item: items.application, ...notThere } },
          ...(items.personal ? [{ Put: { TableName, Item: items.personal, ...notThere } }] : []),
          ...write.rateLimits.map((limit) => ({ Update: counterUpdate(TableName, limit) })),
          // Last, so the reasons above keep their positions; it has no condition.
          ...(write.statsDelta ? [{ Update: statsUpdate(TableName, write.statsDelta) }] : []),
        ],
      };
      const cancelled = await transaction(() => client.send(new TransactWriteCommand(input)));
      if (!cancelled) return { kind: 'written' };
      const { reasons } = cancelled;
      const [idempotencyReason, formTokenReason, applicationReason] = reasons;
      const counterReasons = reasons.slice(items.personal ? 4 : 3);
      if (conditionFailed(idempotencyReason)) {
        const existing = idempotencyRecordFrom(idempotency.key, idempotencyReason!);
        return { kind: 'idempotency_key_used', ...(existing && { existing }) };
      }
      if (reasons.some(conflicted)) return { kind: 'conflict' };
      if (conditionFailed(formTokenReason)) return { kind: 'form_token_used' };
      if (conditionFailed(applicationReason)) return { kind: 'reference_taken' };
      const reachedIndex = counterReasons.findIndex(conditionFailed);
      if (reachedIndex >= 0) return { kind: 'rate_limited', limit: write.rateLimits[reachedIndex]! };
      throw storeUnavailable(cancelled.error);
    },

    findByReference: (reference) => table.findRecord(reference),

    async markEnqueued(reference) {
      // Condition failed: erased in the meantime, nothing left to mark.
      await conditionalWrite(() =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: applicationKey(reference),
            UpdateExpression: 'REMOVE #outboxPk, #outboxSk',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#outboxPk': outbox.partitionKey, '#outboxSk': outbox.sortKey, '#pk': PK },
          }),
        ),
      );
    },

    async listOutbox(writtenBefore, limit) {
      // Every shard in parallel, each oldest first; merged, the oldest `limit` overall.
      const perShard = await Promise.all(
        indexShards.map((shard) =>
          storeCall(() =>
            client.send(
              new QueryCommand({
                TableName,
                IndexName: outbox.indexName,
                KeyConditionExpression: '#outboxPk = :outbox AND #outboxSk < :before',
                ExpressionAttributeNames: { '#outboxPk': outbox.partitionKey, '#outboxSk': outbox.sortKey },
                ExpressionAttributeValues: { ':outbox': outboxPartition(shard), ':before': writtenBefore.toISOString() },
                Limit: limit,
              }),
            ),
          ).then(({ Items = [] }) => Items),
        ),
      );
      const oldestFirst = perShard.flat().sort((a, b) => String(a[outbox.sortKey]).localeCompare(String(b[outbox.sortKey])));
      // The table's partition key is projected into every index (the outbox projects keys only).
      return oldestFirst.slice(0, limit).map(referenceOf);
    },
  };
}

function idempotencyRecordFrom(key: string, reason: CancellationReason): IdempotencyRecord | undefined {
  const requestHash = reason.Item?.requestHash?.S;
  const reference = reason.Item?.reference?.S;
  return requestHash && reference ? { key, requestHash, reference } : undefined;
}

/**
 * ReviewStore on the applications table: what the review worker and ops need to move applications along (find,
 * same-phone lookups, conditional status changes, notices, same-phone links). Item layouts in dynamodb-items.ts.
 */
import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReviewStore } from '#domain/ports.ts';
import type { StoredApplication } from '#domain/records.ts';
import { conditionalWrite, conditionFailed, conflicted, storeCall, storeUnavailable, transaction } from './dynamodb-errors.ts';
import {
  applicationKey,
  byPhone,
  epochSeconds,
  fromItems,
  personalDataKey,
  phonePartition,
  PK,
  referenceOf,
  statsUpdate,
  statusChangeOnApplication,
  toCall,
  toCallSortKey,
  TTL,
  type Item,
  type UpdateClauses,
} from './dynamodb-items.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

export function createDynamoDbReviewStore(options: DynamoDbTableOptions): ReviewStore {
  const table = applicationsTable(options);
  const { TableName, client, clock } = table;

  return {
    findByReference: (reference) => table.findRecord(reference),

    async findByPhoneHash(phoneHash, createdSince) {
      const references: string[] = [];
      let ExclusiveStartKey: Item | undefined;
      do {
        const page = await storeCall(() =>
          client.send(
            new QueryCommand({
              TableName,
              IndexName: byPhone.indexName,
              KeyConditionExpression: createdSince === undefined ? '#phoneKey = :phoneKey' : '#phoneKey = :phoneKey AND #sortKey >= :since',
              ExpressionAttributeNames: { '#phoneKey': byPhone.partitionKey, ...(createdSince !== undefined && { '#sortKey': byPhone.sortKey }) },
              ExpressionAttributeValues: { ':phoneKey': phonePartition(phoneHash), ...(createdSince !== undefined && { ':since': createdSince }) },
              ScanIndexForward: false,
              ExclusiveStartKey,
            }),
          ),
        );
        // The index projects keys only: the reference is in the table's partition key.
        references.push(...(page.Items ?? []).map(referenceOf));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      const found = await Promise.all(
        references.map(async (reference) => {
          const [application, personal] = await Promise.all([table.getItem(applicationKey(reference)), table.getItem(personalDataKey(reference))]);
          return application ? fromItems(application, personal) : undefined;
        }),
      );
      return found.filter((record): record is StoredApplication => record?.kind === 'application');
    },

    async updateStatus(update) {
      const { reference, expected, change } = update;
      const extra: UpdateClauses = { set: [], names: {}, values: {} };
      if (update.screening) {
        extra.set.push('#screening = :screening');
        extra.names['#screening'] = 'screening';
        extra.values[':screening'] = update.screening;
      }
      if (update.personalDataExpiresAt) {
        extra.set.push('#closedAt = :at', '#personalDataExpiresAt = :personalDataExpiresAt');
        extra.names['#closedAt'] = 'closedAt';
        extra.names['#personalDataExpiresAt'] = 'personalDataExpiresAt';
        extra.values[':personalDataExpiresAt'] = update.personalDataExpiresAt;
      }
      if (update.toCallOrder) {
        extra.set.push('#toCallOrder = if_not_exists(#toCallOrder, :toCallOrder)');
        extra.names['#toCallOrder'] = toCall.sortKey;
        extra.values[':toCallOrder'] = toCallSortKey(reference, update.toCallOrder);
      }
      const onApplication = statusChangeOnApplication(TableName, reference, expected, change, extra);

      // The note and the expiry belong to the personal data, if there still is any.
      const personalSet: string[] = [];
      const personalNames: Record<string, string> = {};
      const personalValues: Record<string, unknown> = {};
      if (change.reason !== undefined) {
        personalSet.push('#notes.#entry = :reason');
        Object.assign(personalNames, { '#notes': 'historyNotes', '#entry': String(expected.historyLength) });
        personalValues[':reason'] = change.reason;
      }
      if (update.personalDataExpiresAt) {
        personalSet.push('#ttl = :expiresAt');
        personalNames['#ttl'] = TTL;
        personalValues[':expiresAt'] = epochSeconds(new Date(update.personalDataExpiresAt));
      }
      // Only while the personal data is there and unexpired (TTL deletes lazily): a note written to an expired item
      // would never be read.
      const onPersonalData =
        personalSet.length > 0
          ? {
              TableName,
              Key: personalDataKey(reference),
              UpdateExpression: `SET ${personalSet.join(', ')}`,
              ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(#liveUntil) OR #liveUntil > :now)',
              ExpressionAttributeNames: { '#pk': PK, '#liveUntil': TTL, ...personalNames },
              ExpressionAttributeValues: { ':now': epochSeconds(clock.now()), ...personalValues },
            }
          : undefined;

      const write = async (withPersonalData: boolean): Promise<'updated' | 'conflict' | 'no_personal_data'> => {
        const cancelled = await transaction(() =>
          client.send(
            new TransactWriteCommand({
              TransactItems: [
                { Update: onApplication },
                ...(withPersonalData && onPersonalData ? [{ Update: onPersonalData }] : []),
                { Update: statsUpdate(TableName, update.statsDelta) },
              ],
            }),
          ),
        );
        if (!cancelled) return 'updated';
        const { reasons } = cancelled;
        if (conditionFailed(reasons[0])) return 'conflict';
        if (conditionFailed(reasons[1])) return 'no_personal_data';
        if (reasons.some(conflicted)) return 'conflict';
        throw storeUnavailable(cancelled.error);
      };
      const outcome = await write(true);
      if (outcome !== 'no_personal_data') return outcome;
      // No personal data left (erased, or expired): the change itself still happens, without the reason; say so.
      const withoutPersonalData = (await write(false)) as 'updated' | 'conflict';
      return withoutPersonalData === 'updated' && change.reason !== undefined ? 'updated_without_reason' : withoutPersonalData;
    },

    async markNotified(reference, at) {
      await storeCall(() =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: applicationKey(reference),
            UpdateExpression: 'SET #screening.#notifiedAt = :at',
            ConditionExpression: 'attribute_exists(#screening)',
            ExpressionAttributeNames: { '#screening': 'screening', '#notifiedAt': 'notifiedAt' },
            ExpressionAttributeValues: { ':at': at },
          }),
        ),
      );
    },

    async unlinkSamePhone(reference) {
      const application = await table.getItem(applicationKey(reference));
      const others = application?.samePhoneAs instanceof Set ? [...(application.samePhoneAs as Set<string>)] : [];
      const unlink = (on: string, update: { expression: string; values?: Record<string, unknown> }) =>
        conditionalWrite(() =>
          client.send(
            new UpdateCommand({
              TableName,
              Key: applicationKey(on),
              UpdateExpression: update.expression,
              ConditionExpression: 'attribute_exists(#pk)',
              ExpressionAttributeNames: { '#samePhoneAs': 'samePhoneAs', '#pk': PK },
              ...(update.values && { ExpressionAttributeValues: update.values }),
            }),
          ),
        );
      // The others' links first: should this stop half-way, this application still lists them for the next attempt.
      await Promise.all(others.map((other) => unlink(other, { expression: 'DELETE #samePhoneAs :gone', values: { ':gone': new Set([reference]) } })));
      if (others.length > 0) await unlink(reference, { expression: 'REMOVE #samePhoneAs' });
    },

    async linkSamePhone(reference, others) {
      // A string set on each application: ADD is idempotent, so a redelivered screening links nothing twice. A failed
      // condition means it is gone since it was read (erased and expired): nothing to link.
      const link = (on: string, to: readonly string[]) =>
        conditionalWrite(() =>
          client.send(
            new UpdateCommand({
              TableName,
              Key: applicationKey(on),
              UpdateExpression: 'ADD #samePhoneAs :references',
              ConditionExpression: 'attribute_exists(#pk)',
              ExpressionAttributeNames: { '#samePhoneAs': 'samePhoneAs', '#pk': PK },
              ExpressionAttributeValues: { ':references': new Set(to) },
            }),
          ),
        );
      await Promise.all([link(reference, others), ...others.map((other) => link(other, [reference]))]);
    },
  };
}

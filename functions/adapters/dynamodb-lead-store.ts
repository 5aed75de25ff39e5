/**
 * LeadStore on the applications table (domain/leads.ts): the owner and the call summary are attributes of the
 * application item (`owner`, `calls`: who follows it up and what the calls came to, nothing about the merchant), and
 * each call attempt is an item of its own beside it:
 *
 * | Item         | pk                | sk                             | Holds                                   | TTL   |
 * |--------------|-------------------|--------------------------------|-----------------------------------------|-------|
 * | call attempt | `APP#<reference>` | `CALL#<at>#<attempt number>`   | outcome, who, when, next-call time      | never (anonymous, like the application) |
 *
 * A claim or transfer is a transaction: the conditional update of `owner` (absent, or held by the expected user) and
 * its history entry (an activity item, dynamodb-console-activity.ts), so an owner never changes unrecorded and of two
 * reviewers claiming at the same moment exactly one wins (and one entry is written); the loser reads who did. An attempt is a transaction: put the attempt (condition:
 * new) and set the summary on the application (condition: still the number of attempts the writer read), with its
 * new place in the toCall index (dynamodb-items.ts).
 */
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CallAttempt, LeadOwner } from '#domain/leads.ts';
import type { LeadStore } from '#domain/ports.ts';
import { jitteredBackoffMs } from '#domain/time.ts';
import { activityItemPut } from './dynamodb-console-activity.ts';
import { conditionFailed, conflicted, storeCall, storeUnavailable, transaction } from './dynamodb-errors.ts';
import { applicationKey, PK, SK, statsUpdate, toCall, toCallSortKey } from './dynamodb-items.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

const CALL_PREFIX = 'CALL#';
export const callAttemptKey = (reference: string, at: string, attemptNumber: number) => ({
  [PK]: applicationKey(reference)[PK],
  [SK]: `${CALL_PREFIX}${at}#${String(attemptNumber).padStart(4, '0')}`,
});

/** A claim that meets another claim's transaction in flight tries again this many times. */
const MAX_CONFLICT_RETRIES = 3;

export function createDynamoDbLeadStore(options: DynamoDbTableOptions): LeadStore {
  const table = applicationsTable(options);
  const { TableName, client } = table;

  return {
    async changeOwner({ reference, to, expectedOwner, entry }) {
      const onApplication = {
        TableName,
        Key: applicationKey(reference),
        UpdateExpression: 'SET #owner = :owner',
        ConditionExpression: `attribute_exists(#pk) AND #kind = :application AND ${
          expectedOwner === null ? '(attribute_not_exists(#owner) OR #owner.#id = :to)' : '#owner.#id = :expected'
        }`,
        ExpressionAttributeNames: { '#pk': PK, '#kind': 'kind', '#owner': 'owner', '#id': 'id' },
        ExpressionAttributeValues: {
          ':owner': to satisfies LeadOwner,
          ':application': 'application',
          ...(expectedOwner === null ? { ':to': to.id } : { ':expected': expectedOwner }),
        },
      };
      for (let attempt = 1; attempt <= MAX_CONFLICT_RETRIES + 1; attempt++) {
        const cancelled = await transaction(() =>
          client.send(new TransactWriteCommand({ TransactItems: [{ Update: onApplication }, { Put: activityItemPut(TableName, reference, entry) }] })),
        );
        if (!cancelled) return { kind: 'changed' };
        const [onOwner, onEntry] = cancelled.reasons;
        if (conditionFailed(onOwner)) {
          const current = await table.getItem(applicationKey(reference));
          if (current?.kind !== 'application') return { kind: 'not_found' };
          // Nobody owns it any more (the expected owner was replaced and released): taken by nobody in particular.
          return { kind: 'taken', owner: (current.owner as LeadOwner | undefined)?.id ?? '' };
        }
        // Another claim's transaction on the same item was in flight (or the entry's random key collided): once it
        // has committed, the owner condition decides.
        if (!(cancelled.reasons.some(conflicted) || conditionFailed(onEntry))) throw storeUnavailable(cancelled.error);
        if (attempt <= MAX_CONFLICT_RETRIES) await new Promise((resolve) => setTimeout(resolve, jitteredBackoffMs(attempt, 10)));
      }
      throw storeUnavailable(new Error(`changing the owner of ${reference}: still contended after ${MAX_CONFLICT_RETRIES} retries`));
    },

    async recordCall(attempt, summary, expectedAttempts, statsDelta, toCallOrder) {
      const cancelled = await transaction(() =>
        client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName,
                  Key: applicationKey(attempt.reference),
                  // The next call's due time moves the application in the toCall index (while it is in 审核中).
                  UpdateExpression: 'SET #calls = :summary, #toCallOrder = :toCallOrder',
                  ConditionExpression:
                    expectedAttempts === 0
                      ? 'attribute_exists(#pk) AND #kind = :application AND attribute_not_exists(#calls)'
                      : 'attribute_exists(#pk) AND #kind = :application AND #calls.#attempts = :expected',
                  ExpressionAttributeNames: {
                    '#pk': PK,
                    '#kind': 'kind',
                    '#calls': 'calls',
                    '#toCallOrder': toCall.sortKey,
                    ...(expectedAttempts > 0 && { '#attempts': 'attempts' }),
                  },
                  ExpressionAttributeValues: {
                    ':summary': summary,
                    ':toCallOrder': toCallSortKey(attempt.reference, toCallOrder),
                    ':application': 'application',
                    ...(expectedAttempts > 0 && { ':expected': expectedAttempts }),
                  },
                },
              },
              {
                Put: {
                  TableName,
                  Item: { ...callAttemptKey(attempt.reference, attempt.at, summary.attempts), kind: 'call_attempt', ...attempt } satisfies Record<
                    string,
                    unknown
                  >,
                  ConditionExpression: 'attribute_not_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': PK },
                },
              },
              { Update: statsUpdate(TableName, statsDelta) },
            ],
          }),
        ),
      );
      if (!cancelled) return 'recorded';
      const [onApplication, onAttempt] = cancelled.reasons;
      if (conditionFailed(onApplication)) {
        const current = await table.getItem(applicationKey(attempt.reference));
        return current?.kind === 'application' ? 'conflict' : 'not_found';
      }
      if (conditionFailed(onAttempt) || cancelled.reasons.some(conflicted)) return 'conflict';
      throw storeUnavailable(cancelled.error);
    },

    async callsOf(reference) {
      const attempts: CallAttempt[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await storeCall(() =>
          client.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
              ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
              ExpressionAttributeValues: { ':pk': applicationKey(reference)[PK], ':prefix': CALL_PREFIX },
              ConsistentRead: true,
              ExclusiveStartKey,
            }),
          ),
        );
        for (const item of page.Items ?? []) {
          attempts.push({
            reference,
            at: String(item.at),
            by: String(item.by),
            outcome: item.outcome as CallAttempt['outcome'],
            ...(typeof item.nextCallAt === 'string' && { nextCallAt: item.nextCallAt }),
          });
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return attempts;
    },
  };
}

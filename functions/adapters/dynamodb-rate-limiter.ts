/**
 * RateLimiter on the applications table: counters (`RATE#…` items, layout in dynamodb-items.ts) charged in a
 * transaction of their own. Intake charges the same counters inside its write (dynamodb-intake-store.ts).
 */
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '#domain/ports.ts';
import { jitteredBackoffMs } from '#domain/time.ts';
import { conditionalWrite, conditionFailed, conflicted, storeCall, storeUnavailable, transaction } from './dynamodb-errors.ts';
import { counterKey, counterUpdate } from './dynamodb-items.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

/** Attempts at a counter transaction that collides with concurrent requests on the same counters. */
const MAX_COUNTER_ATTEMPTS = 8;

export function createDynamoDbRateLimiter(options: DynamoDbTableOptions): RateLimiter {
  const { TableName, client } = applicationsTable(options);
  return {
    async take(counters) {
      if (counters.length === 0) return undefined;
      for (let attempt = 1; ; attempt++) {
        const cancelled = await transaction(() =>
          client.send(new TransactWriteCommand({ TransactItems: counters.map((limit) => ({ Update: counterUpdate(TableName, limit) })) })),
        );
        if (!cancelled) return undefined;
        const reachedIndex = cancelled.reasons.findIndex(conditionFailed);
        if (reachedIndex >= 0) return counters[reachedIndex];
        // Concurrent requests on the same counters (a burst of lookups for one reference): wait a little and retry.
        if (!cancelled.reasons.some(conflicted) || attempt >= MAX_COUNTER_ATTEMPTS) throw storeUnavailable(cancelled.error);
        await new Promise((resolve) => setTimeout(resolve, jitteredBackoffMs(attempt, 10)));
      }
    },

    async refund(counters) {
      await storeCall(() =>
        Promise.all(
          counters.map((limit) =>
            // Condition failed: gone (expired with its window) or already at zero, nothing to give back.
            conditionalWrite(() =>
              client.send(
                new UpdateCommand({
                  TableName,
                  Key: counterKey(limit.counterKey),
                  UpdateExpression: 'ADD #count :minusOne',
                  ConditionExpression: '#count > :zero',
                  ExpressionAttributeNames: { '#count': 'count' },
                  ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
                }),
              ),
            ),
          ),
        ),
      );
    },
  };
}

/**
 * Every port the applications table implements, composed for the callers that want them all (each Lambda entry, the
 * ops CLI): intake (dynamodb-intake-store.ts), rate limits (dynamodb-rate-limiter.ts), review
 * (dynamodb-review-store.ts), the blocked list (dynamodb-blocked-phones.ts) and ops (dynamodb-ops-store.ts), all on
 * one injected document client. Item layouts and access patterns: dynamodb-items.ts.
 */
import type { ApplicationStore, OpsStore, RateLimiter } from '#domain/ports.ts';
import { createDynamoDbIntakeStore } from './dynamodb-intake-store.ts';
import { createDynamoDbOpsStore } from './dynamodb-ops-store.ts';
import { createDynamoDbRateLimiter } from './dynamodb-rate-limiter.ts';
import type { DynamoDbTableOptions } from './dynamodb-table.ts';

export type { DynamoDbTableOptions } from './dynamodb-table.ts';

export type DynamoDbApplicationStore = ApplicationStore & RateLimiter & OpsStore;

export function createDynamoDbApplicationStore(options: DynamoDbTableOptions): DynamoDbApplicationStore {
  return { ...createDynamoDbOpsStore(options), ...createDynamoDbRateLimiter(options), ...createDynamoDbIntakeStore(options) };
}

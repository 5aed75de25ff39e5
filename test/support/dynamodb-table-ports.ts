/**
 * Every port the applications table implements, on one object: for tests that write through one port and check
 * through another. Production code never composes them; each handler receives only the ports it uses.
 */
import type { BackOfficeStore, IntakeStore, RateLimiter } from '../../functions/domain/ports.ts';
import { createDynamoDbBackOfficeStore } from '../../functions/adapters/dynamodb-back-office-store.ts';
import { createDynamoDbIntakeStore } from '../../functions/adapters/dynamodb-intake-store.ts';
import { createDynamoDbRateLimiter } from '../../functions/adapters/dynamodb-rate-limiter.ts';
import type { DynamoDbTableOptions } from '../../functions/adapters/dynamodb-table.ts';

export type DynamoDbTablePorts = IntakeStore & RateLimiter & BackOfficeStore;

export function createDynamoDbTablePorts(options: DynamoDbTableOptions): DynamoDbTablePorts {
  return { ...createDynamoDbBackOfficeStore(options), ...createDynamoDbRateLimiter(options), ...createDynamoDbIntakeStore(options) };
}

/** ApplicationReader on the applications table: one strongly consistent read by reference (dynamodb-table.ts). */
import type { ApplicationReader } from '#domain/ports.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

export function createDynamoDbApplicationReader(options: DynamoDbTableOptions): ApplicationReader {
  const table = applicationsTable(options);
  return { findByReference: (reference) => table.findRecord(reference) };
}

/**
 * Physical shape of the single applications table, shared by the CDK stateful stack and the local provisioner
 * (functions/local/) so both create the same table. The access patterns and item layouts are documented in
 * dynamodb-application-store.ts, the only code that reads and writes these attributes.
 */
export const applicationsTableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB TTL deletes the item (personal data, idempotency records, rate-limit counters). */
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    /** Applications by phone hash, newest first: duplicate detection and erasure by phone. */
    { indexName: 'byPhone', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Applications by status, by date: the ops queue and listings. */
    { indexName: 'byStatus', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Sparse: only applications whose review message is not yet confirmed sent (the outbox the sweeper drains). */
    { indexName: 'outbox', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

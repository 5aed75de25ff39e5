/**
 * Physical shape of the single applications table, shared by the CDK stateful stack and the local provisioner
 * (functions/local/) so both create the same table, with the same index keys and projections. The access patterns
 * and item layouts are documented in dynamodb-items.ts, the only code that builds these attributes.
 */
export const applicationsTableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB TTL deletes the item (personal data, idempotency records, rate-limit counters). */
  timeToLiveAttribute: 'expiresAt',
  /**
   * How many partitions the byStatus, outbox and toCall index keys are spread over (`STATUS#<status>#<n>`, `OUTBOX#<n>`, `TOCALL#<n>`, with
   * n a stable hash of the reference). One index partition takes about 1,000 writes per second; unsharded, every
   * intake write lands in `STATUS#submitted` and `OUTBOX`, so a burst of applications (or a backlog the worker works
   * off in one status) would throttle the index — and a throttled GSI throttles writes to the table itself. Four
   * shards give four times that headroom while a listing costs only four small parallel queries per status. Changing
   * it re-keys nothing already written: only change it with a migration.
   */
  indexShardCount: 4,
  globalSecondaryIndexes: [
    /**
     * Applications by phone hash, newest first: duplicate detection and erasure by phone. Reads only references
     * (the table key), then the items themselves.
     */
    { indexName: 'byPhone', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: { type: 'KEYS_ONLY' } },
    /**
     * Applications by status, by date: the ops queue, listings, exports, statistics and counts. Projects only what
     * the query filters on (`brand`); the page shown is read from the table (BatchGetItem), fresh and whole.
     */
    { indexName: 'byStatus', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: { type: 'INCLUDE', nonKeyAttributes: ['brand'] } },
    /** Sparse: only applications whose review message is not yet confirmed sent (the outbox the sweeper drains). Reads references only. */
    { indexName: 'outbox', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: { type: 'KEYS_ONLY' } },
    /**
     * Sparse: only applications in 审核中, by when they should be called next (`<dueAt>#<createdAt>#<ref>`), so the
     * console's "to call" view reads one page in due order instead of sorting every open lead. Projects what the
     * view filters on (`brand`, `city`, `owner`); the page shown is read from the table.
     */
    { indexName: 'toCall', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: { type: 'INCLUDE', nonKeyAttributes: ['brand', 'city', 'owner'] } },
  ],
} as const;

export type IndexProjection = (typeof applicationsTableDesign.globalSecondaryIndexes)[number]['projection'];

type IndexDesign = (typeof applicationsTableDesign.globalSecondaryIndexes)[number];

/**
 * The key schema and indexes in the shape DynamoDB's CreateTable and CloudFormation's AWS::DynamoDB::Table share:
 * the local provisioner creates exactly this, and the infra tests hold the synthesized table to it.
 */
export const applicationsTableDefinition = {
  KeySchema: [
    { AttributeName: applicationsTableDesign.partitionKey, KeyType: 'HASH' },
    { AttributeName: applicationsTableDesign.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: applicationsTableDesign.globalSecondaryIndexes.map((index: IndexDesign) => ({
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: {
      ProjectionType: index.projection.type,
      ...('nonKeyAttributes' in index.projection && { NonKeyAttributes: [...index.projection.nonKeyAttributes] }),
    },
  })),
} as const;

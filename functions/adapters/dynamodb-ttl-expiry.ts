/**
 * Which records of the applications table's stream are DynamoDB TTL deleting an application's personal data
 * (dynamodb-items.ts: the `PERSONAL` item, the only one that expires while its application stays). TTL deletions
 * arrive as REMOVE records whose `userIdentity` is the DynamoDB service; an erasure's own delete has none, and
 * erasure unlinks by itself. The stream carries keys only (no images): the reference is all the handler needs, so
 * no name or phone ever passes through the stream, the function or its logs.
 *
 * The same rule twice, from one place: as the event source mapping's filter (CDK), so Lambda is invoked only for
 * these records, and as a check on each record the handler gets (the local tests feed it records directly).
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { personalDataKey, PK, referenceOf, SK } from './dynamodb-items.ts';

/** The TTL service's identity on a stream record, as DynamoDB documents it. */
export const ttlDeletionIdentity = { type: 'Service', principalId: 'dynamodb.amazonaws.com' } as const;

const personalDataSortKey = personalDataKey('')[SK];

/** Lambda event filter pattern (FilterCriteria) for TTL deletions of personal-data items. */
export const personalDataExpiryFilterPattern = {
  eventName: ['REMOVE'],
  userIdentity: { type: [ttlDeletionIdentity.type], principalId: [ttlDeletionIdentity.principalId] },
  dynamodb: { Keys: { [SK]: { S: [personalDataSortKey] } } },
} as const;

/** The reference whose personal data TTL deleted, or undefined for any other record. */
export function personalDataExpiredBy(record: DynamoDBRecord): string | undefined {
  const { userIdentity } = record;
  if (record.eventName !== 'REMOVE' || userIdentity?.type !== ttlDeletionIdentity.type || userIdentity.principalId !== ttlDeletionIdentity.principalId) {
    return undefined;
  }
  const partition = record.dynamodb?.Keys?.[PK]?.S;
  if (record.dynamodb?.Keys?.[SK]?.S !== personalDataSortKey || !partition?.startsWith('APP#')) return undefined;
  return referenceOf({ [PK]: partition });
}

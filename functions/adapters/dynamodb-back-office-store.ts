/**
 * BackOfficeStore on the applications table: the review store and the blocked list, plus what only ops do — listings,
 * counts and erasure. Listings fan out over every index shard of every status asked for (dynamodb-items.ts explains
 * the keys and why one sort-key cursor pages correctly across shards).
 */
import { QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { toCallOrderOf } from '#domain/leads.ts';
import type { Counters } from '#domain/stats-counters.ts';
import type { Brand } from '#domain/application.ts';
import { InvalidPageTokenError, type ApplicationQuery, type BackOfficeStore, type ToCallFilter } from '#domain/ports.ts';
import type { StoredApplication } from '#domain/records.ts';
import { isReference } from '#domain/reference.ts';
import { conditionalWrite, conditionFailed, conflicted, storeCall, storeUnavailable, transaction } from './dynamodb-errors.ts';
import { createDynamoDbBlockedPhoneList } from './dynamodb-blocked-phones.ts';
import { notesOnPersonalData } from './dynamodb-console-activity.ts';
import {
  applicationKey,
  byStatus,
  fromItems,
  idempotencyKey,
  indexShardOf,
  indexShards,
  liveItem,
  personalDataKey,
  PK,
  referenceOf,
  STATS_SHARD_COUNT,
  statsKey,
  toCall,
  toCallPartition,
  toCallSortKey,
  statsUpdate,
  statusChangeOnApplication,
  statusPartition,
  withoutReason,
  type Item,
} from './dynamodb-items.ts';
import { quotesOnPersonalData } from './dynamodb-quotes.ts';
import { createDynamoDbReviewStore } from './dynamodb-review-store.ts';
import { applicationsTable, itemIdentity, type DynamoDbTableOptions } from './dynamodb-table.ts';

export function createDynamoDbBackOfficeStore(options: DynamoDbTableOptions): BackOfficeStore {
  const table = applicationsTable(options);
  const { TableName, client, clock } = table;

  /** Every byStatus partition holding applications in these statuses: one per status and shard. */
  const partitionsOf = (statuses: readonly string[]) => statuses.flatMap((status) => indexShards.map((shard) => statusPartition(status, shard)));

  /**
   * The query for one byStatus partition, newest first: created at or after `since` and (page token) before `before`
   * when given, and of one brand when given. Listings, exports, statistics and counts all build it here.
   */
  function byStatusQuery(partition: string, range: { since?: string | undefined; before?: string | undefined }, brand: Brand | undefined): QueryCommandInput {
    const names: Record<string, string> = { '#statusKey': byStatus.partitionKey };
    const values: Record<string, unknown> = { ':statusKey': partition };
    const { since, before } = range;
    let sortKeyCondition: string | undefined;
    if (since !== undefined && before !== undefined) {
      // BETWEEN is inclusive; the caller drops the item the page token names.
      sortKeyCondition = '#sortKey BETWEEN :since AND :before';
      Object.assign(values, { ':since': since, ':before': before });
    } else if (before !== undefined) {
      sortKeyCondition = '#sortKey < :before';
      values[':before'] = before;
    } else if (since !== undefined) {
      sortKeyCondition = '#sortKey >= :since';
      values[':since'] = since;
    }
    if (sortKeyCondition) names['#sortKey'] = byStatus.sortKey;
    if (brand) {
      // `brand` is projected into the index for this filter.
      names['#brand'] = 'brand';
      values[':brand'] = brand;
    }
    return {
      TableName,
      IndexName: byStatus.indexName,
      KeyConditionExpression: ['#statusKey = :statusKey', sortKeyCondition].filter(Boolean).join(' AND '),
      ...(brand && { FilterExpression: '#brand = :brand' }),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    };
  }

  /** Newest index entries in one byStatus partition: up to `limit + 1`, so the caller knows whether more exist. */
  async function newestIn(partition: string, query: ApplicationQuery, before: string | undefined): Promise<Item[]> {
    // A page token older than the window (it moved on since the page was shown) leaves nothing to read, and DynamoDB
    // would refuse the BETWEEN of reversed bounds as a ValidationException (a 503, not an empty page).
    if (before !== undefined && query.createdSince !== undefined && before < query.createdSince) return [];
    const base = byStatusQuery(partition, { since: query.createdSince, before }, query.brand);
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const input: QueryCommandInput = { ...base, Limit: query.limit + 1 - items.length, ExclusiveStartKey };
      const page = await storeCall(() => client.send(new QueryCommand(input)));
      // BETWEEN is inclusive; the page token is the last item already shown.
      items.push(...(page.Items ?? []).filter((item) => item[byStatus.sortKey] !== before));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (items.length <= query.limit && ExclusiveStartKey);
    return items;
  }

  /** The items of a page shown, read whole in one batch (the indexes hold keys and filter attributes only). */
  async function readShown(references: readonly string[], withPersonalData: boolean) {
    const found = await table.batchGet([...references.map(applicationKey), ...(withPersonalData ? references.map(personalDataKey) : [])]);
    const now = clock.now();
    return references.flatMap((reference) => {
      const application = found.get(itemIdentity(applicationKey(reference)));
      // Gone between the index read and the batch (a spam record's TTL): nothing to show.
      if (!application) return [];
      const personal = application.kind === 'application' && withPersonalData ? found.get(itemIdentity(personalDataKey(reference))) : undefined;
      return [fromItems(application, liveItem(personal, now))];
    });
  }

  /** Every sort key due at `dueBy` sorts below `<dueBy>#~` ('~' follows every character of a time or reference). */
  const dueCutOf = (filter: ToCallFilter): string | undefined => (filter.dueBy === undefined ? undefined : `${filter.dueBy}#~`);

  /**
   * The query for one toCall partition, earliest due first: after the page token `after` (exclusive; the caller drops
   * the item it names, BETWEEN being inclusive) and due by `filter.dueBy`, with the view's filters on projected attributes.
   */
  function toCallQuery(shard: number, filter: ToCallFilter, after: string | undefined): QueryCommandInput {
    const names: Record<string, string> = { '#toCallKey': toCall.partitionKey };
    const values: Record<string, unknown> = { ':toCallKey': toCallPartition(shard) };
    const dueCut = dueCutOf(filter);
    let sortKeyCondition: string | undefined;
    if (after !== undefined && dueCut !== undefined) {
      sortKeyCondition = '#sortKey BETWEEN :after AND :dueCut';
      Object.assign(values, { ':after': after, ':dueCut': dueCut });
    } else if (after !== undefined) {
      sortKeyCondition = '#sortKey > :after';
      values[':after'] = after;
    } else if (dueCut !== undefined) {
      sortKeyCondition = '#sortKey < :dueCut';
      values[':dueCut'] = dueCut;
    }
    if (sortKeyCondition) names['#sortKey'] = toCall.sortKey;
    const filters: string[] = [];
    if (filter.brand !== undefined) {
      filters.push('#brand = :brand');
      names['#brand'] = 'brand';
      values[':brand'] = filter.brand;
    }
    if (filter.city !== undefined) {
      filters.push('contains(#city, :city)');
      names['#city'] = 'city';
      values[':city'] = filter.city;
    }
    if (filter.owner !== undefined) {
      filters.push('#owner.#ownerId = :owner');
      Object.assign(names, { '#owner': 'owner', '#ownerId': 'id' });
      values[':owner'] = filter.owner;
    }
    return {
      TableName,
      IndexName: toCall.indexName,
      KeyConditionExpression: ['#toCallKey = :toCallKey', sortKeyCondition].filter(Boolean).join(' AND '),
      ...(filters.length && { FilterExpression: filters.join(' AND ') }),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: true,
    };
  }

  /** Earliest-due index entries in one toCall partition that pass the filters: up to `limit + 1`. */
  async function earliestIn(shard: number, filter: ToCallFilter, limit: number, after: string | undefined): Promise<Item[]> {
    // A page token past the due cut leaves nothing to read (and a BETWEEN of reversed bounds would be refused).
    const dueCut = dueCutOf(filter);
    if (after !== undefined && dueCut !== undefined && after > dueCut) return [];
    const base = toCallQuery(shard, filter, after);
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      // A filter drops entries after Limit is applied: ask for what is still missing, and go on while some are.
      const page = await storeCall(() => client.send(new QueryCommand({ ...base, Limit: limit + 1 - items.length, ExclusiveStartKey })));
      items.push(...(page.Items ?? []).filter((item) => item[toCall.sortKey] !== after));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (items.length <= limit && ExclusiveStartKey);
    return items;
  }

  /**
   * Select=COUNT over several index partitions, each examining its share of `examineAtMost` entries in the query's
   * order: Limit bounds what a query reads before its filter, so a bounded count costs the same however many match.
   */
  async function countUpTo(bases: readonly QueryCommandInput[], examineAtMost: number): Promise<{ count: number; complete: boolean }> {
    const perPartition = Math.ceil(examineAtMost / bases.length);
    const counts = await Promise.all(
      bases.map(async (base) => {
        let count = 0;
        let examined = 0;
        let ExclusiveStartKey: Item | undefined;
        do {
          const remaining = perPartition - examined;
          const input: QueryCommandInput = { ...base, Select: 'COUNT', ExclusiveStartKey, ...(Number.isFinite(remaining) && { Limit: remaining }) };
          const page = await storeCall(() => client.send(new QueryCommand(input)));
          count += page.Count ?? 0;
          examined += page.ScannedCount ?? 0;
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey && examined < perPartition);
        return { count, complete: ExclusiveStartKey === undefined };
      }),
    );
    return { count: counts.reduce((sum, partition) => sum + partition.count, 0), complete: counts.every((partition) => partition.complete) };
  }

  const reviewStore = createDynamoDbReviewStore(options);

  return {
    ...reviewStore,
    ...createDynamoDbBlockedPhoneList(options),

    async findWithNotesAndQuotes(reference) {
      // The personal-data item holds the notes and quotes beside the name and phone: read whole once, not per use.
      const items = await table.findItems(reference);
      if (!items) return undefined;
      return { record: fromItems(items.application, items.personal), notes: notesOnPersonalData(items.personal), quotes: quotesOnPersonalData(items.personal) };
    },

    async countersOf(days) {
      // A few days per BatchGetItem (100 keys at most), all at once: 90 days are 15 requests in parallel.
      const daysPerRequest = Math.floor(100 / STATS_SHARD_COUNT);
      const requests: string[][] = [];
      for (let offset = 0; offset < days.length; offset += daysPerRequest) requests.push(days.slice(offset, offset + daysPerRequest));
      const found = await Promise.all(
        requests.map((group) => table.batchGet(group.flatMap((day) => Array.from({ length: STATS_SHARD_COUNT }, (_, shard) => statsKey(day, shard))))),
      );
      const perDay = new Map<string, Counters>();
      for (const item of found.flatMap((items) => [...items.values()])) {
        const day = String(item[PK]).slice('STATS#'.length);
        const counters = perDay.get(day) ?? {};
        for (const [name, value] of Object.entries(item)) if (typeof value === 'number') counters[name] = (counters[name] ?? 0) + value;
        perDay.set(day, counters);
      }
      return perDay;
    },

    async listApplications(query) {
      const before = query.page === undefined ? undefined : decodePageToken(query.page, 'byStatus');
      const perPartition = await Promise.all(partitionsOf(query.statuses).map((partition) => newestIn(partition, query, before)));
      const merged = perPartition.flat().sort((a, b) => String(b[byStatus.sortKey]).localeCompare(String(a[byStatus.sortKey])));
      const shown = merged.slice(0, query.limit);
      // The index holds keys (and brand) only: the page shown is read whole from the table, in one batch.
      const items = await readShown(shown.map(referenceOf), query.withPersonalData !== false);
      const last = shown.at(-1);
      return {
        items,
        ...(merged.length > query.limit && last && { next: encodePageToken(String(last[byStatus.sortKey])) }),
      };
    },

    async listToCall(query) {
      const after = query.page === undefined ? undefined : decodePageToken(query.page, 'toCall');
      const perShard = await Promise.all(indexShards.map((shard) => earliestIn(shard, query, query.limit, after)));
      const merged = perShard.flat().sort((a, b) => String(a[toCall.sortKey]).localeCompare(String(b[toCall.sortKey])));
      const shown = merged.slice(0, query.limit);
      const items = (await readShown(shown.map(referenceOf), true)).filter((record): record is StoredApplication => record.kind === 'application');
      const last = shown.at(-1);
      return {
        items,
        ...(merged.length > query.limit && last && { next: encodePageToken(String(last[toCall.sortKey])) }),
      };
    },

    async restoreToCall(application) {
      const attempts = application.calls?.attempts;
      const written = await conditionalWrite(() =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: applicationKey(application.reference),
            UpdateExpression: 'SET #toCallKey = :toCallKey, #toCallOrder = :toCallOrder',
            ConditionExpression: `attribute_exists(#pk) AND #status = :pendingReview AND ${
              attempts === undefined ? 'attribute_not_exists(#calls)' : '#calls.#attempts = :attempts'
            }`,
            ExpressionAttributeNames: {
              '#pk': PK,
              '#status': 'status',
              '#calls': 'calls',
              '#toCallKey': toCall.partitionKey,
              '#toCallOrder': toCall.sortKey,
              ...(attempts !== undefined && { '#attempts': 'attempts' }),
            },
            ExpressionAttributeValues: {
              ':pendingReview': 'pending_review',
              ':toCallKey': toCallPartition(indexShardOf(application.reference)),
              ':toCallOrder': toCallSortKey(application.reference, toCallOrderOf(application)),
              ...(attempts !== undefined && { ':attempts': attempts }),
            },
          }),
        ),
      );
      return written ? 'restored' : 'changed';
    },

    countToCall: (filter, examineAtMost) =>
      countUpTo(
        indexShards.map((shard) => toCallQuery(shard, filter, undefined)),
        examineAtMost,
      ),

    countApplicationsUpTo: (query, examineAtMost) =>
      countUpTo(
        partitionsOf(query.statuses).map((partition) => byStatusQuery(partition, { since: query.createdSince }, query.brand)),
        examineAtMost,
      ),

    async countApplications(query) {
      const bases = partitionsOf(query.statuses).map((partition) => byStatusQuery(partition, { since: query.createdSince }, query.brand));
      return (await countUpTo(bases, Number.POSITIVE_INFINITY)).count;
    },

    async erasePersonalData(erasure) {
      const personal = await table.getItem(personalDataKey(erasure.reference));
      const phoneHash = typeof personal?.phoneHash === 'string' ? personal.phoneHash : undefined;
      // First the links, both ways (the same as when personal data expires): each other application's link to this
      // one would tie this anonymised record (attribution, history, who looked) to the person named there.
      await reviewStore.unlinkSamePhone(erasure.reference);
      // The same-phone links go too: they would say which other applications came from the erased person's phone.
      const mark = {
        set: ['#erasure = if_not_exists(#erasure, :erasure)'],
        remove: ['#samePhoneAs'],
        names: { '#erasure': 'erasure', '#samePhoneAs': 'samePhoneAs' },
        values: { ':erasure': { at: erasure.at, by: erasure.by } },
      };
      const onApplication = erasure.withdrawal
        ? statusChangeOnApplication(TableName, erasure.reference, erasure.withdrawal.expected, withoutReason(erasure.withdrawal.change), {
            set: [...mark.set, '#closedAt = :at'],
            remove: mark.remove,
            names: { ...mark.names, '#closedAt': 'closedAt' },
            values: mark.values,
          })
        : {
            TableName,
            Key: applicationKey(erasure.reference),
            UpdateExpression: `SET ${mark.set.join(', ')} REMOVE ${mark.remove.join(', ')}`,
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK, ...mark.names },
            ExpressionAttributeValues: mark.values,
          };
      const deletions: Item[] = [];
      if (personal) {
        deletions.push(personalDataKey(erasure.reference));
        if (typeof personal.idempotencyKey === 'string') deletions.push(idempotencyKey(personal.idempotencyKey));
      }
      const cancelled = await transaction(() =>
        client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: onApplication },
              ...deletions.map((Key) => ({ Delete: { TableName, Key } })),
              ...(erasure.withdrawal ? [{ Update: statsUpdate(TableName, erasure.withdrawal.statsDelta) }] : []),
            ],
          }),
        ),
      );
      if (!cancelled) return { kind: 'erased', hadPersonalData: personal !== undefined, ...(phoneHash && { phoneHash }) };
      if (cancelled.reasons.some((reason) => conditionFailed(reason) || conflicted(reason))) return { kind: 'conflict' };
      throw storeUnavailable(cancelled.error);
    },
  };
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

/**
 * A page token is the index sort key of the last item shown, base64url-encoded: `<createdAt>#<reference>` on byStatus,
 * `<dueAt>#<createdAt>#<reference>` on toCall. The sort key is unique and orders every shard (of every status) the
 * same way, so it is every shard's cursor at once: each resumes strictly past it.
 */
const encodePageToken = (sortKey: string) => Buffer.from(sortKey, 'utf8').toString('base64url');
/** How many instants lead each index's sort key, before the reference. */
const sortKeyInstants = { byStatus: 1, toCall: 2 } as const;
function decodePageToken(token: string, index: keyof typeof sortKeyInstants): string {
  const sortKey = Buffer.from(token, 'base64url').toString('utf8');
  const instants = sortKey.split('#');
  const reference = instants.pop() ?? '';
  if (instants.length !== sortKeyInstants[index] || !instants.every((instant) => isoInstant.test(instant)) || !isReference(reference))
    throw new InvalidPageTokenError();
  return sortKey;
}

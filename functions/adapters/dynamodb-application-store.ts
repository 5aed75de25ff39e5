/**
 * The applications table: one DynamoDB table for everything intake, review and ops store (physical shape in
 * dynamodb-table-design.ts). This is the only module that knows item layouts.
 *
 * Personal data lives apart from the application it belongs to, so that it can expire on its own (DynamoDB TTL
 * deletes whole items, not attributes) while an anonymised record of the application and its decision stays for
 * statistics:
 *
 * - the application item holds what review and statistics need and identifies nobody: status and history (who, when,
 *   machine-readable why), city, merchant type, brand, terminal, volume, consent record, attribution, soft signals,
 *   screening result. It never expires.
 * - the personal-data item holds name, phone, phone hash, note, the free text ops wrote into the history, and the
 *   intake idempotency key (to find that record again on erasure). It alone carries the byPhone index keys, so
 *   nothing about the phone outlives it. Intake gives it `expiresAt` = submission + OPEN_APPLICATION_RETENTION_DAYS
 *   (an application nobody closes must not keep it forever); when the application closes (activated, rejected,
 *   withdrawn) that becomes closing time + RETENTION_DAYS; erasure deletes it at once.
 *
 * Items (pk / sk, then the index keys they carry):
 *
 * | Item                | pk                          | sk         | Index attributes                                                  | TTL (`expiresAt`)        |
 * |---------------------|-----------------------------|------------|-------------------------------------------------------------------|--------------------------|
 * | application         | `APP#<reference>`           | `APP`      | byStatus `gsi2pk=STATUS#<status>`, `gsi2sk=<createdAt>#<ref>`     | never (anonymous)        |
 * |                     |                             |            | outbox (sparse) `gsi3pk=OUTBOX`, `gsi3sk=<createdAt>#<ref>` until enqueued |                 |
 * | personal data       | `APP#<reference>`           | `PERSONAL` | byPhone `gsi1pk=PHONE#<phoneHash>`, `gsi1sk=<createdAt>#<ref>`    | createdAt + 365 days; closedAt + RETENTION_DAYS once closed |
 * | spam submission     | `APP#<reference>`           | `APP`      | byStatus `gsi2pk=STATUS#spam` (ops statistics); no name, phone or note | arrival + RETENTION_DAYS |
 * | blocked phone       | `BLOCKED#<phoneHash>`       | `BLOCKED`  | —  (managed with `npm run ops -- block/unblock`)                  | —                        |
 * | idempotency record  | `IDEM#<key>`                | `IDEM`     | —                                                                 | 24 hours                 |
 * | rate-limit counter  | `RATE#<limit>#<subject>#<window start>` | `RATE` | —                                                         | window end + 1 hour      |
 *
 * Access patterns:
 * - Application by reference (status lookup, worker, ops `show`): GetItem of both items, strongly consistent. A
 *   personal-data item past its `expiresAt` is treated as gone (TTL deletes lazily, within days).
 * - Applications by phone, newest first (duplicate screening, erasure by phone): Query byPhone on `PHONE#<hash>`,
 *   then the application items.
 * - Applications by status and date (ops queue, listings, export, statistics): Query byStatus on `STATUS#<status>`
 *   newest first, sort key range for dates; all statuses are merged by sort key, which is also the page token.
 *   Status changes rewrite `gsi2pk` and append to `statusHistory`, conditional on the status and history length
 *   the writer read (so a redelivered review message or two ops at once never change anything twice).
 * - Idempotency: GetItem `IDEM#<key>`; created in the same transaction as the application (condition: not exists).
 * - Rate limits: `ADD count 1` with condition `count < limit`, in the intake transaction or in one of their own. A
 *   status lookup charges its miss counters that way before it reads, and gives the charge back (`ADD count -1`) when
 *   the lookup finds the application.
 * - Outbox: Query outbox on `OUTBOX` with `gsi3sk < <cut-off>`; the marker is removed after SendMessage succeeds.
 * - Blocked phones: GetItem `BLOCKED#<hash>` during screening.
 * - Erasure: one transaction deletes the personal-data item, the idempotency record and the phone's rate counter for
 *   the day of the application, and marks the application erased (withdrawing it if still open).
 *
 * Every item has a `kind` attribute: `application`, `personal_data`, `spam`, `blocked_phone`, `idempotency` or
 * `rate_counter`. Subjects of rate limits that are personal data (viewer IP, phone) appear only as HMAC pseudonyms.
 * Every SDK failure other than a condition/transaction outcome becomes DependencyUnavailableError (→ 503).
 */
import { DynamoDBClient, TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError, InvalidPageTokenError, type ApplicationQuery, type Clock, type IntakeWrite, type IntakeWriteOutcome, type OpsStore, type RateLimiter, type StatusUpdate, type ApplicationStore } from '#domain/ports.ts';
import type { ApplicationRecord, IdempotencyRecord, IntakeRecord, SpamRecord, StatusChange, StoredApplication, StoredRecord } from '#domain/records.ts';
import type { Brand } from '#domain/application.ts';
import { rateLimit, type RateLimit } from '#domain/rate-limits.ts';
import { isReference } from '#domain/reference.ts';
import { applicationsTableDesign as design } from './dynamodb-table-design.ts';
import { systemClock } from './system.ts';
import { jitteredBackoffMs } from '#domain/time.ts';

/**
 * One client per container. Endpoint and region come from the SDK's standard variables (`AWS_ENDPOINT_URL_DYNAMODB`
 * locally). Short timeouts and few retries: a caller gets a fast 503 and retries, instead of hanging until API
 * Gateway's 30 s limit.
 */
const documentClient = DynamoDBDocumentClient.from(
  new DynamoDBClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 } }),
  { marshallOptions: { removeUndefinedValues: true } },
);

const [byPhone, byStatus, outbox] = design.globalSecondaryIndexes;
const PK = design.partitionKey;
const SK = design.sortKey;
const TTL = design.timeToLiveAttribute;
const OUTBOX_PARTITION = 'OUTBOX';
/** How long a rate counter outlives its window (clock skew between containers). */
const COUNTER_GRACE_SECONDS = 3_600;
/** Attempts at a counter transaction that collides with concurrent requests on the same counters. */
const MAX_COUNTER_ATTEMPTS = 8;
/** BatchGetItem takes at most this many keys per call. */
const BATCH_GET_LIMIT = 100;

const applicationKey = (reference: string) => ({ [PK]: `APP#${reference}`, [SK]: 'APP' });
const personalDataKey = (reference: string) => ({ [PK]: `APP#${reference}`, [SK]: 'PERSONAL' });
const idempotencyKey = (key: string) => ({ [PK]: `IDEM#${key}`, [SK]: 'IDEM' });
const counterKey = (counter: string) => ({ [PK]: `RATE#${counter}`, [SK]: 'RATE' });
const blockedPhoneKey = (phoneHash: string) => ({ [PK]: `BLOCKED#${phoneHash}`, [SK]: 'BLOCKED' });
const statusPartition = (status: string) => `STATUS#${status}`;
const sortableOf = (record: { createdAt: string; reference: string }) => `${record.createdAt}#${record.reference}`;
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const referenceOf = (item: Record<string, unknown>) => String(item[PK]).slice('APP#'.length);

type Item = Record<string, unknown>;

export type DynamoDbApplicationStore = ApplicationStore & RateLimiter & OpsStore;

export function createDynamoDbApplicationStore(options: { tableName: string; clock?: Clock }): DynamoDbApplicationStore {
  const TableName = options.tableName;
  const clock = options.clock ?? systemClock;

  async function send<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw error instanceof DependencyUnavailableError ? error : new DependencyUnavailableError('store', { cause: error });
    }
  }

  const getItem = (Key: Item) => send(() => documentClient.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).then((r) => r.Item);

  /** Personal data as long as it may be used: TTL deletes lazily, so an expired item is treated as already gone. */
  const live = (personal: Item | undefined) =>
    personal && !(typeof personal[TTL] === 'number' && personal[TTL] * 1000 <= clock.now().getTime()) ? personal : undefined;

  async function personalDataOf(references: readonly string[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    for (let offset = 0; offset < references.length; offset += BATCH_GET_LIMIT) {
      let request: Record<string, { Keys: Item[]; ConsistentRead?: boolean }> | undefined = {
        [TableName]: { Keys: references.slice(offset, offset + BATCH_GET_LIMIT).map(personalDataKey), ConsistentRead: true },
      };
      for (let attempt = 1; request && Object.keys(request).length > 0; attempt++) {
        const batch = request;
        const { Responses, UnprocessedKeys } = await send(() => documentClient.send(new BatchGetCommand({ RequestItems: batch })));
        for (const item of Responses?.[TableName] ?? []) found.set(referenceOf(item), item);
        request = UnprocessedKeys as typeof request;
        if (request && Object.keys(request).length > 0) await new Promise((resolve) => setTimeout(resolve, jitteredBackoffMs(attempt, 20)));
      }
    }
    return found;
  }

  /** One more on the counter, unless it has reached its limit. */
  const counterUpdate = (limit: RateLimit) => ({
    TableName,
    Key: counterKey(limit.counterKey),
    UpdateExpression: 'SET #kind = :kind, #ttl = if_not_exists(#ttl, :ttl) ADD #count :one',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
    ExpressionAttributeNames: { '#kind': 'kind', '#ttl': TTL, '#count': 'count' },
    ExpressionAttributeValues: {
      ':kind': 'rate_counter',
      ':ttl': epochSeconds(limit.resetsAt) + COUNTER_GRACE_SECONDS,
      ':one': 1,
      ':limit': limit.limit,
    },
  });

  /** The application item's part of a status change: conditional on what the writer read. */
  function statusChangeOnApplication(
    reference: string,
    expected: StatusUpdate['expected'],
    change: StatusChange,
    extra: { set: string[]; remove?: string[]; names: Record<string, string>; values: Record<string, unknown> } = { set: [], names: {}, values: {} },
  ) {
    // The free-text reason is personal-data-adjacent: it goes to the personal-data item, never into the history here.
    const entry = withoutReason(change);
    return {
      TableName,
      Key: applicationKey(reference),
      UpdateExpression: `SET ${['#status = :to', '#updatedAt = :at', '#statusKey = :statusKey', '#history = list_append(#history, :entry)', ...extra.set].join(', ')}${extra.remove?.length ? ` REMOVE ${extra.remove.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(#pk) AND #status = :expected AND size(#history) = :historyLength',
      ExpressionAttributeNames: {
        '#pk': PK,
        '#status': 'status',
        '#updatedAt': 'updatedAt',
        '#statusKey': byStatus.partitionKey,
        '#history': 'statusHistory',
        ...extra.names,
      },
      ExpressionAttributeValues: {
        ':to': change.status,
        ':at': change.at,
        ':statusKey': statusPartition(change.status),
        ':entry': [entry],
        ':expected': expected.status,
        ':historyLength': expected.historyLength,
        ...extra.values,
      },
    };
  }

  /**
   * The query for one byStatus partition, newest first: created at or after `since` and (page token) before `before`
   * when given, and of one brand when given. Listings, exports, statistics and counts all build it here.
   */
  function byStatusQuery(status: string, range: { since?: string | undefined; before?: string | undefined }, brand: Brand | undefined): QueryCommandInput {
    const names: Record<string, string> = { '#statusKey': byStatus.partitionKey };
    const values: Record<string, unknown> = { ':statusKey': statusPartition(status) };
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

  /** Newest applications in one status partition: up to `limit + 1`, so the caller knows whether more exist. */
  async function newestInStatus(status: string, query: ApplicationQuery, before: string | undefined): Promise<Item[]> {
    const base = byStatusQuery(status, { since: query.createdSince, before }, query.brand);
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const input: QueryCommandInput = { ...base, Limit: query.limit + 1 - items.length, ExclusiveStartKey };
      const page = await send(() => documentClient.send(new QueryCommand(input)));
      // BETWEEN is inclusive; the page token is the last item already shown.
      items.push(...(page.Items ?? []).filter((item) => item[byStatus.sortKey] !== before));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (items.length <= query.limit && ExclusiveStartKey);
    return items;
  }

  const store: DynamoDbApplicationStore = {
    async findIdempotencyRecord(key) {
      const Item = await getItem(idempotencyKey(key));
      return Item ? { key, requestHash: String(Item.requestHash), reference: String(Item.reference) } : undefined;
    },

    async writeIntake(write: IntakeWrite): Promise<IntakeWriteOutcome> {
      const { idempotency, record } = write;
      const items = toItems(record, write.enqueueForReview, idempotency.key);
      const notThere = { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } };
      const transaction: TransactWriteCommandInput = {
        TransactItems: [
          {
            Put: {
              TableName,
              Item: {
                ...idempotencyKey(idempotency.key),
                kind: 'idempotency',
                requestHash: idempotency.requestHash,
                reference: idempotency.reference,
                [TTL]: epochSeconds(idempotency.expiresAt),
              },
              ...notThere,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          { Put: { TableName, Item: items.application, ...notThere } },
          ...(items.personal ? [{ Put: { TableName, Item: items.personal, ...notThere } }] : []),
          ...write.rateLimits.map((limit) => ({ Update: counterUpdate(limit) })),
        ],
      };
      try {
        await documentClient.send(new TransactWriteCommand(transaction));
        return { kind: 'written' };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw new DependencyUnavailableError('store', { cause: error });
        const reasons = error.CancellationReasons ?? [];
        const [idempotencyReason, applicationReason] = reasons;
        const counterReasons = reasons.slice(items.personal ? 3 : 2);
        if (idempotencyReason?.Code === 'ConditionalCheckFailed') {
          return { kind: 'idempotency_key_used', existing: idempotencyRecordFrom(idempotency.key, idempotencyReason) };
        }
        if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return { kind: 'conflict' };
        if (applicationReason?.Code === 'ConditionalCheckFailed') return { kind: 'reference_taken' };
        const reachedIndex = counterReasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (reachedIndex >= 0) return { kind: 'rate_limited', limit: write.rateLimits[reachedIndex]! };
        throw new DependencyUnavailableError('store', { cause: error });
      }
    },

    async findByReference(reference) {
      const [application, personal] = await Promise.all([getItem(applicationKey(reference)), getItem(personalDataKey(reference))]);
      return application ? fromItems(application, live(personal)) : undefined;
    },

    async findByPhoneHash(phoneHash, createdSince) {
      const references: string[] = [];
      let ExclusiveStartKey: Item | undefined;
      do {
        const page = await send(() =>
          documentClient.send(
            new QueryCommand({
              TableName,
              IndexName: byPhone.indexName,
              KeyConditionExpression: createdSince === undefined ? '#phoneKey = :phoneKey' : '#phoneKey = :phoneKey AND #sortKey >= :since',
              ExpressionAttributeNames: { '#phoneKey': byPhone.partitionKey, ...(createdSince !== undefined && { '#sortKey': byPhone.sortKey }) },
              ExpressionAttributeValues: { ':phoneKey': `PHONE#${phoneHash}`, ...(createdSince !== undefined && { ':since': createdSince }) },
              ScanIndexForward: false,
              ExclusiveStartKey,
            }),
          ),
        );
        references.push(...(page.Items ?? []).map(referenceOf));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      const found = await Promise.all(
        references.map(async (reference) => {
          const [application, personal] = await Promise.all([getItem(applicationKey(reference)), getItem(personalDataKey(reference))]);
          return application ? fromItems(application, personal) : undefined;
        }),
      );
      return found.filter((record): record is StoredApplication => record?.kind === 'application');
    },

    async updateStatus(update) {
      const { reference, expected, change } = update;
      const extra = { set: [] as string[], names: {} as Record<string, string>, values: {} as Record<string, unknown> };
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
      const onApplication = statusChangeOnApplication(reference, expected, change, extra);

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
        try {
          await documentClient.send(
            new TransactWriteCommand({
              TransactItems: [{ Update: onApplication }, ...(withPersonalData && onPersonalData ? [{ Update: onPersonalData }] : [])],
            }),
          );
          return 'updated';
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw new DependencyUnavailableError('store', { cause: error });
          const reasons = error.CancellationReasons ?? [];
          if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'conflict';
          if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'no_personal_data';
          if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return 'conflict';
          throw new DependencyUnavailableError('store', { cause: error });
        }
      };
      const outcome = await write(true);
      if (outcome !== 'no_personal_data') return outcome;
      // No personal data left (erased, or expired): the change itself still happens, without the reason; say so.
      const withoutPersonalData = (await write(false)) as 'updated' | 'conflict';
      return withoutPersonalData === 'updated' && change.reason !== undefined ? 'updated_without_reason' : withoutPersonalData;
    },

    async markNotified(reference, at) {
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName,
            Key: applicationKey(reference),
            UpdateExpression: 'SET #screening.#notifiedAt = :at',
            ConditionExpression: 'attribute_exists(#screening)',
            ExpressionAttributeNames: { '#screening': 'screening', '#notifiedAt': 'notifiedAt' },
            ExpressionAttributeValues: { ':at': at },
          }),
        );
      } catch (error) {
        throw new DependencyUnavailableError('store', { cause: error });
      }
    },

    async linkSamePhone(reference, others) {
      // A string set on each application: ADD is idempotent, so a redelivered screening links nothing twice.
      const link = (on: string, to: readonly string[]) =>
        documentClient
          .send(
            new UpdateCommand({
              TableName,
              Key: applicationKey(on),
              UpdateExpression: 'ADD #samePhoneAs :references',
              ConditionExpression: 'attribute_exists(#pk)',
              ExpressionAttributeNames: { '#samePhoneAs': 'samePhoneAs', '#pk': PK },
              ExpressionAttributeValues: { ':references': new Set(to) },
            }),
          )
          .catch((error: unknown) => {
            // Gone since it was read (erased and expired): nothing to link.
            if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return;
            throw new DependencyUnavailableError('store', { cause: error });
          });
      await Promise.all([link(reference, others), ...others.map((other) => link(other, [reference]))]);
    },

    async isBlocked(phoneHash) {
      return (await getItem(blockedPhoneKey(phoneHash))) !== undefined;
    },

    async block(entry) {
      await send(() =>
        documentClient.send(
          new PutCommand({
            TableName,
            Item: { ...blockedPhoneKey(entry.phoneHash), kind: 'blocked_phone', blockedAt: entry.at, blockedBy: entry.by, reason: entry.reason },
          }),
        ),
      );
    },

    async unblock(phoneHash) {
      const { Attributes } = await send(() =>
        documentClient.send(new DeleteCommand({ TableName, Key: blockedPhoneKey(phoneHash), ReturnValues: 'ALL_OLD' })),
      );
      return Attributes !== undefined;
    },

    async listApplications(query) {
      const before = query.page === undefined ? undefined : decodePageToken(query.page);
      const perStatus = await Promise.all(query.statuses.map((status) => newestInStatus(status, query, before)));
      const merged = perStatus.flat().sort((a, b) => String(b[byStatus.sortKey]).localeCompare(String(a[byStatus.sortKey])));
      const shown = merged.slice(0, query.limit);
      const personal = query.withPersonalData === false ? new Map<string, Item>() : await personalDataOf(shown.filter((i) => i.kind === 'application').map(referenceOf));
      const last = shown.at(-1);
      return {
        items: shown.map((item) => fromItems(item, live(personal.get(referenceOf(item))))),
        ...(merged.length > query.limit && last && { next: encodePageToken(String(last[byStatus.sortKey])) }),
      };
    },

    async countApplications(query) {
      const counts = await Promise.all(
        query.statuses.map(async (status) => {
          const base = byStatusQuery(status, { since: query.createdSince }, query.brand);
          let count = 0;
          let ExclusiveStartKey: Item | undefined;
          do {
            const page = await send(() => documentClient.send(new QueryCommand({ ...base, Select: 'COUNT', ExclusiveStartKey })));
            count += page.Count ?? 0;
            ExclusiveStartKey = page.LastEvaluatedKey;
          } while (ExclusiveStartKey);
          return count;
        }),
      );
      return counts.reduce((sum, count) => sum + count, 0);
    },

    async erasePersonalData(erasure) {
      const personal = await getItem(personalDataKey(erasure.reference));
      const phoneHash = typeof personal?.phoneHash === 'string' ? personal.phoneHash : undefined;
      // The same-phone links go too: they would say which other applications came from the erased person's phone.
      const mark = {
        set: ['#erasure = if_not_exists(#erasure, :erasure)'],
        remove: ['#samePhoneAs'],
        names: { '#erasure': 'erasure', '#samePhoneAs': 'samePhoneAs' },
        values: { ':erasure': { at: erasure.at, by: erasure.by } },
      };
      const onApplication = erasure.withdrawal
        ? statusChangeOnApplication(erasure.reference, erasure.withdrawal.expected, withoutReason(erasure.withdrawal.change), {
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
      try {
        await documentClient.send(
          new TransactWriteCommand({
            TransactItems: [{ Update: onApplication }, ...deletions.map((Key) => ({ Delete: { TableName, Key } }))],
          }),
        );
        return { kind: 'erased', hadPersonalData: personal !== undefined, ...(phoneHash && { phoneHash }) };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw new DependencyUnavailableError('store', { cause: error });
        const reasons = error.CancellationReasons ?? [];
        if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict')) return { kind: 'conflict' };
        throw new DependencyUnavailableError('store', { cause: error });
      }
    },

    async markEnqueued(reference) {
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName,
            Key: applicationKey(reference),
            UpdateExpression: 'REMOVE #outboxPk, #outboxSk',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#outboxPk': outbox.partitionKey, '#outboxSk': outbox.sortKey, '#pk': PK },
          }),
        );
      } catch (error) {
        // Erased in the meantime: nothing left to mark.
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
        throw new DependencyUnavailableError('store', { cause: error });
      }
    },

    async listOutbox(writtenBefore, limit) {
      const { Items = [] } = await send(() =>
        documentClient.send(
          new QueryCommand({
            TableName,
            IndexName: outbox.indexName,
            KeyConditionExpression: '#outboxPk = :outbox AND #outboxSk < :before',
            ExpressionAttributeNames: { '#outboxPk': outbox.partitionKey, '#outboxSk': outbox.sortKey },
            ExpressionAttributeValues: { ':outbox': OUTBOX_PARTITION, ':before': writtenBefore.toISOString() },
            Limit: limit,
          }),
        ),
      );
      // The table's partition key is projected into every index, whatever else the index projects.
      return Items.map(referenceOf);
    },

    async take(counters) {
      if (counters.length === 0) return undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          await documentClient.send(new TransactWriteCommand({ TransactItems: counters.map((limit) => ({ Update: counterUpdate(limit) })) }));
          return undefined;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw new DependencyUnavailableError('store', { cause: error });
          const reasons = error.CancellationReasons ?? [];
          const reachedIndex = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
          if (reachedIndex >= 0) return counters[reachedIndex];
          // Concurrent requests on the same counters (a burst of lookups for one reference): wait a little and retry.
          const conflicted = reasons.some((reason) => reason.Code === 'TransactionConflict');
          if (!conflicted || attempt >= MAX_COUNTER_ATTEMPTS) throw new DependencyUnavailableError('store', { cause: error });
          await new Promise((resolve) => setTimeout(resolve, jitteredBackoffMs(attempt, 10)));
        }
      }
    },

    async refund(counters) {
      await send(() =>
        Promise.all(
          counters.map((limit) =>
            documentClient
              .send(
                new UpdateCommand({
                  TableName,
                  Key: counterKey(limit.counterKey),
                  UpdateExpression: 'ADD #count :minusOne',
                  ConditionExpression: '#count > :zero',
                  ExpressionAttributeNames: { '#count': 'count' },
                  ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
                }),
              )
              // Gone (expired with its window) or already at zero: nothing to give back.
              .catch((error: unknown) => {
                if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
              }),
          ),
        ),
      );
    },
  };
  return store;
}

function withoutReason(change: StatusChange): StatusChange {
  const { reason: _reason, ...rest } = change;
  return rest;
}

const encodePageToken = (sortKey: string) => Buffer.from(sortKey, 'utf8').toString('base64url');
/** A page token is the byStatus sort key of the last item shown: `<createdAt>#<reference>`. */
function decodePageToken(token: string): string {
  const sortKey = Buffer.from(token, 'base64url').toString('utf8');
  const [createdAt = '', reference = '', ...rest] = sortKey.split('#');
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(createdAt) || !isReference(reference) || rest.length > 0) throw new InvalidPageTokenError();
  return sortKey;
}

function idempotencyRecordFrom(key: string, reason: CancellationReason): IdempotencyRecord | undefined {
  const requestHash = reason.Item?.requestHash?.S;
  const reference = reason.Item?.reference?.S;
  return requestHash && reference ? { key, requestHash, reference } : undefined;
}

/** The items intake writes: the application (anonymous) and, for a genuine application, its personal data. */
function toItems(record: IntakeRecord, enqueueForReview: boolean, idempotencyKeyValue: string): { application: Item; personal?: Item } {
  const sortable = sortableOf(record);
  const common = {
    ...applicationKey(record.reference),
    [byStatus.partitionKey]: statusPartition(record.status),
    [byStatus.sortKey]: sortable,
    ...(enqueueForReview && { [outbox.partitionKey]: OUTBOX_PARTITION, [outbox.sortKey]: sortable }),
  };
  if (record.kind === 'spam') {
    const { expiresAt, ...rest } = record;
    return { application: { ...rest, ...common, [TTL]: epochSeconds(new Date(expiresAt)) } };
  }
  const { name, phone, phoneHash, note, statusHistory, ...anonymous } = record satisfies ApplicationRecord;
  const historyNotes = Object.fromEntries(
    statusHistory.flatMap((entry, index) => (entry.reason === undefined ? [] : [[String(index), entry.reason]])),
  );
  return {
    application: { ...anonymous, statusHistory: statusHistory.map(withoutReason), ...common },
    personal: {
      ...personalDataKey(record.reference),
      kind: 'personal_data',
      reference: record.reference,
      createdAt: record.createdAt,
      name,
      phone,
      phoneHash,
      note,
      historyNotes,
      idempotencyKey: idempotencyKeyValue,
      [byPhone.partitionKey]: `PHONE#${phoneHash}`,
      [byPhone.sortKey]: sortable,
      [TTL]: epochSeconds(new Date(record.personalDataExpiresAt)),
    },
  };
}

const STORAGE_ATTRIBUTES: ReadonlySet<string> = new Set([PK, SK, ...design.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])]);

function withoutStorageAttributes(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name)));
}

/** An application item joined with its personal-data item, when there is one. */
function fromItems(item: Item, personal: Item | undefined): StoredRecord {
  const fields = withoutStorageAttributes(item);
  if (fields.kind === 'spam') {
    const { [TTL]: ttl, ...rest } = fields;
    return { ...rest, expiresAt: new Date(Number(ttl) * 1000).toISOString() } as unknown as SpamRecord;
  }
  const notes = (personal?.historyNotes ?? {}) as Record<string, string>;
  const history = ((fields.statusHistory ?? []) as StatusChange[]).map((entry, index) =>
    notes[String(index)] === undefined ? entry : { ...entry, reason: notes[String(index)] },
  );
  return {
    ...fields,
    statusHistory: history,
    ...(fields.samePhoneAs instanceof Set && { samePhoneAs: [...(fields.samePhoneAs as Set<string>)].sort() }),
    ...(personal && {
      name: personal.name,
      phone: personal.phone,
      phoneHash: personal.phoneHash,
      ...(personal.note !== undefined && { note: personal.note }),
    }),
  } as unknown as StoredApplication;
}

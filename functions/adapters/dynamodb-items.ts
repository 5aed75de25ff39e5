/**
 * The applications table's item layouts: key builders and the mapping between domain records and items, shared by
 * every DynamoDB adapter (intake, review, ops, blocked phones, rate limits, console activity). Physical shape (index
 * names, projections, shard count) in dynamodb-table-design.ts; SDK failures are translated in dynamodb-errors.ts.
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
 * Items (pk / sk, then the index keys they carry; `<n>` is the reference's index shard, see below):
 *
 * | Item                | pk                          | sk         | Index attributes                                                  | TTL (`expiresAt`)        |
 * |---------------------|-----------------------------|------------|-------------------------------------------------------------------|--------------------------|
 * | application         | `APP#<reference>`           | `APP`      | byStatus `gsi2pk=STATUS#<status>#<n>`, `gsi2sk=<createdAt>#<ref>` | never (anonymous)        |
 * |                     |                             |            | outbox (sparse) `gsi3pk=OUTBOX#<n>`, `gsi3sk=<createdAt>#<ref>` until enqueued |             |
 * |                     |                             |            | toCall (sparse) `gsi4pk=TOCALL#<n>` while 审核中, `gsi4sk=<dueAt>#<createdAt>#<ref>` |      |
 * | personal data       | `APP#<reference>`           | `PERSONAL` | byPhone `gsi1pk=PHONE#<phoneHash>`, `gsi1sk=<createdAt>#<ref>`    | createdAt + 365 days; closedAt + RETENTION_DAYS once closed |
 * | spam submission     | `APP#<reference>`           | `APP`      | byStatus `gsi2pk=STATUS#spam#<n>` (ops statistics); no name, phone or note | arrival + RETENTION_DAYS |
 * | blocked phone       | `BLOCKED#<phoneHash>`       | `BLOCKED`  | —  (managed with `npm run ops -- block/unblock`)                  | —                        |
 * | idempotency record  | `IDEM#<key>`                | `IDEM`     | —                                                                 | 24 hours                 |
 * | form token used     | `FORMTOKEN#<nonce>`         | `FORMTOKEN`| —  (written by intake: each form token is used once)              | the token's expiry       |
 * | rate-limit counter  | `RATE#<limit>#<subject>#<window start>` | `RATE` | —                                                         | window end + 1 hour      |
 * | statistics shard    | `STATS#<China day>`         | `SHARD#<0–15>` | — (counters of domain/stats-counters.ts, `ADD`ed)             | never (anonymous)        |
 * | call attempt        | `APP#<reference>`           | `CALL#<at>#<n>` | — (see dynamodb-lead-store.ts)                                 | never (anonymous)        |
 *
 * The console's activity entries are list attributes on the application and personal-data items (see
 * dynamodb-console-activity.ts).
 *
 * Index shards: `<n>` = FNV-1a hash of the reference mod `indexShardCount` (dynamodb-table-design.ts says why), so an
 * application keeps its shard for life and every status change rewrites `gsi2pk` within it. Index projections: byPhone
 * and outbox keys only (the reference is in `pk`); byStatus adds `brand`, the one attribute its queries filter on;
 * toCall adds `brand`, `city` and `owner`, what the "to call" view filters on.
 *
 * Access patterns:
 * - Application by reference (status lookup, worker, ops `show`): GetItem of both items, strongly consistent. A
 *   personal-data item past its `expiresAt` is treated as gone (TTL deletes lazily, within days).
 * - Applications by phone, newest first (duplicate screening, erasure by phone): Query byPhone on `PHONE#<hash>`,
 *   then the application items.
 * - Applications by status and date (ops queue, listings, export, statistics): Query byStatus on every shard of
 *   every status (`STATUS#<status>#<n>`) in parallel, newest first, sort key range for dates; the results are merged
 *   by sort key (`<createdAt>#<ref>`, unique, so one total order across shards), and the last shown sort key is the
 *   page token: every shard resumes strictly below it, so pages have no duplicates or gaps. The page shown is then
 *   read with BatchGetItem (application items, and personal data when asked). Counts sum Select=COUNT over the same
 *   queries. Status changes rewrite `gsi2pk` and append to `statusHistory`, conditional on the status and history
 *   length the writer read (so a redelivered review message or two ops at once never change anything twice).
 * - Idempotency: GetItem `IDEM#<key>` (one past its `expiresAt` counts as gone); created in the same transaction as
 *   the application (condition: not exists), as is the form token's `FORMTOKEN#<nonce>` (condition: not exists).
 * - Rate limits: `ADD count 1` with condition `count < limit`, in the intake transaction or in one of their own. A
 *   status lookup charges its miss counters that way before it reads, and gives the charge back (`ADD count -1`) when
 *   the lookup finds the application.
 * - "To call" (the console's default view): Query toCall on every `TOCALL#<n>`, earliest due first, merged by sort
 *   key; the last shown sort key is the page token, as for byStatus. Only 审核中 applications carry `gsi4pk` (a status
 *   change sets or removes it); `gsi4sk` is written at intake and rewritten with each call attempt (the next call's
 *   due time: domain/leads.ts nextCallDueAt). Overdue = sort key up to now; counts are Select=COUNT over the same
 *   queries, so they read the open leads' index entries, never every application.
 * - Outbox: Query outbox on every `OUTBOX#<n>` with `gsi3sk < <cut-off>`, oldest first, merged; the marker is
 *   removed after SendMessage succeeds.
 * - Blocked phones: GetItem `BLOCKED#<hash>` during screening.
 * - Erasure: one transaction deletes the personal-data item and the idempotency record, and marks the application
 *   erased (withdrawing it if still open).
 *
 * Every item has a `kind` attribute: `application`, `personal_data`, `spam`, `blocked_phone`, `idempotency`,
 * `form_token_use` or `rate_counter`. Subjects of rate limits that are personal data (viewer IP, phone) appear only as HMAC pseudonyms.
 */
import { toCallOrderOf, type ToCallOrder } from '#domain/leads.ts';
import type { BlockedPhoneEntry, StatusUpdate } from '#domain/ports.ts';
import type { RateLimit } from '#domain/rate-limits.ts';
import type { StatsDelta } from '#domain/stats-counters.ts';
import type { ApplicationRecord, IntakeRecord, SpamRecord, StatusChange, StoredApplication, StoredRecord } from '#domain/records.ts';
import { applicationsTableDesign as design } from './dynamodb-table-design.ts';

export type Item = Record<string, unknown>;

export const [byPhone, byStatus, outbox, toCall] = design.globalSecondaryIndexes;
export const PK = design.partitionKey;
export const SK = design.sortKey;
export const TTL = design.timeToLiveAttribute;
/** How long a rate counter outlives its window (clock skew between containers). */
const COUNTER_GRACE_SECONDS = 3_600;

export const applicationKey = (reference: string) => ({ [PK]: `APP#${reference}`, [SK]: 'APP' });
export const personalDataKey = (reference: string) => ({ [PK]: `APP#${reference}`, [SK]: 'PERSONAL' });
export const idempotencyKey = (key: string) => ({ [PK]: `IDEM#${key}`, [SK]: 'IDEM' });
export const formTokenUseKey = (nonce: string) => ({ [PK]: `FORMTOKEN#${nonce}`, [SK]: 'FORMTOKEN' });
export const counterKey = (counter: string) => ({ [PK]: `RATE#${counter}`, [SK]: 'RATE' });
export const blockedPhoneKey = (phoneHash: string) => ({ [PK]: `BLOCKED#${phoneHash}`, [SK]: 'BLOCKED' });
/** A blocked phone's whole item, as the ops CLI and the console both write it. */
export const blockedPhoneItem = (entry: BlockedPhoneEntry): Item => ({
  ...blockedPhoneKey(entry.phoneHash),
  kind: 'blocked_phone',
  blockedAt: entry.at,
  blockedBy: entry.by,
  ...(entry.reason !== undefined && { reason: entry.reason }),
});
export const phonePartition = (phoneHash: string) => `PHONE#${phoneHash}`;
export const referenceOf = (item: Item) => String(item[PK]).slice('APP#'.length);
export const sortableOf = (record: { createdAt: string; reference: string }) => `${record.createdAt}#${record.reference}`;
export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Every shard number, for queries that fan out over them. */
export const indexShards: readonly number[] = Array.from({ length: design.indexShardCount }, (_, shard) => shard);

/** The reference's index shard: 32-bit FNV-1a of its characters, mod the shard count. Stable across runtimes and deploys. */
export function indexShardOf(reference: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < reference.length; i++) {
    hash ^= reference.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % design.indexShardCount;
}

export const statusPartition = (status: string, shard: number) => `STATUS#${status}#${shard}`;
export const outboxPartition = (shard: number) => `OUTBOX#${shard}`;
export const toCallPartition = (shard: number) => `TOCALL#${shard}`;
/** The toCall sort key: due time, then submission time (first come, first called), then the reference (unique). */
export const toCallSortKey = (reference: string, order: ToCallOrder) => `${order.dueAt}#${order.createdAt}#${reference}`;

/** The byStatus key of an application in `status`. */
export const statusKeyOf = (reference: string, status: string) => statusPartition(status, indexShardOf(reference));

export function withoutReason(change: StatusChange): StatusChange {
  const { reason: _reason, ...rest } = change;
  return rest;
}

/** Extra clauses for a status change's update expression. */
export interface UpdateClauses {
  set: string[];
  remove?: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * The application item's part of a status change: moves it to the new status (and its byStatus key within the
 * reference's shard), appends the history entry without its free-text reason (that belongs with the personal data),
 * conditional on what the writer read.
 */
export function statusChangeOnApplication(
  TableName: string,
  reference: string,
  expected: StatusUpdate['expected'],
  change: StatusChange,
  extra: UpdateClauses = { set: [], names: {}, values: {} },
) {
  // Into 审核中 it joins the toCall index (its sort key has been kept since intake); out of it, it leaves.
  const toCallSet = change.status === 'pending_review' ? ['#toCallKey = :toCallKey'] : [];
  const toCallRemove = expected.status === 'pending_review' && change.status !== 'pending_review' ? ['#toCallKey'] : [];
  const remove = [...toCallRemove, ...(extra.remove ?? [])];
  return {
    TableName,
    Key: applicationKey(reference),
    UpdateExpression: `SET ${['#status = :to', '#updatedAt = :at', '#statusKey = :statusKey', '#history = list_append(#history, :entry)', ...toCallSet, ...extra.set].join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
    ConditionExpression: 'attribute_exists(#pk) AND #status = :expected AND size(#history) = :historyLength',
    ExpressionAttributeNames: {
      '#pk': PK,
      '#status': 'status',
      '#updatedAt': 'updatedAt',
      '#statusKey': byStatus.partitionKey,
      '#history': 'statusHistory',
      ...((toCallSet.length || toCallRemove.length) && { '#toCallKey': toCall.partitionKey }),
      ...extra.names,
    },
    ExpressionAttributeValues: {
      ':to': change.status,
      ':at': change.at,
      ':statusKey': statusKeyOf(reference, change.status),
      ':entry': [withoutReason(change)],
      ':expected': expected.status,
      ':historyLength': expected.historyLength,
      ...(toCallSet.length && { ':toCallKey': toCallPartition(indexShardOf(reference)) }),
      ...extra.values,
    },
  };
}

/**
 * Statistics are spread over this many items per day, each change adding to one picked at random: counters only
 * add up, so any shard will do, and concurrent transactions (a burst of applications) rarely touch the same item.
 * Reading a day costs this many keys in one BatchGetItem.
 */
export const STATS_SHARD_COUNT = 16;
export const statsKey = (day: string, shard: number) => ({ [PK]: `STATS#${day}`, [SK]: `SHARD#${shard}` });

/** The statistics part of a write: ADD each counter of `delta` on one of the day's shards, in the caller's transaction. */
export function statsUpdate(TableName: string, delta: StatsDelta) {
  const entries = Object.entries(delta.counters).filter(([, value]) => value !== 0);
  return {
    TableName,
    Key: statsKey(delta.day, Math.floor(Math.random() * STATS_SHARD_COUNT)),
    UpdateExpression: `SET #kind = :kind${entries.length ? ` ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}` : ''}`,
    ExpressionAttributeNames: { '#kind': 'kind', ...Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])) },
    ExpressionAttributeValues: { ':kind': 'stats', ...Object.fromEntries(entries.map(([, value], i) => [`:c${i}`, value])) },
  };
}

/** One more on the counter, unless it has reached its limit. */
export const counterUpdate = (TableName: string, limit: RateLimit) => ({
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

/** The items intake writes: the application (anonymous) and, for a genuine application, its personal data. */
export function toItems(record: IntakeRecord, enqueueForReview: boolean, idempotencyKeyValue: string): { application: Item; personal?: Item } {
  const sortable = sortableOf(record);
  const shard = indexShardOf(record.reference);
  const common = {
    ...applicationKey(record.reference),
    [byStatus.partitionKey]: statusPartition(record.status, shard),
    [byStatus.sortKey]: sortable,
    ...(enqueueForReview && { [outbox.partitionKey]: outboxPartition(shard), [outbox.sortKey]: sortable }),
  };
  if (record.kind === 'spam') {
    const { expiresAt, ...rest } = record;
    return { application: { ...rest, ...common, [TTL]: epochSeconds(new Date(expiresAt)) } };
  }
  const { name, phone, phoneHash, note, statusHistory, ...anonymous } = record satisfies ApplicationRecord;
  const historyNotes = Object.fromEntries(statusHistory.flatMap((entry, index) => (entry.reason === undefined ? [] : [[String(index), entry.reason]])));
  // The toCall sort key from the start (a status change into 审核中 only adds the partition key), kept by each call.
  const toCallKeys = {
    ...(record.status === 'pending_review' && { [toCall.partitionKey]: toCallPartition(shard) }),
    [toCall.sortKey]: toCallSortKey(record.reference, toCallOrderOf(record)),
  };
  return {
    application: { ...anonymous, statusHistory: statusHistory.map(withoutReason), ...common, ...toCallKeys },
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
      [byPhone.partitionKey]: phonePartition(phoneHash),
      [byPhone.sortKey]: sortable,
      [TTL]: epochSeconds(new Date(record.personalDataExpiresAt)),
    },
  };
}

const STORAGE_ATTRIBUTES: ReadonlySet<string> = new Set([PK, SK, ...design.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])]);

function withoutStorageAttributes(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name)));
}

/**
 * An item as long as it may be used (personal data, an idempotency record): TTL deletes lazily, so an item past its
 * expiry is treated as already gone.
 */
export function liveItem(item: Item | undefined, now: Date): Item | undefined {
  const expiresAt = item?.[TTL];
  return item && !(typeof expiresAt === 'number' && expiresAt * 1000 <= now.getTime()) ? item : undefined;
}

/** An application item joined with its personal-data item, when there is one. */
export function fromItems(item: Item, personal: Item | undefined): StoredRecord {
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

/**
 * The DynamoDB adapters against DynamoDB Local, on the sharded index keys: listings that span every shard of several
 * statuses page newest first without duplicates or gaps, counts add up the shards, status changes move an
 * application within its shard, the "to call" list keeps 审核中 in due order across shards as statuses, calls and
 * owners change, an owner changes only together with its history entry, and the outbox is drained from every shard. Each test gets its own table.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { createDynamoDbTablePorts, type DynamoDbTablePorts } from '../../support/dynamodb-table-ports.ts';
import { createDocumentClient } from '../../../functions/adapters/dynamodb-document-client.ts';
import { createDynamoDbConsoleActivityLog } from '../../../functions/adapters/dynamodb-console-activity.ts';
import { createDynamoDbLeadStore } from '../../../functions/adapters/dynamodb-lead-store.ts';
import { applicationKey, indexShardOf, indexShards, statusKeyOf } from '../../../functions/adapters/dynamodb-items.ts';
import { applicationsTableDesign } from '../../../functions/adapters/dynamodb-table-design.ts';
import { localClientConfig } from '../../../functions/local/local-environment.ts';
import { provisionApplicationsTable } from '../../../functions/local/provision.ts';
import { sweepOutbox } from '../../../functions/use-cases/sweep-outbox.ts';
import type { ApplicationStatus } from '#domain/application-status.ts';
import { summariseAttempt, toCallOrderOf, type CallAttempt } from '#domain/leads.ts';
import { InvalidPageTokenError, type ApplicationQuery } from '#domain/ports.ts';
import type { ApplicationRecord } from '#domain/records.ts';
import { generateReference } from '#domain/reference.ts';
import { allPagesOf } from '../../support/all-pages.ts';
import { applicationRecord } from '../../support/application-fixtures.ts';

const documentClient = createDocumentClient(localClientConfig(inject('dynamoDbEndpoint')));

async function freshStore(): Promise<{ store: DynamoDbTablePorts; tableName: string }> {
  const tableName = `it-store-${randomUUID().slice(0, 8)}`;
  await provisionApplicationsTable(inject('dynamoDbEndpoint'), tableName);
  return { store: createDynamoDbTablePorts({ tableName, documentClient }), tableName };
}

/** `perShard` references in every index shard, interleaved (shard 0, 1, 2, 3, 0, 1, …) so neighbours differ in shard. */
function referencesAcrossShards(perShard: number): string[] {
  const byShard = indexShards.map((): string[] => []);
  while (byShard.some((references) => references.length < perShard)) {
    const reference = generateReference();
    const bucket = byShard[indexShardOf(reference)]!;
    if (bucket.length < perShard) bucket.push(reference);
  }
  return Array.from({ length: perShard }, (_, round) => byShard.map((references) => references[round]!)).flat();
}

const BASE = Date.parse('2026-11-01T00:00:00.000Z');
const createdAtOf = (index: number) => new Date(BASE + index * 60_000).toISOString();

/** A stored application as intake writes it. */
const application = applicationRecord;

async function write(store: DynamoDbTablePorts, record: ApplicationRecord, enqueueForReview = false): Promise<void> {
  const outcome = await store.writeIntake({
    record,
    idempotency: { key: randomUUID(), requestHash: 'test', reference: record.reference, expiresAt: new Date(Date.now() + 86_400_000) },
    rateLimits: [],
    formToken: { nonce: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
    enqueueForReview,
  });
  expect(outcome).toEqual({ kind: 'written' });
}

const referencesOf = (pages: { reference: string }[][]): string[][] => pages.map((page) => page.map((item) => item.reference));

/** The references on every page of a listing. */
const allPages = async (store: DynamoDbTablePorts, query: ApplicationQuery): Promise<string[][]> =>
  referencesOf(await allPagesOf((paging) => store.listApplications({ ...query, ...paging })));

describe('sharded byStatus index', () => {
  it(`spreads applications over ${applicationsTableDesign.indexShardCount} shards per status, keyed by a stable hash of the reference`, async () => {
    const { store, tableName } = await freshStore();
    const references = referencesAcrossShards(1);
    for (const [index, reference] of references.entries()) await write(store, application(reference, createdAtOf(index)), true);

    const keys = await Promise.all(
      references.map(async (reference) => {
        const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: applicationKey(reference), ConsistentRead: true }));
        return [Item?.gsi2pk, Item?.gsi3pk];
      }),
    );
    expect(keys).toEqual(indexShards.map((shard) => [`STATUS#submitted#${shard}`, `OUTBOX#${shard}`]));
    // Pinned: a different hash would move stored applications to shards no query reads.
    expect(['PA-7K3F-9Q2M', 'PA-7K3F-9Q2N', 'PA-7K3F-9Q2P', 'PA-2345-6789'].map(indexShardOf)).toEqual([2, 3, 1, 0]);
  });

  it('lists a status spread over every shard newest first, a page at a time, with no duplicates or gaps across pages', async () => {
    const { store } = await freshStore();
    const references = referencesAcrossShards(3); // 12 applications, 3 in each shard
    const statuses: ApplicationStatus[] = ['submitted', 'pending_review'];
    for (const [index, reference] of references.entries()) {
      await write(store, application(reference, createdAtOf(index), { status: statuses[index % 2]!, brand: index % 3 === 0 ? 'shengfutong' : 'lakala' }));
    }
    const newestFirst = [...references].reverse();

    for (const limit of [1, 5, 12, 20]) {
      const pages = await allPages(store, { statuses, limit });
      expect(pages.flat()).toEqual(newestFirst);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
      expect(pages.length).toBe(Math.max(1, Math.ceil(references.length / limit)));
    }

    // One status, one brand (filtered on the attribute the index projects), paged across shards.
    const shengfutongSubmitted = newestFirst.filter((reference) => {
      const index = references.indexOf(reference);
      return index % 2 === 0 && index % 3 === 0;
    });
    expect(shengfutongSubmitted.length).toBeGreaterThan(1);
    expect((await allPages(store, { statuses: ['submitted'], brand: 'shengfutong', limit: 1 })).flat()).toEqual(shengfutongSubmitted);

    // Dates: only the newest half, still paged.
    const since = createdAtOf(6);
    expect((await allPages(store, { statuses, createdSince: since, limit: 4 })).flat()).toEqual(newestFirst.slice(0, 6));

    // The page shown is read whole from the table: personal data joined unless left out.
    const first = await store.listApplications({ statuses, limit: 2 });
    expect(first.items[0]).toMatchObject({ reference: newestFirst[0], name: '赵一', phone: '13900001111', city: '广东省 深圳市' });
    const anonymous = await store.listApplications({ statuses, limit: 2, withPersonalData: false });
    expect(anonymous.items[0]).toMatchObject({ reference: newestFirst[0], city: '广东省 深圳市' });
    expect(anonymous.items[0]).not.toHaveProperty('name');
  });

  it('a page token older than the window reads an empty page (DynamoDB refuses a BETWEEN of reversed bounds)', async () => {
    const { store } = await freshStore();
    for (const [index, reference] of referencesAcrossShards(1).entries()) await write(store, application(reference, createdAtOf(index)));
    const statuses = ['submitted'] as ApplicationStatus[];
    const { next } = await store.listApplications({ statuses, limit: 1 });
    expect(next).toBeDefined();

    const later = { statuses, limit: 1, createdSince: '2099-01-01T00:00:00.000Z' };
    expect(await store.listApplications({ ...later, ...(next !== undefined && { page: next }) })).toEqual({ items: [] });
  });

  it('refuses a tampered page token', async () => {
    const { store } = await freshStore();
    const query = { statuses: ['submitted'] as ApplicationStatus[], limit: 1 };
    for (const page of [
      'not-a-token',
      Buffer.from('2026-11-01T00:00:00.000Z#not-a-reference').toString('base64url'),
      Buffer.from('{"0":"x"}').toString('base64url'),
    ]) {
      await expect(store.listApplications({ ...query, page })).rejects.toBeInstanceOf(InvalidPageTokenError);
    }
  });

  it('counts every shard of every status asked for', async () => {
    const { store } = await freshStore();
    const references = referencesAcrossShards(5); // 20 applications
    for (const [index, reference] of references.entries()) {
      await write(
        store,
        application(reference, createdAtOf(index), { status: index < 14 ? 'submitted' : 'contacted', brand: index % 2 === 0 ? 'lakala' : 'unionpay' }),
      );
    }

    expect(await store.countApplications({ statuses: ['submitted'] })).toBe(14);
    expect(await store.countApplications({ statuses: ['submitted', 'contacted'] })).toBe(20);
    expect(await store.countApplications({ statuses: ['submitted', 'contacted'], brand: 'unionpay' })).toBe(10);
    expect(await store.countApplications({ statuses: ['submitted', 'contacted'], createdSince: createdAtOf(10) })).toBe(10);
    expect(await store.countApplications({ statuses: ['approved'] })).toBe(0);
    // Bounded (the console's tabs): at most that many entries examined, and it says when it stopped early.
    expect(await store.countApplicationsUpTo({ statuses: ['submitted'] }, 100)).toEqual({ count: 14, complete: true });
    expect(await store.countApplicationsUpTo({ statuses: ['submitted'] }, 8)).toEqual({ count: 8, complete: false });
    expect(await store.countApplicationsUpTo({ statuses: ['submitted', 'contacted'], brand: 'unionpay' }, 100)).toEqual({ count: 10, complete: true });
    const listed = (await allPages(store, { statuses: ['submitted', 'contacted'], limit: 7 })).flat();
    expect(new Set(listed).size).toBe(20);
  });

  it('moves an application to the new status within its shard when its status changes', async () => {
    const { store, tableName } = await freshStore();
    const [reference] = referencesAcrossShards(1);
    const createdAt = createdAtOf(0);
    await write(store, application(reference!, createdAt));

    const outcome = await store.updateStatus({
      reference: reference!,
      expected: { status: 'submitted', historyLength: 1 },
      change: { status: 'pending_review', at: createdAtOf(1), by: 'system:screening' },
      statsDelta: { day: createdAt.slice(0, 10), counters: { 's.submitted': -1, 's.pending_review': 1 } },
    });

    expect(outcome).toBe('updated');
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: applicationKey(reference!), ConsistentRead: true }));
    expect(Item?.gsi2pk).toBe(statusKeyOf(reference!, 'pending_review'));
    expect((await store.listApplications({ statuses: ['pending_review'], limit: 10 })).items.map((item) => item.reference)).toEqual([reference]);
    expect(await store.countApplications({ statuses: ['submitted'] })).toBe(0);
  });
});

describe('"to call" list (toCall index)', () => {
  /** The references on every page of the "to call" list. */
  const allToCall = async (store: DynamoDbTablePorts, query: Parameters<DynamoDbTablePorts['listToCall']>[0]): Promise<string[][]> =>
    referencesOf(await allPagesOf((paging) => store.listToCall({ ...query, ...paging })));

  const toReview = (store: DynamoDbTablePorts, reference: string, createdAt: string) =>
    store.updateStatus({
      reference,
      expected: { status: 'submitted', historyLength: 1 },
      change: { status: 'pending_review', at: createdAt, by: 'system:screening' },
      statsDelta: { day: createdAt.slice(0, 10), counters: {} },
    });

  it('holds 审核中 only, earliest due first (then first come) across every shard, a page at a time without gaps', async () => {
    const { store } = await freshStore();
    const references = referencesAcrossShards(3);
    // Seven hours apart: several submission days, so several due times, each shared by a few applications.
    const createdAt = (index: number) => new Date(BASE + index * 7 * 3_600_000).toISOString();
    const cities = ['广东省 深圳市', '浙江省 杭州市'];
    for (const [index, reference] of references.entries()) {
      await write(store, application(reference, createdAt(index), { brand: index % 3 === 0 ? 'shengfutong' : 'lakala', city: cities[index % 2]! }));
    }
    expect(await store.listToCall({ limit: 20 })).toEqual({ items: [] }); // 已提交 is not waiting for a call yet

    for (const [index, reference] of references.entries()) expect(await toReview(store, reference, createdAt(index))).toBe('updated');
    const dueOrder = references
      .map((reference, index) => ({ reference, ...toCallOrderOf({ createdAt: createdAt(index) }) }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.createdAt.localeCompare(b.createdAt))
      .map((entry) => entry.reference);
    expect(new Set(dueOrder.map((reference) => toCallOrderOf({ createdAt: createdAt(references.indexOf(reference)) }).dueAt)).size).toBeGreaterThan(1);

    for (const limit of [1, 5, 12, 20]) {
      const pages = await allToCall(store, { limit });
      expect(pages.flat()).toEqual(dueOrder);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    }
    expect(await store.countToCall({}, 100)).toEqual({ count: 12, complete: true });
    // A count examines a bounded part of the list (earliest due first in each shard) and says when it stopped early.
    expect(await store.countToCall({}, 8)).toEqual({ count: 8, complete: false });

    // Filters on what the index projects: brand, city; the page is read whole (personal data for masking).
    const shengfutong = dueOrder.filter((reference) => references.indexOf(reference) % 3 === 0);
    expect((await allToCall(store, { brand: 'shengfutong', limit: 1 })).flat()).toEqual(shengfutong);
    const hangzhou = dueOrder.filter((reference) => references.indexOf(reference) % 2 === 1);
    expect((await allToCall(store, { city: '杭州', limit: 2 })).flat()).toEqual(hangzhou);
    expect(await store.countToCall({ city: '杭州' }, 100)).toEqual({ count: hangzhou.length, complete: true });
    expect((await store.listToCall({ limit: 1 })).items[0]).toMatchObject({ reference: dueOrder[0], name: '赵一', phone: '13900001111' });

    // Due by a time: exactly those whose due time has come (the overdue view, with now).
    const firstDue = toCallOrderOf({ createdAt: createdAt(references.indexOf(dueOrder[0]!)) }).dueAt;
    const dueByThen = dueOrder.filter((reference) => toCallOrderOf({ createdAt: createdAt(references.indexOf(reference)) }).dueAt <= firstDue);
    expect((await allToCall(store, { dueBy: firstDue, limit: 1 })).flat()).toEqual(dueByThen);
    expect(await store.countToCall({ dueBy: firstDue }, 100)).toEqual({ count: dueByThen.length, complete: true });
    expect(await store.countToCall({ dueBy: '2026-10-01T00:00:00.000Z' }, 100)).toEqual({ count: 0, complete: true });

    await expect(store.listToCall({ limit: 5, page: Buffer.from('2026-11-01T00:00:00.000Z#bogus', 'utf8').toString('base64url') })).rejects.toThrow(
      InvalidPageTokenError,
    );
  });

  it('a page token past the due cut reads an empty page (DynamoDB refuses a BETWEEN of reversed bounds)', async () => {
    const { store } = await freshStore();
    for (const [index, reference] of referencesAcrossShards(1).entries()) {
      await write(store, application(reference, createdAtOf(index)));
      expect(await toReview(store, reference, createdAtOf(index))).toBe('updated');
    }
    const { next } = await store.listToCall({ limit: 1 });
    expect(next).toBeDefined();

    expect(await store.listToCall({ limit: 1, dueBy: '2026-10-01T00:00:00.000Z', ...(next !== undefined && { page: next }) })).toEqual({ items: [] });
  });

  it('moves a lead when a call sets its next due time, filters by owner, and drops it when it leaves 审核中', async () => {
    const { store, tableName } = await freshStore();
    const leads = createDynamoDbLeadStore({ tableName, documentClient });
    const [early, late, other] = referencesAcrossShards(1) as [string, string, string];
    for (const [index, reference] of [early, late, other].entries()) {
      await write(store, application(reference, createdAtOf(index)));
      await toReview(store, reference, createdAtOf(index));
    }
    expect((await store.listToCall({ limit: 10 })).items.map((item) => item.reference)).toEqual([early, late, other]);

    // 约回电 in a week: the first lead goes to the end.
    const attempt: CallAttempt = { reference: early, at: createdAtOf(10), by: 'console:reviewer', outcome: 'callback', nextCallAt: '2026-11-09T02:00:00.000Z' };
    const summary = summariseAttempt(undefined, attempt);
    const order = toCallOrderOf({ createdAt: createdAtOf(0), calls: summary });
    expect(await leads.recordCall(attempt, summary, 0, { day: '2026-11-01', counters: {} }, order)).toBe('recorded');
    expect((await store.listToCall({ limit: 10 })).items.map((item) => item.reference)).toEqual([late, other, early]);

    // "我的": the owner is projected, so the filter needs no read of the items.
    await leads.changeOwner({
      reference: other,
      to: { id: 'reviewer2', since: createdAtOf(11) },
      expectedOwner: null,
      entry: { action: 'claimed', at: createdAtOf(11), by: 'console:reviewer2' },
    });
    expect((await store.listToCall({ owner: 'reviewer2', limit: 10 })).items.map((item) => item.reference)).toEqual([other]);
    expect(await store.countToCall({ owner: 'reviewer2' }, 100)).toEqual({ count: 1, complete: true });

    // Reached: 已电话联系 is no longer "to call".
    await store.updateStatus({
      reference: late,
      expected: { status: 'pending_review', historyLength: 2 },
      change: { status: 'contacted', at: createdAtOf(12), by: 'console:reviewer' },
      statsDelta: { day: '2026-11-01', counters: {} },
    });
    expect((await store.listToCall({ limit: 10 })).items.map((item) => item.reference)).toEqual([other, early]);
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: applicationKey(late), ConsistentRead: true }));
    expect(Item).not.toHaveProperty('gsi4pk');
  });
});

describe('"to call" list for applications older than it', () => {
  it('an application submitted before the list existed (no sort key) joins it when screening moves it into 审核中', async () => {
    const { store, tableName } = await freshStore();
    const [reference] = referencesAcrossShards(1) as [string];
    const createdAt = createdAtOf(0);
    await write(store, application(reference, createdAt));
    await documentClient.send(new UpdateCommand({ TableName: tableName, Key: applicationKey(reference), UpdateExpression: 'REMOVE gsi4sk' }));

    const outcome = await store.updateStatus({
      reference,
      expected: { status: 'submitted', historyLength: 1 },
      change: { status: 'pending_review', at: createdAtOf(1), by: 'system:screening' },
      statsDelta: { day: createdAt.slice(0, 10), counters: {} },
      toCallOrder: toCallOrderOf({ createdAt }),
    });

    expect(outcome).toBe('updated');
    expect((await store.listToCall({ limit: 10 })).items.map((item) => item.reference)).toEqual([reference]);
  });
});

describe('lead owner changes', () => {
  it('write the owner and its history entry in one transaction: an entry the table refuses leaves the owner unchanged', async () => {
    const { store, tableName } = await freshStore();
    const leads = createDynamoDbLeadStore({ tableName, documentClient });
    const activity = createDynamoDbConsoleActivityLog({ tableName, documentClient });
    const [reference] = referencesAcrossShards(1) as [string];
    await write(store, application(reference, createdAtOf(0)));
    const claim = (by: string) =>
      leads.changeOwner({
        reference,
        to: { id: 'reviewer', since: createdAtOf(1) },
        expectedOwner: null,
        entry: { action: 'claimed', at: createdAtOf(1), by },
      });

    // An entry over DynamoDB's 400 KB item limit: the whole write is refused, so no owner without its entry.
    await expect(claim('x'.repeat(410_000))).rejects.toThrow();
    expect((await store.findByReference(reference)) as { owner?: unknown }).not.toHaveProperty('owner');
    expect(await activity.activityOf(reference)).toEqual([]);

    expect(await claim('console:reviewer')).toEqual({ kind: 'changed' });
    expect((await store.findByReference(reference)) as { owner?: unknown }).toMatchObject({ owner: { id: 'reviewer' } });
    expect(await activity.activityOf(reference)).toEqual([{ action: 'claimed', at: createdAtOf(1), by: 'console:reviewer' }]);
  });
});

describe('sharded outbox', () => {
  it('lists the oldest marked applications across every shard, and the sweep sends every one of them', async () => {
    const { store } = await freshStore();
    const references = referencesAcrossShards(3); // 12, oldest first
    for (const [index, reference] of references.entries()) await write(store, application(reference, createdAtOf(index)), index !== 5);
    const marked = references.filter((_, index) => index !== 5);
    expect(new Set(marked.map(indexShardOf)).size).toBe(indexShards.length);
    const later = new Date(BASE + 3_600_000);

    expect(await store.listOutbox(later, 100)).toEqual(marked);
    expect(await store.listOutbox(later, 3)).toEqual(marked.slice(0, 3));
    expect(await store.listOutbox(new Date(createdAtOf(4)), 100)).toEqual(marked.slice(0, 4));

    const sent: string[] = [];
    const result = await sweepOutbox(
      { minAgeSeconds: 0, maxApplications: 100 },
      { applications: store, reviewQueue: { enqueue: async (reference) => void sent.push(reference) }, clock: { now: () => later } },
    );

    expect(result).toEqual({ found: 11, sent: 11, failed: 0 });
    expect(sent.sort()).toEqual([...marked].sort());
    expect(await store.listOutbox(later, 100)).toEqual([]);
  });
});

describe('intake records', () => {
  it('an idempotency record past its expiry answers nothing, though TTL has not deleted it yet', async () => {
    const { store } = await freshStore();
    const reference = generateReference();
    const key = randomUUID();
    const outcome = await store.writeIntake({
      record: application(reference, createdAtOf(0)),
      idempotency: { key, requestHash: 'test', reference, expiresAt: new Date(Date.now() - 1_000) },
      rateLimits: [],
      formToken: { nonce: randomUUID(), expiresAt: new Date(Date.now() + 60_000) },
      enqueueForReview: false,
    });

    expect(outcome).toEqual({ kind: 'written' });
    expect(await store.findIdempotencyRecord(key)).toBeUndefined();
  });

  it("a form token's nonce is stored with the application, once: a second write with it is refused", async () => {
    const { store } = await freshStore();
    const formToken = { nonce: randomUUID(), expiresAt: new Date(Date.now() + 60_000) };
    const attempt = (reference: string) =>
      store.writeIntake({
        record: application(reference, createdAtOf(0)),
        idempotency: { key: randomUUID(), requestHash: 'test', reference, expiresAt: new Date(Date.now() + 60_000) },
        rateLimits: [],
        formToken,
        enqueueForReview: false,
      });

    expect(await attempt(generateReference())).toEqual({ kind: 'written' });
    expect(await attempt(generateReference())).toEqual({ kind: 'form_token_used' });
  });
});

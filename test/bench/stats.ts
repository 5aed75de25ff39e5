/**
 * Statistics at scale: the console's `GET /api/console/stats?days=90` on the local stack (real handler, DynamoDB
 * Local) with 10,000 and then 100,000 applications spread over the last 90 days, against a queue page on the same
 * table (the issue's reference: 0.25 s) and, at 10,000, against the former way of computing them (reading every
 * application of the window). Applications are seeded as the items intake and review leave (application item, call
 * attempts' counters), with the running counters their histories add up to (domain/stats-counters.ts replayDeltas).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { applicationStatuses } from '../../functions/domain/application-status.ts';
import type { CallAttempt } from '../../functions/domain/leads.ts';
import type { ApplicationRecord, StatusChange } from '../../functions/domain/records.ts';
import { generateReference } from '../../functions/domain/reference.ts';
import { replayDeltas, sumCounters, type Counters } from '../../functions/domain/stats-counters.ts';
import { createDocumentClient, type DynamoDBDocumentClient } from '../../functions/adapters/dynamodb-document-client.ts';
import { createDynamoDbBackOfficeStore } from '../../functions/adapters/dynamodb-back-office-store.ts';
import { STATS_SHARD_COUNT, statsKey, toItems, type Item } from '../../functions/adapters/dynamodb-items.ts';
import { sdkCallLimits } from '../../functions/adapters/sdk-call-limits.ts';
import { localClientConfig } from '../../functions/local/local-environment.ts';
import { startLocalStack, type LocalStack } from '../../functions/local/local-stack.ts';
import { signInToConsole } from '../support/console-sign-in.ts';
import { formatCount, formatMs, formatRatio, type SectionReport } from './report.ts';

const DAY_MS = 86_400_000;
const DAYS = 90;
/** The promise: stats must answer within this, at every size. */
const STATS_BUDGET_MS = 1_000;
const flow = ['submitted', 'pending_review', 'contacted', 'approved', 'shipped', 'activated'] as const;

export interface StatsBenchSettings {
  sizes: readonly number[];
  runs: number;
}

/** A plausible application `ageMs` old: the older, the further along (or closed); the youngest still to call. */
function seededApplication(now: number, index: number, total: number): { record: ApplicationRecord; calls: CallAttempt[] } {
  const ageMs = ((index + 0.5) / total) * DAYS * DAY_MS;
  const createdAt = new Date(now - ageMs).toISOString();
  const reference = generateReference();
  const stepsDone = ageMs < 2 * DAY_MS ? 1 : 1 + (index % 5);
  const rejected = ageMs >= 2 * DAY_MS && index % 7 === 0;
  const path: StatusChange['status'][] = rejected ? ['submitted', 'pending_review', 'rejected'] : flow.slice(0, stepsDone + 1);
  const at = (step: number) => new Date(Date.parse(createdAt) + step * 3_600_000).toISOString();
  const statusHistory: StatusChange[] = path.map((status, step) => ({
    status,
    at: at(step),
    by: step === 0 ? 'intake' : step === 1 ? 'system:screening' : 'console:reviewer',
  }));
  const status = path.at(-1)!;
  const calls: CallAttempt[] =
    ageMs < DAY_MS / 2 ? [] : [{ reference, at: at(1), by: `console:reviewer${index % 3}`, outcome: stepsDone >= 2 ? 'reached' : 'no_answer' }];
  const record: ApplicationRecord = {
    kind: 'application',
    reference,
    status,
    createdAt,
    updatedAt: statusHistory.at(-1)!.at,
    name: '张三',
    phone: '13800000000',
    phoneHash: `bench-${index}`,
    city: '广东省 深圳市',
    merchantType: 'individual',
    brand: (['lakala', 'shengfutong', 'unionpay', 'undecided'] as const)[index % 4]!,
    consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: createdAt },
    signals: [],
    statusHistory,
    channel: 'json',
    attribution: { landingPage: `/articles/article-${index % 40}/` },
    personalDataExpiresAt: new Date(now + 365 * DAY_MS).toISOString(),
    ...(calls.length && {
      calls: {
        attempts: 1,
        firstAttemptAt: calls[0]!.at,
        lastAttemptAt: calls[0]!.at,
        lastOutcome: calls[0]!.outcome,
        failedDays: [],
        ...(calls[0]!.outcome === 'reached' && { reachedAt: calls[0]!.at }),
      },
    }),
  };
  return { record, calls };
}

async function seed(stack: LocalStack, from: number, to: number, total: number, now: number, counters: Map<string, Counters>): Promise<void> {
  // The bench's own clients (seeding, the former statistics) have tooling limits, so a 100-key batch on a busy
  // DynamoDB Local is not cut off by the 2 s request timeout the functions keep (what is measured still goes through them).
  const client = createDocumentClient({ ...localClientConfig(stack.dynamoDb.endpoint), limits: sdkCallLimits.tooling });
  const items: Item[] = [];
  for (let index = from; index < to; index++) {
    const { record, calls } = seededApplication(now, index, total);
    // The application item only: statistics never read personal data.
    items.push(toItems(record, false, `bench-${index}`).application);
    for (const delta of replayDeltas(record, calls)) counters.set(delta.day, sumCounters(counters.get(delta.day) ?? {}, delta.counters));
  }
  await writeAll(client, stack.tableName, items);
  client.destroy();
}

/** BatchWriteItem in chunks of 25, a few at a time, retrying unprocessed items. */
async function writeAll(client: DynamoDBDocumentClient, TableName: string, items: readonly Item[]): Promise<void> {
  const chunks: Item[][] = [];
  for (let offset = 0; offset < items.length; offset += 25) chunks.push(items.slice(offset, offset + 25) as Item[]);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < chunks.length) {
        let pending: Item[] = chunks[next++]!;
        while (pending.length) {
          const result = await client.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
          pending = (result.UnprocessedItems?.[TableName] ?? []).map((request) => request.PutRequest!.Item as Item);
        }
      }
    }),
  );
}

/** The day's counters spread over the shards as random picks would leave them. */
function counterItems(counters: Map<string, Counters>): Item[] {
  return [...counters].flatMap(([day, total]) =>
    Array.from({ length: STATS_SHARD_COUNT }, (_, shard) => ({
      ...statsKey(day, shard),
      kind: 'stats',
      ...Object.fromEntries(
        Object.entries(total).map(([name, value]) => [name, Math.floor(value / STATS_SHARD_COUNT) + (shard < value % STATS_SHARD_COUNT ? 1 : 0)]),
      ),
    })),
  );
}

async function timed(runs: number, request: () => Promise<Response>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** A comparison that fails (a 503 when its reads outlast the functions' SDK timeouts) is reported in its cell, not fatal. */
const baseline = (measured: Promise<number>): Promise<{ ms?: number; cell: string }> =>
  measured.then(
    (ms) => ({ ms, cell: formatMs(ms) }),
    (error: unknown) => ({ cell: `failed: ${error instanceof Error ? error.message : String(error)}` }),
  );

export async function benchmarkStats(settings: StatsBenchSettings): Promise<SectionReport> {
  const stack = await startLocalStack({ inMemory: true, backgroundTasks: [], env: { POWERTOOLS_LOG_LEVEL: 'WARN' } });
  try {
    const token = await signInToConsole(stack.url, stack.oidc as never, 'reviewer');
    const get = (path: string) => () => fetch(`${stack.url}/api/console/${path}`, { headers: { authorization: `Bearer ${token}` } });
    const store = createDynamoDbBackOfficeStore({
      tableName: stack.tableName,
      documentClient: createDocumentClient({ ...localClientConfig(stack.dynamoDb.endpoint), limits: sdkCallLimits.tooling }),
    });
    const now = Date.now();
    const counters = new Map<string, Counters>();
    const rows: string[][] = [];
    const warnings: string[] = [];
    let seeded = 0;
    for (const size of settings.sizes) {
      const seedStarted = performance.now();
      // Earlier sizes stay: the table grows from one size to the next, as a real one would.
      await seed(stack, seeded, size, Math.max(...settings.sizes), now, counters);
      seeded = size;
      const client = createDocumentClient({ ...localClientConfig(stack.dynamoDb.endpoint), limits: sdkCallLimits.tooling });
      await writeAll(client, stack.tableName, counterItems(counters));
      client.destroy();
      const seedMs = performance.now() - seedStarted;
      await timed(2, get('stats?days=90')); // warm-up: the JVM and the handler
      const stats = await timed(settings.runs, get('stats?days=90'));
      const toCall = await baseline(timed(settings.runs, get('applications?limit=20')));
      // Last: should its counts time out, DynamoDB Local goes on reading for them and would slow what follows.
      const queuePage = await baseline(timed(settings.runs, get('applications?status=contacted&limit=20')));
      let former = '—';
      if (size <= 10_000) {
        // The former statistics: every application of the window read through the byStatus index, page by page.
        const started = performance.now();
        let page: string | undefined;
        do {
          const result = await store.listApplications({
            statuses: applicationStatuses,
            limit: 500,
            withPersonalData: false,
            ...(page !== undefined && { page }),
          });
          page = result.next;
        } while (page);
        former = formatMs(performance.now() - started);
      }
      const ratio = (page: { ms?: number }) => (page.ms === undefined ? '—' : formatRatio(stats / page.ms));
      rows.push([formatCount(size), formatMs(stats), queuePage.cell, toCall.cell, ratio(toCall), ratio(queuePage), former, formatMs(seedMs)]);
      if (stats >= STATS_BUDGET_MS) warnings.push(`stats took ${formatMs(stats)} at ${formatCount(size)} applications (budget ${formatMs(STATS_BUDGET_MS)})`);
    }
    return {
      title: 'Statistics at scale',
      method: [
        `\`GET /api/console/stats?days=90\` through the local stack (real console handler, DynamoDB Local), median of ${settings.runs} after 2 warm-up requests, with the applications of the last ${DAYS} days seeded as intake and review leave them, plus the running counters their histories add up to (16 shards a day).`,
        'Statistics read the counter items of the window only (90 days × 16 keys, BatchGetItem), so their cost does not grow with the number of applications.',
        'Baselines on the same table in the same run: the "to call" view (the console\'s default queue page: `审核中` by due time, 20 rows, read from the toCall index with its two counts) and a status queue page (`status=contacted`, 20 rows, with the per-status counts its tabs show, each examining at most 2,000 entries); at 10,000 also the former way of computing statistics (every application of the window read through the byStatus index). Ratios are stats ÷ baseline: below 1× means statistics answer faster than a queue page.',
      ],
      tables: [
        {
          title: 'Latency by number of applications',
          columns: [
            'Applications',
            'Stats (90 days)',
            'Status queue page',
            '"To call" page',
            'Stats ÷ "to call"',
            'Stats ÷ status page',
            'Former stats (read all)',
            'Seeding',
          ],
          rows,
        },
      ],
      warnings,
    };
  } finally {
    await stack.stop();
  }
}

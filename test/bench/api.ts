/**
 * API benchmark: `POST /api/applications` on the local stack (the real handlers behind the API Gateway adapter, on
 * DynamoDB Local and the SQS emulator) against a baseline endpoint doing one PutItem and one SendMessage on the same
 * table and queue, under the same load in the same run. Both are warmed up first (the DynamoDB Local JVM speeds up
 * considerably); then the baseline is measured, then ours, so ours meets the fuller table.
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../../functions/local/local-environment.ts';
import { startLocalStack, type LocalStack } from '../../functions/local/local-stack.ts';
import type { LoadResult } from './api-load-client.ts';
import { BASELINE_ITEM_KIND, startBaselineServer } from './api-baseline-server.ts';
import { repoPath, runMeasured } from './processes.ts';
import { formatCount, formatRatio, type SectionReport } from './report.ts';

export interface ApiSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** Limits far above what the load can reach: the benchmark measures the work, not the throttle. */
const UNTHROTTLED = {
  RATE_LIMIT_PER_IP_PER_MINUTE: '1000000000',
  RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY: '1000000',
  // One INFO line per request to the terminal would measure the terminal; warnings and errors still print.
  POWERTOOLS_LOG_LEVEL: 'WARN',
};

export async function benchmarkApi(settings: ApiSettings): Promise<SectionReport> {
  // No background tasks: the outbox sweeper would compete for the same CPU as the endpoint under test.
  const stack = await startLocalStack({ inMemory: true, backgroundTasks: [], env: UNTHROTTLED });
  try {
    const baseline = await startBaselineServer(stack);
    try {
      return await measure(stack, baseline.url, settings);
    } finally {
      await baseline.close();
    }
  } finally {
    await stack.stop();
  }
}

async function measure(stack: LocalStack, baselineUrl: string, settings: ApiSettings): Promise<SectionReport> {
  /** One load run, then wait until the requests it left in flight have finished, so runs never overlap. */
  const load = async (origin: string, itemKind: string, seconds: number, phoneSeries: number): Promise<LoadResult> => {
    const run = await runMeasured(
      process.execPath,
      [repoPath('test/bench/api-load-client.ts'), origin, String(settings.connections), String(seconds), String(phoneSeries)],
      { label: `load on ${origin}` },
    );
    await untilCountSettles(() => countItems(stack, itemKind));
    return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as LoadResult;
  };

  const oursWarmup = await load(stack.url, APPLICATION_KIND, settings.warmupSeconds, 0);
  const baselineWarmup = await load(baselineUrl, BASELINE_ITEM_KIND, settings.warmupSeconds, 1);
  const baseline = await load(baselineUrl, BASELINE_ITEM_KIND, settings.durationSeconds, 2);
  const ours = await load(stack.url, APPLICATION_KIND, settings.durationSeconds, 3);

  const storedApplications = await countItems(stack, APPLICATION_KIND);
  const storedBaseline = await countItems(stack, BASELINE_ITEM_KIND);
  const acknowledged = oursWarmup.ok2xx + ours.ok2xx;
  const baselineAcknowledged = baselineWarmup.ok2xx + baseline.ok2xx;

  const warnings: string[] = [];
  if (ours.non2xx > 0 || ours.errors > 0) {
    warnings.push(`Our endpoint answered ${ours.non2xx} non-2xx and had ${ours.errors} connection errors (status codes: ${JSON.stringify(ours.statusCodes)}).`);
  }
  if (storedApplications < acknowledged) {
    warnings.push(
      `${acknowledged - storedApplications} acknowledged applications are missing from the table (${acknowledged} answered 2xx, ${storedApplications} stored).`,
    );
  }

  const latency = (milliseconds: number) => `${milliseconds.toFixed(1)} ms`;
  const row = (name: string, result: LoadResult) => [
    name,
    formatCount(result.requestsPerSecond, 1),
    latency(result.latencyP50Ms),
    latency(result.latencyP99Ms),
    formatCount(result.ok2xx),
    formatCount(result.non2xx),
    formatCount(result.errors),
  ];

  return {
    title: 'Intake API',
    method: [
      `autocannon, ${settings.connections} connections for ${settings.durationSeconds} s per endpoint (after a ${settings.warmupSeconds} s warm-up of each), from a separate process; every request a unique valid application with its own Idempotency-Key and phone number, started 20 s before sending.`,
      'Ours: `POST /api/applications` on the local stack started in-process (`startLocalStack`, in memory, rate limits raised, log level WARN, no background tasks): the real handler behind the API Gateway adapter — validation, idempotency lookup, one transaction (idempotency record + application + rate counters), SendMessage, outbox update.',
      'Baseline: a node:http endpoint in the same process doing only JSON.parse, one PutItem and one SendMessage against the same DynamoDB Local table and SQS emulator queue.',
      'Overhead = baseline throughput ÷ ours, and our p50 ÷ baseline p50 (1.00× = no overhead). Emulators run on the same two cores as the server and the load generator, so absolute figures are far from AWS; the ratios are the result.',
      'Sanity: applications stored after the run vs 2xx answers (warm-up included). Requests in flight when a run stops may be stored without an answer counted, so stored ≥ acknowledged is the no-loss condition.',
    ],
    tables: [
      {
        title: `Load: ${settings.connections} connections, ${settings.durationSeconds} s`,
        columns: ['endpoint', 'req/s', 'p50', 'p99', '2xx', 'non-2xx', 'errors'],
        rows: [row('ours: POST /api/applications', ours), row('baseline: PutItem + SendMessage', baseline)],
      },
      {
        title: 'Our overhead against the baseline',
        columns: ['measure', 'ratio'],
        rows: [
          ['throughput: baseline ÷ ours', formatRatio(baseline.requestsPerSecond / ours.requestsPerSecond)],
          ['p50 latency: ours ÷ baseline', formatRatio(ours.latencyP50Ms / baseline.latencyP50Ms)],
          ['p99 latency: ours ÷ baseline', formatRatio(ours.latencyP99Ms / baseline.latencyP99Ms)],
        ],
      },
      {
        title: 'No loss: stored items vs acknowledged requests (warm-up included)',
        columns: ['endpoint', 'answered 2xx', 'stored', 'lost'],
        rows: [
          ['ours (applications)', formatCount(acknowledged), formatCount(storedApplications), formatCount(Math.max(0, acknowledged - storedApplications))],
          ['baseline (items)', formatCount(baselineAcknowledged), formatCount(storedBaseline), formatCount(Math.max(0, baselineAcknowledged - storedBaseline))],
        ],
      },
    ],
    warnings,
  };
}

const APPLICATION_KIND = 'application';
const SETTLE_POLL_MS = 500;
const SETTLE_TIMEOUT_MS = 60_000;

/** Poll until two consecutive counts agree: the server has finished the requests a stopped load left behind. */
async function untilCountSettles(count: () => Promise<number>): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let previous = await count();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    const current = await count();
    if (current === previous) return;
    previous = current;
  }
  throw new Error(`the server was still storing items ${SETTLE_TIMEOUT_MS / 1000} s after the load stopped`);
}

/** Items of one `kind` in the applications table (a full scan: fine for a benchmark's few thousand items). */
async function countItems(stack: LocalStack, kind: string): Promise<number> {
  const client = new DynamoDBClient(localClientConfig(stack.dynamoDb.endpoint));
  try {
    let count = 0;
    let startKey: ScanCommand['input']['ExclusiveStartKey'];
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: stack.tableName,
          Select: 'COUNT',
          FilterExpression: '#kind = :kind',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: { ':kind': { S: kind } },
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  } finally {
    client.destroy();
  }
}

/**
 * A local stack for one resilience suite: its own DynamoDB Local and SQS emulator on free ports (so suites never share
 * data), the real HTTP server and handlers, and by default the same background tasks as `npm start` (outbox sweeper,
 * review-queue poller). The site directory is a one-page stand-in: these suites exercise the API only, and must not
 * depend on `npm run build` having run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll } from 'vitest';
import type { BackgroundTask } from '../../../functions/local/background-tasks.ts';
import { startLocalStack, type LocalStack } from '../../../functions/local/local-stack.ts';
import { TableInspector } from './table-inspector.ts';
import { QueueInspector } from './queue-inspector.ts';
import { emptyCounts, printCountsTable, type ExtraRow, type ResilienceCounts } from './counts-report.ts';

/**
 * Limits far above anything a suite sends from one address or phone, so the generators measure the product and not
 * the throttle (the bad-input suite proves the 429 shape separately). Handler logs off: a thousand INFO lines per
 * suite would drown the count tables; failures in background tasks still print.
 */
export const RESILIENCE_ENVIRONMENT: Readonly<Record<string, string>> = {
  RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY: '1000000',
  STATUS_MISSES_PER_IP_PER_HOUR: '1000000',
  STATUS_MISSES_PER_REFERENCE_PER_DAY: '1000000',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  // The sweeper re-sends what the request that wrote it could not; 1 s keeps outage suites short.
  OUTBOX_MIN_AGE_SECONDS: '1',
};

export interface ResilienceStackOptions {
  /** Overrides of RESILIENCE_ENVIRONMENT and the stack's own values. */
  env?: Record<string, string>;
  /** @default the stack's own (outbox sweeper + review-queue poller) */
  backgroundTasks?: readonly BackgroundTask[];
  /**
   * Persist DynamoDB and SQS data in a temporary folder, so that stopping and starting a service keeps its data (an
   * in-memory DynamoDB Local forgets everything when it stops). @default false
   */
  persistent?: boolean;
  /** DynamoDB Local's port, when a test must know it before the stack starts (e.g. to put a proxy in front). @default a free port */
  dynamoDbPort?: number;
  /** Where the handlers reach DynamoDB (a proxy in front of dynamoDbPort). @default DynamoDB Local itself */
  handlerDynamoDbEndpoint?: string;
  /** SQS's port, when a test puts a proxy in front of it. @default a free port */
  sqsPort?: number;
  /** Where the handlers and background tasks reach SQS (a proxy in front of sqsPort). @default the emulator itself */
  handlerSqsEndpoint?: string;
  /** Where the handlers reach Secrets Manager (with APP_SECRET_ARN in `env`). @default none (fixed local secrets) */
  handlerSecretsManagerEndpoint?: string;
  /**
   * Review-queue visibility timeout in seconds, instead of the design's 180 s, for suites where messages fail and
   * must come back quickly. The redrive policy (DLQ after 5 receives) stays the design's.
   */
  visibilityTimeoutSeconds?: number;
}

export interface ResilienceStack {
  stack: LocalStack;
  /** `POST` target for submissions. */
  applicationsUrl: string;
  table: TableInspector;
  queues: QueueInspector;
  stop(): Promise<void>;
}

export async function startResilienceStack(options: ResilienceStackOptions = {}): Promise<ResilienceStack> {
  const siteDir = await mkdtemp(join(tmpdir(), 'resilience-site-'));
  await writeFile(join(siteDir, 'index.html'), '<!doctype html><html lang="zh-CN"><title>pos-portal</title></html>');
  const dataDir = options.persistent ? await mkdtemp(join(tmpdir(), 'resilience-data-')) : undefined;
  const stack = await startLocalStack({
    port: 0,
    inMemory: !options.persistent,
    ...(options.dynamoDbPort !== undefined && { dynamoDbPort: options.dynamoDbPort }),
    ...(options.handlerDynamoDbEndpoint !== undefined && { handlerDynamoDbEndpoint: options.handlerDynamoDbEndpoint }),
    ...(options.sqsPort !== undefined && { sqsPort: options.sqsPort }),
    ...(options.handlerSqsEndpoint !== undefined && { handlerSqsEndpoint: options.handlerSqsEndpoint }),
    ...(options.handlerSecretsManagerEndpoint !== undefined && { handlerSecretsManagerEndpoint: options.handlerSecretsManagerEndpoint }),
    siteDir,
    ...(dataDir && { dataDir }),
    env: { ...RESILIENCE_ENVIRONMENT, ...options.env },
    ...(options.backgroundTasks && { backgroundTasks: options.backgroundTasks }),
  });
  const table = new TableInspector(stack);
  const queues = new QueueInspector(stack);
  // Before any message arrives. (An in-memory emulator that is restarted recreates the queue with the design's value.)
  if (options.visibilityTimeoutSeconds !== undefined) {
    await queues.client.send(
      new SetQueueAttributesCommand({ QueueUrl: stack.reviewQueueUrl, Attributes: { VisibilityTimeout: String(options.visibilityTimeoutSeconds) } }),
    );
  }

  return {
    stack,
    applicationsUrl: `${stack.url}/api/applications`,
    table,
    queues,
    async stop() {
      table.close();
      queues.close();
      await stack.stop();
      await rm(siteDir, { recursive: true, force: true });
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ResilienceSuite {
  /** The file's stack, once it has started. */
  readonly env: ResilienceStack;
  /** What the file counts, printed as its table when its tests end. */
  readonly counts: ResilienceCounts;
  /** The rows below the seven counts. */
  readonly extra: ExtraRow[];
}

/**
 * Registers the calling file's hooks for one stack and one counts table: the stack starts before the file's tests;
 * after them the table titled `reportTitle` is printed (also when a test failed, so a red run still says how far it
 * got) and the stack stops. Read `env` in tests and later hooks.
 */
export function resilienceSuite(reportTitle: string, options: ResilienceStackOptions = {}): ResilienceSuite {
  const counts = emptyCounts();
  const extra: ExtraRow[] = [];
  let env: ResilienceStack | undefined;
  beforeAll(async () => {
    env = await startResilienceStack(options);
  });
  afterAll(async () => {
    printCountsTable(reportTitle, counts, extra);
    await env?.stop();
  });
  return {
    get env() {
      if (!env) throw new Error('the resilience stack starts in beforeAll: read it in a test or a later hook');
      return env;
    },
    counts,
    extra,
  };
}

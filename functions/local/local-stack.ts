/**
 * The whole product on one machine: DynamoDB Local, the SQS emulator, the table and queues, the HTTP server (site +
 * API through the Lambda handlers) and the background tasks. `npm start` uses it; so can test suites:
 *
 *   const stack = await startLocalStack({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: '1000' } });
 *   await fetch(`${stack.url}/api/applications`, …);
 *   await stack.stop();
 *
 * The handlers are built from an explicit environment and clients (local-handlers.ts), never from the process
 * environment, so several stacks can run in one process.
 */
import { join } from 'node:path';
import { createAwsClients, serviceConnection } from '../adapters/aws-clients.ts';
import { localBackgroundTasks, type BackgroundTask, type RunningTask } from './background-tasks.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import {
  LOCAL_CREDENTIALS,
  LOCAL_DATA_DIR,
  LOCAL_ORIGIN_VERIFY_SECRET,
  LOCAL_REGION,
  LOCAL_REVIEW_DEAD_LETTER_QUEUE_NAME,
  LOCAL_REVIEW_QUEUE_NAME,
  LOCAL_TABLE_NAME,
  localStackEnvironment,
  SITE_DIST_DIR,
} from './local-environment.ts';
import { freePort } from './free-port.ts';
import { createLocalHandlers, localAwsConnection, type LocalHandlers } from './local-handlers.ts';
import { startLocalServer, type LocalServer } from './local-server.ts';
import { createLocalOidcProvider, LOCAL_CONSOLE_SCOPE, LOCAL_OIDC_PATH, type DemoUser } from './oidc-provider.ts';
import { consoleSignInConfigPath, type ConsoleSignInConfig } from '../http/console-sign-in-config.ts';
import { serveJson } from './local-server.ts';
import { provisionApplicationsTable, provisionReviewQueues } from './provision.ts';
import { startSqsLocal, type SqsLocal } from './sqs-local.ts';

export interface LocalStackOptions {
  /** HTTP port for site and API. @default 0 (a free port) */
  port?: number;
  /** @default 0 (a free port) */
  dynamoDbPort?: number;
  /** @default 0 (a free port) */
  sqsPort?: number;
  /** Keep all data in memory (gone on stop). @default true */
  inMemory?: boolean;
  /** Persisted data (the table) lives in `dynamodb/` below this. @default `<repo>/.local` */
  dataDir?: string;
  /** @default `<repo>/site/dist` */
  siteDir?: string;
  /** Extra handler environment (overrides), e.g. `{ RATE_LIMIT_PER_IP_PER_MINUTE: '1000' }`. */
  env?: Record<string, string>;
  /**
   * Where the handlers and background tasks reach DynamoDB, instead of DynamoDB Local itself: a fault-injecting proxy
   * in front of it (resilience suites). @default DynamoDB Local's endpoint
   */
  handlerDynamoDbEndpoint?: string;
  /** Where the handlers and background tasks reach SQS: a fault-injecting proxy in front of the emulator. @default the emulator */
  handlerSqsEndpoint?: string;
  /**
   * Where the handlers reach Secrets Manager, for a stack given APP_SECRET_ARN in `env` (a stand-in for the service,
   * in tests that make it hang). @default none: the handlers use the local fixed secrets
   */
  handlerSecretsManagerEndpoint?: string;
  /** @default localBackgroundTasks (the outbox sweeper, the review-queue poller, and whatever else is registered there) */
  backgroundTasks?: readonly BackgroundTask[];
}

/** A service that tests can stop and start again (same port, same data when persisted) to inject faults. */
export interface RestartableService {
  readonly endpoint: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface LocalStack {
  /** Site and API origin, e.g. `http://127.0.0.1:4321`. */
  url: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  tableName: string;
  reviewQueueUrl: string;
  reviewDeadLetterQueueUrl: string;
  dynamoDb: RestartableService & { dataDir: string | undefined };
  /** Queues in memory (see sqs-local.ts). */
  sqs: RestartableService;
  /** Everything the handlers were given; spawn the ops CLI or other tools with it to reach this stack. */
  env: Readonly<Record<string, string>>;
  backgroundTasks: readonly string[];
  /** The handlers the stack runs (local-handlers.ts), e.g. the review worker for a test's own queue poller. */
  handlers: LocalHandlers;
  /** The local OpenID Connect provider the review console signs in with, and its demo users. */
  oidc: { issuer: string; clientId: string; users: readonly DemoUser[] };
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const inMemory = options.inMemory ?? true;
  const dataDir = options.dataDir ?? LOCAL_DATA_DIR;
  const dynamoDbDataDir = inMemory ? undefined : join(dataDir, 'dynamodb');
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };

  try {
    let dynamoDb: DynamoDbLocal | undefined;
    let sqs: SqsLocal | undefined;
    [dynamoDb, sqs] = await Promise.all([
      startDynamoDbLocal({ port: options.dynamoDbPort ?? 0, ...(dynamoDbDataDir && { dataDir: dynamoDbDataDir }) }),
      startSqsLocal({ port: options.sqsPort ?? 0 }),
    ]);
    const dynamoDbPort = dynamoDb.port;
    const sqsPort = sqs.port;
    cleanups.push(
      () => dynamoDb?.stop() ?? Promise.resolve(),
      () => sqs?.stop() ?? Promise.resolve(),
    );

    const queueNames = { queueName: LOCAL_REVIEW_QUEUE_NAME, deadLetterQueueName: LOCAL_REVIEW_DEAD_LETTER_QUEUE_NAME };
    const [, queues] = await Promise.all([provisionApplicationsTable(dynamoDb.endpoint, LOCAL_TABLE_NAME), provisionReviewQueues(sqs.endpoint, queueNames)]);

    // The provider's issuer names the server's origin, so the port is settled before either starts.
    const port = options.port || (await freePort());
    const oidc = await createLocalOidcProvider({ origin: `http://127.0.0.1:${port}` });
    const env: Record<string, string> = {
      ...localStackEnvironment({ dynamoDbEndpoint: dynamoDb.endpoint, sqsEndpoint: sqs.endpoint, ...queues }),
      CONSOLE_JWT_ISSUER: oidc.issuer,
      CONSOLE_JWT_AUDIENCE: oidc.clientId,
      CONSOLE_JWKS_URL: oidc.jwksUrl,
      CONSOLE_URL: `http://127.0.0.1:${port}/console/`,
      ...options.env,
    };
    const local = localAwsConnection({
      dynamoDbEndpoint: options.handlerDynamoDbEndpoint ?? dynamoDb.endpoint,
      sqsEndpoint: options.handlerSqsEndpoint ?? sqs.endpoint,
    });
    const connection = options.handlerSecretsManagerEndpoint
      ? { ...local, endpoints: { ...local.endpoints, secretsManager: options.handlerSecretsManagerEndpoint } }
      : local;
    const clients = createAwsClients(connection);
    cleanups.push(async () => {
      clients.documentClient.destroy();
      clients.sqs.destroy();
      if (options.handlerSecretsManagerEndpoint) clients.secretsManager.destroy();
    });
    const handlers = createLocalHandlers(env, clients);

    const server: LocalServer = await startLocalServer({
      handlers: handlers.api,
      port,
      siteDir: options.siteDir ?? SITE_DIST_DIR,
      originVerifySecret: LOCAL_ORIGIN_VERIFY_SECRET,
      mounts: [
        { prefix: LOCAL_OIDC_PATH, handle: oidc.handle },
        // What the deployment writes on AWS, here pointing at the local provider (functions/http/console-sign-in-config.ts).
        {
          prefix: consoleSignInConfigPath,
          handle: serveJson({ issuer: oidc.issuer, clientId: oidc.clientId, scope: LOCAL_CONSOLE_SCOPE } satisfies ConsoleSignInConfig),
        },
      ],
    });
    cleanups.push(() => server.close());

    const tasks = options.backgroundTasks ?? localBackgroundTasks;
    for (const task of tasks) {
      const running: RunningTask = await task.start({
        handlers,
        reviewQueueUrl: queues.reviewQueueUrl,
        sqs: serviceConnection(connection, 'sqs'),
      });
      cleanups.push(() => running.stop());
    }

    return {
      url: server.url,
      region: LOCAL_REGION,
      credentials: { ...LOCAL_CREDENTIALS },
      tableName: LOCAL_TABLE_NAME,
      reviewQueueUrl: queues.reviewQueueUrl,
      reviewDeadLetterQueueUrl: queues.reviewDeadLetterQueueUrl,
      dynamoDb: {
        endpoint: dynamoDb.endpoint,
        dataDir: dynamoDbDataDir,
        async stop() {
          await dynamoDb?.stop();
          dynamoDb = undefined;
        },
        async start() {
          if (dynamoDb) return;
          dynamoDb = await startDynamoDbLocal({ port: dynamoDbPort, ...(dynamoDbDataDir && { dataDir: dynamoDbDataDir }) });
          await provisionApplicationsTable(dynamoDb.endpoint, LOCAL_TABLE_NAME);
        },
      },
      sqs: {
        endpoint: sqs.endpoint,
        async stop() {
          await sqs?.stop();
          sqs = undefined;
        },
        async start() {
          if (sqs) return;
          sqs = await startSqsLocal({ port: sqsPort });
          await provisionReviewQueues(sqs.endpoint, queueNames);
        },
      },
      env,
      handlers,
      backgroundTasks: tasks.map((task) => task.name),
      oidc: { issuer: oidc.issuer, clientId: oidc.clientId, users: oidc.users },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The intake API for an integration test: its own table and queues on the run's DynamoDB Local and SQS emulator, the
 * handlers built from the environment a Lambda would get (functions/local/local-handlers.ts) with clients pointing at
 * the emulators, and the local server (real handlers behind the API Gateway adapter) on a free port. Nothing touches
 * the process environment, so a file may start several.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { inject } from 'vitest';
import {
  LOCAL_ORIGIN_VERIFY_SECRET,
  LOCAL_PHONE_HASH_SECRET,
  LOCAL_REGION,
  SITE_DIST_DIR,
  localAwsEnvironment,
  localClientConfig,
} from '../../functions/local/local-environment.ts';
import { createDynamoDbTablePorts, type DynamoDbTablePorts } from './dynamodb-table-ports.ts';
import { createDocumentClient } from '../../functions/adapters/dynamodb-document-client.ts';
import { createAwsClients, type AwsCall, type AwsCallObserver, type AwsClients } from '../../functions/adapters/aws-clients.ts';
import { createAwsCallRecorder, type Caller, type StageVariant } from './aws-call-recorder.ts';
import type { ChatWebhookSettings } from '../../functions/domain/app-secrets.ts';
import { startFakeSecretsManager } from './fake-secrets-manager.ts';
import { freePort } from '../../functions/local/free-port.ts';
import { createLocalHandlers, localAwsConnection, type LocalHandlers } from '../../functions/local/local-handlers.ts';
import { startLocalServer } from '../../functions/local/local-server.ts';
import { createLocalOidcProvider, LOCAL_OIDC_PATH, type LocalOidcProvider } from '../../functions/local/oidc-provider.ts';
import { provisionApplicationsTable, provisionReviewQueues } from '../../functions/local/provision.ts';
import type { SweepOutboxResult } from '../../functions/use-cases/sweep-outbox.ts';
import { toSqsEvent } from '../../functions/local/review-queue-poller.ts';

export interface IntakeServer {
  /** Origin of the local server, e.g. `http://127.0.0.1:41234`. */
  url: string;
  tableName: string;
  reviewQueueUrl: string;
  reviewDeadLetterQueueUrl: string;
  /** What the handlers were given (endpoints, table, queues, key): spawn the ops CLI with it to reach this table. */
  env: Readonly<Record<string, string>>;
  /** The DynamoDB adapters on this file's table, on the test's own client (not the handlers'). */
  store: DynamoDbTablePorts;
  /** The test's own document client on the run's DynamoDB Local (to build other adapters on this table). */
  documentClient: ReturnType<typeof createDocumentClient>;
  /** Every item in this file's table. */
  items(): Promise<Record<string, unknown>[]>;
  /** The application item (anonymous part). */
  application(reference: string): Promise<Record<string, unknown> | undefined>;
  /** The application's personal-data item. */
  personalData(reference: string): Promise<Record<string, unknown> | undefined>;
  /** Receive and delete everything on the review queue; returns the message bodies. */
  drainReviewQueue(): Promise<string[]>;
  /** Run the outbox sweeper's Lambda handler once. */
  sweepOutbox(): Promise<SweepOutboxResult>;
  /** Take everything off the review queue and screen it with the review worker's handler (as the poller would). */
  screenQueued(): Promise<void>;
  /** The handlers behind the server, e.g. the review worker to screen what the test enqueued. */
  handlers: LocalHandlers;
  /** The local OpenID Connect provider the console handler trusts (started with `withConsoleSignIn`). */
  oidc?: LocalOidcProvider;
  /** Messages published to the ops topic so far (`withOpsTopic`), each the notice's text. */
  opsTopicMessages(): Promise<string[]>;
  /** Records the ops CLI's calls on this file's table and queues, for the IAM check (CliIo.observeAwsCalls). */
  opsCliCalls: AwsCallObserver;
  /**
   * Clients on this file's emulators and secret for a handler a test builds itself (its own configuration). Not
   * recorded for the IAM check: such a test configures the function unlike the stage the template is synthesized for.
   */
  unrecordedClients(): AwsClients;
  /**
   * Clients whose calls are recorded as `caller`'s for the IAM check, for a handler a test builds itself configured as
   * that function is on AWS (APP_SECRET_ARN, the notifier), under the dev stage's settings or `variant`'s.
   */
  recordedClients(caller: Caller, variant?: StageVariant): AwsClients;
  close(): Promise<void>;
}

export interface IntakeServerOptions {
  /** Handler configuration beyond the defaults, e.g. small rate limits. */
  env?: Record<string, string>;
  /** Where the handlers (not the test's own checks) reach DynamoDB / SQS: a ToggleProxy for fault injection. */
  handlerDynamoDbEndpoint?: string;
  handlerSqsEndpoint?: string;
  /** Mount the local OpenID Connect provider at /oidc and point the console handler at it. */
  withConsoleSignIn?: boolean;
  /**
   * Announce new applications through an SNS topic on the emulator (OPS_NOTIFIER=sns, as on AWS), with a queue
   * subscribed to it that `opsTopicMessages()` reads. @default the log notifier
   */
  withOpsTopic?: boolean;
  /** The group robot's settings in the application secret, as `ops chat-webhook` stores them. @default none */
  chatWebhook?: ChatWebhookSettings;
  /**
   * Told of every AWS call the recorded clients make (the handlers', `recordedClients`'), besides the IAM check's
   * recorder: for a test that holds a request to the calls it costs (test/support/aws-call-count.ts).
   */
  observeCalls?: (caller: Caller, call: AwsCall) => void;
}

export async function startIntakeServer(options: IntakeServerOptions = {}): Promise<IntakeServer> {
  const dynamoDbEndpoint = inject('dynamoDbEndpoint');
  const sqsEndpoint = inject('sqsEndpoint');
  const suffix = randomUUID().slice(0, 8);
  const tableName = `it-applications-${suffix}`;
  await provisionApplicationsTable(dynamoDbEndpoint, tableName);
  const { reviewQueueUrl, reviewDeadLetterQueueUrl } = await provisionReviewQueues(sqsEndpoint, {
    queueName: `it-review-${suffix}`,
    deadLetterQueueName: `it-review-dlq-${suffix}`,
  });

  // The application secret comes from (a stand-in for) Secrets Manager, as on AWS; the same values as the local stack's.
  const secrets = await startFakeSecretsManager({
    secretArn: `arn:aws:secretsmanager:${LOCAL_REGION}:000000000000:secret:it-app-secret-${suffix}`,
    document: {
      phoneHashKey: LOCAL_PHONE_HASH_SECRET,
      originVerify: LOCAL_ORIGIN_VERIFY_SECRET,
      ...(options.chatWebhook && { chatWebhook: options.chatWebhook }),
    },
  });

  const opsTopic = options.withOpsTopic ? await createOpsTopicWithInbox(sqsEndpoint, suffix) : undefined;

  // The console handler needs an issuer to trust; a file that does not sign in gets one that answers nothing.
  const port = options.withConsoleSignIn ? await freePort() : 0;
  const oidc = options.withConsoleSignIn ? await createLocalOidcProvider({ origin: `http://127.0.0.1:${port}` }) : undefined;
  const env: Record<string, string> = {
    CONSOLE_JWT_ISSUER: oidc?.issuer ?? 'http://127.0.0.1:9/oidc',
    CONSOLE_JWT_AUDIENCE: oidc?.clientId ?? 'pos-portal-console-test',
    CONSOLE_JWKS_URL: oidc?.jwksUrl ?? 'http://127.0.0.1:9/oidc/jwks',
    ...localAwsEnvironment({
      dynamoDbEndpoint: options.handlerDynamoDbEndpoint ?? dynamoDbEndpoint,
      sqsEndpoint: options.handlerSqsEndpoint ?? sqsEndpoint,
    }),
    APPLICATIONS_TABLE_NAME: tableName,
    REVIEW_QUEUE_URL: reviewQueueUrl,
    REVIEW_DEAD_LETTER_QUEUE_URL: reviewDeadLetterQueueUrl,
    APP_SECRET_ARN: secrets.secretArn,
    // For the ops CLI's local target, which reads no secret (functions/ops/target.ts); the handlers use APP_SECRET_ARN.
    PHONE_HASH_SECRET: LOCAL_PHONE_HASH_SECRET,
    ORIGIN_VERIFY_SECRET: LOCAL_ORIGIN_VERIFY_SECRET,
    ...(opsTopic ? { OPS_NOTIFIER: 'sns', OPS_TOPIC_ARN: opsTopic.topicArn } : { OPS_NOTIFIER: 'log' }),
    POWERTOOLS_SERVICE_NAME: 'pos-portal-test',
    // Quiet test output; a file that inspects logs raises the level.
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    RATE_LIMIT_PER_IP_PER_MINUTE: '10000',
    RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY: '100',
    STATUS_MISSES_PER_IP_PER_HOUR: '10000',
    STATUS_MISSES_PER_REFERENCE_PER_DAY: '100',
    ...options.env,
  };
  // One set of clients per function, as on AWS, each telling the recorder what its function calls (the IAM check).
  const local = localAwsConnection({
    dynamoDbEndpoint: options.handlerDynamoDbEndpoint ?? dynamoDbEndpoint,
    sqsEndpoint: options.handlerSqsEndpoint ?? sqsEndpoint,
  });
  // The emulator serves SNS on the same endpoint as SQS.
  const connection = { ...local, endpoints: { ...local.endpoints, secretsManager: secrets.endpoint, sns: sqsEndpoint } };
  const recorder = createAwsCallRecorder({
    ...(opsTopic && { [opsTopic.topicArn]: 'ops-topic' as const }),
    [secrets.secretArn]: 'app-secret',
    [tableName]: 'applications-table',
    [reviewQueueUrl]: 'review-queue',
    [reviewDeadLetterQueueUrl]: 'review-dead-letter-queue',
  });
  const { observeCalls } = options;
  const observerFor = (caller: Caller, variant?: StageVariant): AwsCallObserver => {
    const record = recorder.observerFor(caller, variant);
    return observeCalls
      ? (call) => {
          record(call);
          observeCalls(caller, call);
        }
      : record;
  };
  const clientSets: AwsClients[] = [];
  const handlers = createLocalHandlers(env, (fn) => {
    const clients = createAwsClients({ ...connection, observe: observerFor(fn) });
    clientSets.push(clients);
    return clients;
  });
  const server = await startLocalServer({
    handlers: handlers.api,
    port,
    siteDir: SITE_DIST_DIR,
    originVerifySecret: LOCAL_ORIGIN_VERIFY_SECRET,
    ...(oidc && { mounts: [{ prefix: LOCAL_OIDC_PATH, handle: oidc.handle }] }),
  });
  const documents = createDocumentClient(localClientConfig(dynamoDbEndpoint));
  const sqs = new SQSClient({ ...localClientConfig(sqsEndpoint), useQueueUrlAsEndpoint: false });

  const intake: IntakeServer = {
    url: server.url,
    tableName,
    reviewQueueUrl,
    reviewDeadLetterQueueUrl,
    env,
    store: createDynamoDbTablePorts({ tableName, documentClient: documents }),
    documentClient: documents,
    async items() {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey }));
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    async application(reference) {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: `APP#${reference}`, sk: 'APP' }, ConsistentRead: true }));
      return Item;
    },
    async personalData(reference) {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: `APP#${reference}`, sk: 'PERSONAL' }, ConsistentRead: true }));
      return Item;
    },
    async drainReviewQueue() {
      const bodies: string[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: reviewQueueUrl, MaxNumberOfMessages: 10 }));
        if (Messages.length === 0) return bodies;
        for (const message of Messages) {
          bodies.push(message.Body ?? '');
          await sqs.send(new DeleteMessageCommand({ QueueUrl: reviewQueueUrl, ReceiptHandle: message.ReceiptHandle }));
        }
      }
    },
    sweepOutbox: () => handlers.outboxSweeper({}),
    async screenQueued() {
      const bodies = await intake.drainReviewQueue();
      const messages = bodies.map((Body) => ({ MessageId: randomUUID(), ReceiptHandle: randomUUID(), Body, Attributes: { ApproximateReceiveCount: '1' } }));
      if (messages.length > 0) await handlers.reviewWorker(toSqsEvent(messages, 'arn:aws:sqs:ap-east-1:000000000000:it', 'ap-east-1'));
    },
    handlers,
    opsCliCalls: recorder.observerFor('ops-cli'),
    unrecordedClients: () => {
      const clients = createAwsClients(connection);
      clientSets.push(clients);
      return clients;
    },
    recordedClients: (caller, variant) => {
      const clients = createAwsClients({ ...connection, observe: observerFor(caller, variant) });
      clientSets.push(clients);
      return clients;
    },
    async opsTopicMessages() {
      if (!opsTopic) throw new Error('started without withOpsTopic');
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: opsTopic.inboxUrl, MaxNumberOfMessages: 10 }));
      for (const message of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: opsTopic.inboxUrl, ReceiptHandle: message.ReceiptHandle }));
      return Messages.map((message) => String((JSON.parse(message.Body ?? '{}') as { Message?: string }).Message ?? message.Body));
    },
    ...(oidc && { oidc }),
    async close() {
      await server.close();
      for (const clients of clientSets) {
        clients.documentClient.destroy();
        clients.sqs.destroy();
        clients.secretsManager.destroy();
        clients.sns.destroy();
      }
      await secrets.close();
      documents.destroy();
      sqs.destroy();
    },
  };
  return intake;
}

/** An SNS topic on the emulator with a queue subscribed to it (what an e-mail subscriber would receive). */
async function createOpsTopicWithInbox(endpoint: string, suffix: string): Promise<{ topicArn: string; inboxUrl: string }> {
  const sns = new SNSClient(localClientConfig(endpoint));
  const sqs = new SQSClient({ ...localClientConfig(endpoint), useQueueUrlAsEndpoint: false });
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `it-ops-${suffix}` }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `it-ops-inbox-${suffix}` }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes?.QueueArn }));
    if (!TopicArn || !QueueUrl) throw new Error('the emulator created no topic or queue');
    return { topicArn: TopicArn, inboxUrl: QueueUrl };
  } finally {
    sns.destroy();
    sqs.destroy();
  }
}

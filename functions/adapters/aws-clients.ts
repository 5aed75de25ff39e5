/**
 * The SDK clients a composition root hands to the adapters. A Lambda entry (functions/lambda/) creates only the
 * clients its handler uses, each once per container, from the SDK's standard resolution (region from the Lambda
 * environment, credentials from its role). Local tooling (the local stack, tests, the bench, the ops CLI) builds one
 * set pointing at the emulators with explicit endpoints, region and credentials: no process environment is involved,
 * so two stacks can run in one process.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient, type DynamoDBDocumentClient } from './dynamodb-document-client.ts';
import { createSecretsManagerClient } from './secrets-manager-app-secrets.ts';
import { createSnsClient } from './sns-ops-notifier.ts';
import { createSqsClient } from './sqs-review-queue.ts';

/** Where one service's client points. Every field defaults to the SDK's standard resolution. */
export interface ServiceConnection {
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Ignore `AWS_ENDPOINT_URL_*` variables (the ops CLI on AWS, in a shell that exported a local stack's endpoints). */
  ignoreConfiguredEndpointUrls?: boolean;
}

/** The services the clients here talk to, and S3 (the site bucket of `npm run publish`, created by its own adapter). */
export type AwsService = 'dynamodb' | 'sqs' | 'sns' | 'secretsManager' | 's3';

/** One SDK call as a client is about to send it: the operation (`PutItem`) and its input (names, keys, items). */
export interface AwsCall {
  service: AwsService;
  operation: string;
  input: Readonly<Record<string, unknown>>;
}

/**
 * Told of every call the clients make. Only tests pass one (test/support/aws-call-recorder.ts records what each
 * function calls, and a test checks it against the function's IAM role); a Lambda's clients have none.
 */
export type AwsCallObserver = (call: AwsCall) => void;

export interface AwsConnection extends Omit<ServiceConnection, 'endpoint'> {
  endpoints?: { [service in AwsService]?: string };
  observe?: AwsCallObserver;
}

/** One service's part of a connection. */
export function serviceConnection(connection: AwsConnection, service: AwsService): ServiceConnection {
  const { endpoints, observe: _observe, ...shared } = connection;
  const endpoint = endpoints?.[service];
  return { ...shared, ...(endpoint !== undefined && { endpoint }) };
}

/** Any SDK client: each types its middleware by its own commands, so the one added here is typed loosely. */
interface ObservableClient {
  // biome-ignore lint/suspicious/noExplicitAny: one middleware shared by every client, whose stacks are typed by their own commands
  middlewareStack: { add(middleware: (next: any, context: any) => (args: any) => Promise<any>, options: { step: 'initialize'; name: string }): void };
}

/** Tell `observe` of every call `client` sends, before it is sent (so a call that fails is counted too). */
export function observeCalls<T extends ObservableClient>(client: T, service: AwsService, observe: AwsCallObserver | undefined): T {
  if (!observe) return client;
  client.middlewareStack.add(
    (next, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
      observe({ service, operation: String(context.commandName).replace(/Command$/, ''), input: args.input });
      return next(args);
    },
    { step: 'initialize', name: 'observeAwsCalls' },
  );
  return client;
}

export interface AwsClients {
  readonly documentClient: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  readonly secretsManager: SecretsManagerClient;
}

/** One client per service, each created when first asked for. */
export function createAwsClients(connection: AwsConnection = {}): AwsClients {
  const once = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const { observe } = connection;
  const documentClient = once(() => observeCalls(createDocumentClient(serviceConnection(connection, 'dynamodb')), 'dynamodb', observe));
  const sqs = once(() => observeCalls(createSqsClient(serviceConnection(connection, 'sqs')), 'sqs', observe));
  const sns = once(() => observeCalls(createSnsClient(serviceConnection(connection, 'sns')), 'sns', observe));
  const secretsManager = once(() => observeCalls(createSecretsManagerClient(serviceConnection(connection, 'secretsManager')), 'secretsManager', observe));
  return {
    get documentClient() {
      return documentClient();
    },
    get sqs() {
      return sqs();
    },
    get sns() {
      return sns();
    },
    get secretsManager() {
      return secretsManager();
    },
  };
}

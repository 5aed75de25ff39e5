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

export interface AwsConnection extends Omit<ServiceConnection, 'endpoint'> {
  endpoints?: { dynamodb?: string; sqs?: string; sns?: string; secretsManager?: string };
}

/** One service's part of a connection. */
export function serviceConnection(connection: AwsConnection, service: keyof NonNullable<AwsConnection['endpoints']>): ServiceConnection {
  const { endpoints, ...shared } = connection;
  const endpoint = endpoints?.[service];
  return { ...shared, ...(endpoint !== undefined && { endpoint }) };
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
  const documentClient = once(() => createDocumentClient(serviceConnection(connection, 'dynamodb')));
  const sqs = once(() => createSqsClient(serviceConnection(connection, 'sqs')));
  const sns = once(() => createSnsClient(serviceConnection(connection, 'sns')));
  const secretsManager = once(() => createSecretsManagerClient(serviceConnection(connection, 'secretsManager')));
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

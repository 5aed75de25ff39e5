/**
 * Fixed values of the local stack, shared by `npm start`, the test setup and the ops CLI's local default.
 * Nothing here is secret: the emulators accept any credentials, and the local phone-hash key only protects test data.
 */
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { loadConfig, type EnvironmentKey } from '../config.ts';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Git-ignored; DynamoDB Local and fauxqs persist under it unless started in memory. */
export const LOCAL_DATA_DIR = fileURLToPath(new URL('../../.local/', import.meta.url));
export const SITE_DIST_DIR = fileURLToPath(new URL('../../site/dist/', import.meta.url));

/** Hong Kong, like production: data stored outside mainland China is what merchants consent to. */
export const LOCAL_REGION = 'ap-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_TABLE_NAME = 'pos-portal-applications';
export const LOCAL_REVIEW_QUEUE_NAME = 'pos-portal-review';
export const LOCAL_REVIEW_DEAD_LETTER_QUEUE_NAME = 'pos-portal-review-dlq';
export const LOCAL_PHONE_HASH_SECRET = 'local-stack-only-phone-hash-key';
/** What the local server adds as `x-origin-verify`, as CloudFront adds the real one: handlers trust nothing without it. */
export const LOCAL_ORIGIN_VERIFY_SECRET = 'local-stack-only-origin-verify';

export const DEFAULT_HTTP_PORT = 4321;
export const DEFAULT_DYNAMODB_PORT = 8000;
export const DEFAULT_SQS_PORT = 9324;

const port = z.coerce.number().int().min(0).max(65_535);
/** `PORT`, `DYNAMODB_PORT`, `SQS_PORT`: read by `npm start`, and by the ops CLI to find the stack it started. */
export const localPortsSchema = z.object({
  PORT: port.default(DEFAULT_HTTP_PORT),
  DYNAMODB_PORT: port.default(DEFAULT_DYNAMODB_PORT),
  SQS_PORT: port.default(DEFAULT_SQS_PORT),
});

/**
 * The one interface everything `npm start` opens listens on (server, OIDC, DynamoDB Local, the SQS emulator): the
 * emulators take any credentials, so on another interface anyone on the network could read every applicant.
 */
export const LOOPBACK_HOST = '127.0.0.1';

/** Where a local service listens. */
export function localServiceEndpoint(port: number): string {
  return `http://${LOOPBACK_HOST}:${port}`;
}

/** Where the emulators listen: the endpoints handed to the SDK clients, and printed for the banner and the ops CLI. */
export interface LocalAwsTarget {
  dynamoDbEndpoint: string;
  sqsEndpoint: string;
}

export function localAwsEnvironment(target: LocalAwsTarget): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: target.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SQS: target.sqsEndpoint,
  };
}

/**
 * Everything the handlers (and the ops CLI) are given to use a local stack: what `npm start` prints. The ops CLI
 * rebuilds the same values from the default ports and queue names, so it finds a running `npm start` by itself.
 */
export function localStackEnvironment(where: LocalAwsTarget & { reviewQueueUrl: string; reviewDeadLetterQueueUrl: string }): Record<string, string> {
  return {
    ...localAwsEnvironment(where),
    APPLICATIONS_TABLE_NAME: LOCAL_TABLE_NAME,
    REVIEW_QUEUE_URL: where.reviewQueueUrl,
    REVIEW_DEAD_LETTER_QUEUE_URL: where.reviewDeadLetterQueueUrl,
    PHONE_HASH_SECRET: LOCAL_PHONE_HASH_SECRET,
    ORIGIN_VERIFY_SECRET: LOCAL_ORIGIN_VERIFY_SECRET,
    // No SNS locally: what ops would be told appears in the `npm start` output.
    OPS_NOTIFIER: 'log',
    POWERTOOLS_SERVICE_NAME: 'pos-portal-local',
  };
}

/** SDK client settings for local tooling (provisioning, tests): explicit, never read from the developer's AWS profile. */
export function localClientConfig(endpoint: string) {
  return { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 };
}

/**
 * The documented configuration variables (docs/api.md, "Configuration") a developer may set for the local stack, e.g.
 * `RATE_LIMIT_PER_IP_PER_MINUTE=1000 npm start`. The rest of what the handlers read is the local stack's own.
 */
export const localSettingKeys = [
  'RATE_LIMIT_PER_IP_PER_MINUTE',
  'RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY',
  'STATUS_MISSES_PER_IP_PER_HOUR',
  'STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY',
  'STATUS_MISSES_PER_REFERENCE_PER_DAY',
  'SITE_ORIGIN',
  'RETENTION_DAYS',
  'OUTBOX_MIN_AGE_SECONDS',
  'OPS_NOTIFIER',
  'CHAT_WEBHOOK_PLATFORM',
  'CHAT_WEBHOOK_URL',
  'CHAT_WEBHOOK_SECRET',
  'CONSOLE_URL',
  'POWERTOOLS_LOG_LEVEL',
] as const satisfies readonly EnvironmentKey[];

/**
 * The documented variables set in `processEnv`, checked once with the handlers' own rules so a bad value stops
 * `npm start` with an error naming it (`Invalid configuration: RATE_LIMIT_PER_IP_PER_MINUTE: must be a whole number
 * of at least 1`). Unset ones are left out: the handlers' defaults apply.
 */
export function localSettingsFrom(processEnv: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const given = Object.fromEntries(localSettingKeys.flatMap((key) => (processEnv[key] === undefined ? [] : [[key, processEnv[key]]])));
  loadConfig(
    localSettingKeys.filter((key) => key in given),
    given,
  );
  return given;
}

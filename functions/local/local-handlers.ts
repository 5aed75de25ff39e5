/**
 * The local stack's composition root: every handler built from an explicit environment (the variables Lambda would
 * give it, as `npm start` prints them) and SDK clients pointing at the emulators. Nothing is read from or written to
 * the process environment, so tests can start several stacks in one process.
 */
import type { AwsClients, AwsConnection } from '../adapters/aws-clients.ts';
import { loadConfig } from '../config.ts';
import { statusLookupConfigKeys, createStatusLookupHandler } from '../handlers/status-lookup.ts';
import { consoleConfigKeys, createConsoleHandler } from '../handlers/console.ts';
import { createOutboxSweeperHandler, outboxSweeperConfigKeys, type OutboxSweeperHandler } from '../handlers/outbox-sweeper.ts';
import { createReviewWorkerHandler, reviewWorkerConfigKeys, type ReviewWorkerHandler } from '../handlers/review-worker.ts';
import { createSubmitApplicationHandler, submitApplicationConfigKeys } from '../handlers/submit-application.ts';
import type { ApiHandlers } from './api-gateway-adapter.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-environment.ts';

export interface LocalHandlers {
  /** One per handler name of the route table. */
  api: ApiHandlers;
  outboxSweeper: OutboxSweeperHandler;
  reviewWorker: ReviewWorkerHandler;
}

/** SDK connection to the emulators: explicit endpoints, region and credentials. */
export function localAwsConnection(endpoints: { dynamoDbEndpoint: string; sqsEndpoint: string }): AwsConnection {
  return { region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS }, endpoints: { dynamodb: endpoints.dynamoDbEndpoint, sqs: endpoints.sqsEndpoint } };
}

/** Throws (like a Lambda cold start) when `env` lacks or mangles a variable a handler needs. */
export function createLocalHandlers(env: Readonly<Record<string, string>>, clients: AwsClients): LocalHandlers {
  return {
    api: {
      'submit-application': createSubmitApplicationHandler(loadConfig(submitApplicationConfigKeys, env), clients),
      'status-lookup': createStatusLookupHandler(loadConfig(statusLookupConfigKeys, env), clients),
      console: createConsoleHandler(loadConfig(consoleConfigKeys, env), clients),
    },
    outboxSweeper: createOutboxSweeperHandler(loadConfig(outboxSweeperConfigKeys, env), clients),
    reviewWorker: createReviewWorkerHandler(loadConfig(reviewWorkerConfigKeys, env), clients),
  };
}


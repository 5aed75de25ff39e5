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
import type { ApiHandlerName } from '../http/routes.ts';
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

/** The functions the local stack runs, named as on AWS (the handler names of the stateless stack). */
export type LocalFunctionName = ApiHandlerName | 'outbox-sweeper' | 'review-worker';

/**
 * Throws (like a Lambda cold start) when `env` lacks or mangles a variable a handler needs. `clients` is one set for
 * every function, or one set per function (as on AWS, where each function has its own clients and role: tests that
 * record each function's calls for the IAM check pass one per function).
 */
export function createLocalHandlers(env: Readonly<Record<string, string>>, clients: AwsClients | ((fn: LocalFunctionName) => AwsClients)): LocalHandlers {
  const clientsOf = typeof clients === 'function' ? clients : () => clients;
  return {
    api: {
      'submit-application': createSubmitApplicationHandler(loadConfig(submitApplicationConfigKeys, env), clientsOf('submit-application')),
      'status-lookup': createStatusLookupHandler(loadConfig(statusLookupConfigKeys, env), clientsOf('status-lookup')),
      console: createConsoleHandler(loadConfig(consoleConfigKeys, env), clientsOf('console')),
    },
    outboxSweeper: createOutboxSweeperHandler(loadConfig(outboxSweeperConfigKeys, env), clientsOf('outbox-sweeper')),
    reviewWorker: createReviewWorkerHandler(loadConfig(reviewWorkerConfigKeys, env), clientsOf('review-worker')),
  };
}


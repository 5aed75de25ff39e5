/**
 * The local stack's composition root: every handler built from an explicit environment (the variables Lambda would
 * give it, as `npm start` prints them) and SDK clients pointing at the emulators. Nothing is read from or written to
 * the process environment, so tests can start several stacks in one process.
 */
import type { AwsClients, AwsConnection } from '../adapters/aws-clients.ts';
import { loadConfig } from '../config.ts';
import { functionEnvironments } from '../function-environments.ts';
import { createStatusLookupHandler } from '../handlers/status-lookup.ts';
import { createConsoleHandler } from '../handlers/console.ts';
import { createOutboxSweeperHandler, type OutboxSweeperHandler } from '../handlers/outbox-sweeper.ts';
import { createReviewWorkerHandler, type ReviewWorkerHandler } from '../handlers/review-worker.ts';
import { createSubmitApplicationHandler } from '../handlers/submit-application.ts';
import { createCallRemindersHandler, type CallRemindersHandler } from '../handlers/call-reminders.ts';
import { createPersonalDataExpiryHandler, type PersonalDataExpiryHandler } from '../handlers/personal-data-expiry.ts';
import type { ApiHandlerName } from '../http/routes.ts';
import type { ApiHandlers } from './api-gateway-adapter.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-environment.ts';

export interface LocalHandlers {
  /** One per handler name of the route table. */
  api: ApiHandlers;
  outboxSweeper: OutboxSweeperHandler;
  reviewWorker: ReviewWorkerHandler;
  callReminders: CallRemindersHandler;
  /**
   * Not run by the local stack: DynamoDB Local has no TTL and no streams. Tests feed it a stream record built from the
   * real items (docs/local-stack.md).
   */
  personalDataExpiry: PersonalDataExpiryHandler;
}

/** SDK connection to the emulators: explicit endpoints, region and credentials. */
export function localAwsConnection(endpoints: { dynamoDbEndpoint: string; sqsEndpoint: string }): AwsConnection {
  return { region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS }, endpoints: { dynamodb: endpoints.dynamoDbEndpoint, sqs: endpoints.sqsEndpoint } };
}

/** The functions the local stack runs, named as on AWS (the handler names of the stateless stack). */
export type LocalFunctionName = ApiHandlerName | 'outbox-sweeper' | 'review-worker' | 'call-reminders' | 'personal-data-expiry';

/**
 * Throws (like a Lambda cold start) when `env` lacks or mangles a variable a handler needs. `clients` is one set for
 * every function, or one set per function (as on AWS, where each function has its own clients and role: tests that
 * record each function's calls for the IAM check pass one per function).
 */
export function createLocalHandlers(env: Readonly<Record<string, string>>, clients: AwsClients | ((fn: LocalFunctionName) => AwsClients)): LocalHandlers {
  const clientsOf = typeof clients === 'function' ? clients : () => clients;
  return {
    api: {
      'submit-application': createSubmitApplicationHandler(loadConfig(functionEnvironments['submit-application'], env), clientsOf('submit-application')),
      'status-lookup': createStatusLookupHandler(loadConfig(functionEnvironments['status-lookup'], env), clientsOf('status-lookup')),
      console: createConsoleHandler(loadConfig(functionEnvironments.console, env), clientsOf('console')),
    },
    outboxSweeper: createOutboxSweeperHandler(loadConfig(functionEnvironments['outbox-sweeper'], env), clientsOf('outbox-sweeper')),
    reviewWorker: createReviewWorkerHandler(loadConfig(functionEnvironments['review-worker'], env), clientsOf('review-worker')),
    callReminders: createCallRemindersHandler(loadConfig(functionEnvironments['call-reminders'], env), clientsOf('call-reminders')),
    personalDataExpiry: createPersonalDataExpiryHandler(loadConfig(functionEnvironments['personal-data-expiry'], env), clientsOf('personal-data-expiry')),
  };
}

/** Lambda entry (composition root): configuration from the environment at cold start, the SDK clients it needs. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { loadConfig } from '../config.ts';
import { functionEnvironments } from '../function-environments.ts';
import { createReviewWorkerHandler } from '../handlers/review-worker.ts';

// Lazy clients: only the chosen notifier's (SNS, or Secrets Manager for the chat robot) is ever created.
export const handler = createReviewWorkerHandler(loadConfig(functionEnvironments['review-worker']), createAwsClients());

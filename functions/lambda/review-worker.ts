/** Lambda entry (composition root): configuration from the environment at cold start, the SDK clients it needs. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { loadConfig } from '../config.ts';
import { createReviewWorkerHandler, reviewWorkerConfigKeys } from '../handlers/review-worker.ts';

// Lazy clients: only the chosen notifier's (SNS, or Secrets Manager for the chat robot) is ever created.
export const handler = createReviewWorkerHandler(loadConfig(reviewWorkerConfigKeys), createAwsClients());

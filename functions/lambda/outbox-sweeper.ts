/** Lambda entry (composition root): configuration from the environment at cold start, the SDK clients it needs. */
import { createDocumentClient } from '../adapters/dynamodb-document-client.ts';
import { createSqsClient } from '../adapters/sqs-review-queue.ts';
import { loadConfig } from '../config.ts';
import { functionEnvironments } from '../function-environments.ts';
import { createOutboxSweeperHandler } from '../handlers/outbox-sweeper.ts';

const clients = { documentClient: createDocumentClient(), sqs: createSqsClient() };
export const handler = createOutboxSweeperHandler(loadConfig(functionEnvironments['outbox-sweeper']), clients);

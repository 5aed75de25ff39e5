/** Lambda entry (composition root): configuration from the environment at cold start, the SDK clients it needs. */
import { createDocumentClient } from '../adapters/dynamodb-document-client.ts';
import { createSecretsManagerClient } from '../adapters/secrets-manager-app-secrets.ts';
import { createSqsClient } from '../adapters/sqs-review-queue.ts';
import { loadConfig } from '../config.ts';
import { functionEnvironments } from '../function-environments.ts';
import { createSubmitApplicationHandler } from '../handlers/submit-application.ts';

const clients = { documentClient: createDocumentClient(), sqs: createSqsClient(), secretsManager: createSecretsManagerClient() };
export const handler = createSubmitApplicationHandler(loadConfig(functionEnvironments['submit-application']), clients);

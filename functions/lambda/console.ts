/** Lambda entry (composition root): configuration from the environment at cold start, the SDK clients it needs. */
import { createDocumentClient } from '../adapters/dynamodb-document-client.ts';
import { createSecretsManagerClient } from '../adapters/secrets-manager-app-secrets.ts';
import { loadConfig } from '../config.ts';
import { functionEnvironments } from '../function-environments.ts';
import { createConsoleHandler } from '../handlers/console.ts';

const clients = { documentClient: createDocumentClient(), secretsManager: createSecretsManagerClient() };
export const handler = createConsoleHandler(loadConfig(functionEnvironments.console), clients);

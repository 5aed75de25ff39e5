/** Lambda entry (composition root): configuration from the environment at cold start, the SDK clients it needs. */
import { createDocumentClient } from '../adapters/dynamodb-document-client.ts';
import { createSecretsManagerClient } from '../adapters/secrets-manager-app-secrets.ts';
import { loadConfig } from '../config.ts';
import { applicationStatusConfigKeys, createApplicationStatusHandler } from '../handlers/application-status.ts';

const clients = { documentClient: createDocumentClient(), secretsManager: createSecretsManagerClient() };
export const handler = createApplicationStatusHandler(loadConfig(applicationStatusConfigKeys), clients);

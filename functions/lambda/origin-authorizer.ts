/** Lambda entry (composition root): configuration from the environment at cold start, the SDK client it needs. */
import { createSecretsManagerClient } from '../adapters/secrets-manager-app-secrets.ts';
import { loadConfig } from '../config.ts';
import { functionEnvironments } from '../function-environments.ts';
import { createOriginAuthorizerHandler } from '../handlers/origin-authorizer.ts';

export const handler = createOriginAuthorizerHandler(loadConfig(functionEnvironments['origin-authorizer']), { secretsManager: createSecretsManagerClient() });

/** Lambda entry (composition root) of the deploy-time custom resource: the SDK client it needs. */
import { createSecretsManagerClient } from '../adapters/secrets-manager-app-secrets.ts';
import { createAppSecretInitialiserHandler } from '../handlers/app-secret-initialiser.ts';

export const handler = createAppSecretInitialiserHandler({ secretsManager: createSecretsManagerClient() });

/**
 * Which source of the application secrets a function uses (domain/app-secrets.ts): Secrets Manager on AWS
 * (APP_SECRET_ARN), fixed values where there is none (the local stack and tests). Chosen once at cold start; a
 * function given neither stops at start-up naming the variables.
 */
import { fixedAppSecrets, type AppSecretSource } from '../domain/app-secrets.ts';
import type { Environment } from '../config.ts';
import { createSecretsManagerAppSecrets } from './secrets-manager-app-secrets.ts';

export function appSecretSourceFor(config: Partial<Pick<Environment, 'APP_SECRET_ARN' | 'PHONE_HASH_SECRET' | 'ORIGIN_VERIFY_SECRET'>>): AppSecretSource {
  if (config.APP_SECRET_ARN !== undefined) return createSecretsManagerAppSecrets({ secretId: config.APP_SECRET_ARN });
  if (config.PHONE_HASH_SECRET === undefined) {
    throw new Error('Invalid configuration: APP_SECRET_ARN: is required (or, locally, PHONE_HASH_SECRET and ORIGIN_VERIFY_SECRET)');
  }
  return fixedAppSecrets({
    phoneHashKey: config.PHONE_HASH_SECRET,
    originVerify: config.ORIGIN_VERIFY_SECRET === undefined ? [] : [config.ORIGIN_VERIFY_SECRET],
  });
}

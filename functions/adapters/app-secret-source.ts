/**
 * Which source of the application secrets a function uses (domain/app-secrets.ts): Secrets Manager on AWS
 * (APP_SECRET_ARN), fixed values where there is none (the local stack and tests). Chosen once at cold start; a
 * function given neither, or unusable local values, stops at start-up naming the variables.
 */
import { fixedAppSecrets, parseChatWebhookSettings, type AppSecretSource, type ChatWebhookSettings } from '#domain/app-secrets.ts';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Environment } from '../config.ts';
import { createSecretsManagerAppSecrets } from './secrets-manager-app-secrets.ts';

type SecretConfig = Partial<
  Pick<Environment, 'APP_SECRET_ARN' | 'PHONE_HASH_SECRET' | 'ORIGIN_VERIFY_SECRET' | 'CHAT_WEBHOOK_PLATFORM' | 'CHAT_WEBHOOK_URL' | 'CHAT_WEBHOOK_SECRET'>
>;

/** `secretsManager` is asked for only on AWS (APP_SECRET_ARN set). */
export function appSecretSourceFor(config: SecretConfig, clients: { readonly secretsManager: SecretsManagerClient }): AppSecretSource {
  if (config.APP_SECRET_ARN !== undefined) return createSecretsManagerAppSecrets({ secretId: config.APP_SECRET_ARN, client: clients.secretsManager });
  if (config.PHONE_HASH_SECRET === undefined) {
    throw new Error('Invalid configuration: APP_SECRET_ARN: is required (or, locally, PHONE_HASH_SECRET and ORIGIN_VERIFY_SECRET)');
  }
  let chatWebhook: ChatWebhookSettings | undefined;
  if (config.CHAT_WEBHOOK_PLATFORM !== undefined || config.CHAT_WEBHOOK_URL !== undefined) {
    const parsed = parseChatWebhookSettings({ platform: config.CHAT_WEBHOOK_PLATFORM, url: config.CHAT_WEBHOOK_URL, secret: config.CHAT_WEBHOOK_SECRET });
    if (!parsed.ok) throw new Error(`Invalid configuration: CHAT_WEBHOOK_*: ${parsed.problems.join('; ')}`);
    chatWebhook = parsed.settings;
  }
  return fixedAppSecrets({
    phoneHashKey: config.PHONE_HASH_SECRET,
    originVerify: config.ORIGIN_VERIFY_SECRET === undefined ? [] : [config.ORIGIN_VERIFY_SECRET],
    ...(chatWebhook && { chatWebhook }),
  });
}

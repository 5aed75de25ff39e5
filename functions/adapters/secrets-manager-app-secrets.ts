/**
 * The application secret in Secrets Manager (domain/app-secrets.ts): read at run time, cached per container for a
 * few minutes so that a rotation reaches every warm function soon without a read per request; also written by the
 * deploy-time initialiser and the ops CLI's rotation. The only code that calls Secrets Manager for it.
 */
import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ServiceConnection } from './aws-clients.ts';
import { requestHandlerOptions, sdkCallLimits } from './sdk-call-limits.ts';
import { appSecretDocument, appSecretsFrom, type AppSecretDocument, type AppSecretSource, type AppSecrets } from '#domain/app-secrets.ts';
import { DependencyUnavailableError } from '#domain/ports.ts';

/** How long a read is reused: a rotation's new origin value is accepted everywhere within this time. */
export const APP_SECRET_CACHE_MS = 5 * 60_000;

/** The Secrets Manager client, one per container (aws-clients.ts). */
export function createSecretsManagerClient(connection: ServiceConnection = {}): SecretsManagerClient {
  const limits = sdkCallLimits.secretsManager;
  return new SecretsManagerClient({ ...connection, maxAttempts: limits.maxAttempts, requestHandler: requestHandlerOptions(limits) });
}

export async function readAppSecretDocument(client: SecretsManagerClient, secretId: string): Promise<AppSecretDocument> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let json: unknown;
  try {
    json = JSON.parse(SecretString ?? 'null');
  } catch {
    // Never JSON.parse's own message: it quotes the start of the text, which is the secret.
    throw new Error(`secret ${secretId} is not JSON`);
  }
  const parsed = appSecretDocument.safeParse(json);
  // Paths and rule messages only, never the values.
  if (!parsed.success)
    throw new Error(
      `secret ${secretId} is not the application secret document: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** Store `document` as the secret's new current version; returns that version's id. */
export async function writeAppSecretDocument(client: SecretsManagerClient, secretId: string, document: AppSecretDocument): Promise<string> {
  const { VersionId } = await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(appSecretDocument.parse(document)) }));
  return VersionId ?? '';
}

/** A new origin-verify value: 32 random bytes, URL-safe (it travels as an HTTP header value). */
export function newOriginVerifyValue(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A cached source of the secret. `now` is injectable for tests. A failed read is not cached: the request that saw
 * it answers 503 (DependencyUnavailableError), and the next request tries again.
 */
export function cachedAppSecretSource(load: () => Promise<AppSecrets>, options: { maxAgeMs?: number; now?: () => number } = {}): AppSecretSource {
  const maxAgeMs = options.maxAgeMs ?? APP_SECRET_CACHE_MS;
  const now = options.now ?? Date.now;
  let cached: { value: Promise<AppSecrets>; at: number } | undefined;
  return {
    read() {
      if (cached && now() - cached.at < maxAgeMs) return cached.value;
      const entry: { value: Promise<AppSecrets>; at: number } = {
        value: load().catch((error: unknown) => {
          // Forget this failed read, but not a newer one that has replaced it meanwhile.
          if (cached === entry) cached = undefined;
          throw new DependencyUnavailableError('secrets', { cause: error });
        }),
        at: now(),
      };
      cached = entry;
      return entry.value;
    },
  };
}

export function createSecretsManagerAppSecrets(options: { secretId: string; client: SecretsManagerClient }): AppSecretSource {
  return cachedAppSecretSource(async () => appSecretsFrom(await readAppSecretDocument(options.client, options.secretId)));
}

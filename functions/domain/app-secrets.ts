/**
 * The application's secrets. On AWS they are one Secrets Manager secret (a JSON document, `appSecretDocument`),
 * read at run time and cached per container, never placed in a function's environment, where anyone allowed
 * `lambda:GetFunctionConfiguration` could read them. Locally the stack supplies fixed values.
 */
import * as z from 'zod/mini';

export interface AppSecrets {
  /**
   * HMAC key for phone and viewer-address pseudonyms; form tokens use a key derived from it (HKDF). Never rotated:
   * a new key would orphan every stored phone hash (duplicate links, erasure by phone, blocked numbers).
   */
  phoneHashKey: string;
  /**
   * The `x-origin-verify` values that prove a request came through our CloudFront distribution: the current one
   * first, then, while a rotation is under way, the previous one (CloudFront switches at the next deployment).
   */
  originVerify: readonly string[];
}

/** Where a function gets its secrets; an implementation caches, so calling it on every request is cheap. */
export interface AppSecretSource {
  read(): Promise<AppSecrets>;
}

const secretValue = z.string().check(z.minLength(16, 'must be at least 16 characters'));

/** The secret's JSON as stored: `originVerify` is added on first deployment (handlers/app-secret-initialiser.ts). */
export const appSecretDocument = z.object({
  phoneHashKey: secretValue,
  originVerify: z.optional(secretValue),
  /** The value before the last rotation, accepted until `ops rotate-origin-secret --finish` removes it. */
  originVerifyPrevious: z.optional(secretValue),
});
export type AppSecretDocument = z.infer<typeof appSecretDocument>;

export function appSecretsFrom(document: AppSecretDocument): AppSecrets {
  return {
    phoneHashKey: document.phoneHashKey,
    originVerify: [document.originVerify, document.originVerifyPrevious].filter((value): value is string => value !== undefined),
  };
}

/** The secret's document itself, for rotation (ops CLI); `write` stores a new version and returns its id. */
export interface AppSecretStore {
  read(): Promise<AppSecretDocument>;
  write(document: AppSecretDocument): Promise<string>;
}

/** A fixed source: the local stack and tests, which have no Secrets Manager. */
export function fixedAppSecrets(secrets: AppSecrets): AppSecretSource {
  return { read: async () => secrets };
}

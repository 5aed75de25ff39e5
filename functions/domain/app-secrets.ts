/**
 * The application's secrets. On AWS they are one Secrets Manager secret (a JSON document, `appSecretDocument`),
 * read at run time and cached per container, never placed in a function's environment, where anyone allowed
 * `lambda:GetFunctionConfiguration` could read them. Locally the stack supplies fixed values.
 */
import * as z from 'zod/mini';

/** The header CloudFront adds to every API request with the current `originVerify` value (and the local server too). */
export const originVerifyHeader = 'x-origin-verify';

/** Group robots the chat notifier can post new-application notices to (adapters/chat-webhook-notifier.ts). */
export const chatPlatforms = ['wecom', 'dingtalk', 'feishu'] as const;
export type ChatPlatform = (typeof chatPlatforms)[number];

const chatWebhookSettings = z
  .object({
    platform: z.enum(chatPlatforms, { error: `platform must be one of ${chatPlatforms.join(', ')}` }),
    /** The robot's webhook URL; it contains the robot's key, which is why it lives here. */
    url: z.url({ protocol: /^https?$/, error: 'url must be the robot webhook URL (https://…)' }).check(
      // Plain http only to a test receiver on this machine: the URL carries the robot's key.
      z.refine(
        (url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url),
        'url must use https (http only for a local test receiver)',
      ),
    ),
    /** 钉钉 "加签" / 飞书 "签名校验" secret; 企业微信 robots have none. */
    secret: z.optional(z.string().check(z.minLength(8, 'secret must be at least 8 characters'))),
  })
  .check(
    z.refine((settings) => settings.platform === 'wecom' || settings.secret !== undefined, {
      message: 'secret is required for dingtalk and feishu (the robot signing secret)',
      path: ['secret'],
    }),
  );
export type ChatWebhookSettings = z.infer<typeof chatWebhookSettings>;
/** Check robot settings (ops CLI, local configuration); returns the problems in words, or the settings. */
export function parseChatWebhookSettings(input: unknown): { ok: true; settings: ChatWebhookSettings } | { ok: false; problems: string[] } {
  const parsed = chatWebhookSettings.safeParse(input);
  return parsed.success ? { ok: true, settings: parsed.data } : { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
}

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
  /** Where new-application notices go when the worker's notifier is `chat` (set with `npm run ops -- chat-webhook`). */
  chatWebhook?: ChatWebhookSettings;
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
  chatWebhook: z.optional(chatWebhookSettings),
});
export type AppSecretDocument = z.infer<typeof appSecretDocument>;

export function appSecretsFrom(document: AppSecretDocument): AppSecrets {
  return {
    phoneHashKey: document.phoneHashKey,
    originVerify: [document.originVerify, document.originVerifyPrevious].filter((value): value is string => value !== undefined),
    ...(document.chatWebhook && { chatWebhook: document.chatWebhook }),
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

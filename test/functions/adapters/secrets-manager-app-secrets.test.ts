/** The run-time cache in front of Secrets Manager (adapters/secrets-manager-app-secrets.ts), with a counted loader. */
import { describe, expect, it } from 'vitest';
import { appSecretSourceFor } from '../../../functions/adapters/app-secret-source.ts';
import { cachedAppSecretSource } from '../../../functions/adapters/secrets-manager-app-secrets.ts';
import type { AppSecrets } from '../../../functions/domain/app-secrets.ts';
import { DependencyUnavailableError } from '../../../functions/domain/ports.ts';

function countedLoader(results: (AppSecrets | Error)[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    load: async () => {
      const result = results[Math.min(calls++, results.length - 1)]!;
      if (result instanceof Error) throw result;
      return result;
    },
  };
}
const first: AppSecrets = { phoneHashKey: 'first-phone-hash-key-000', originVerify: ['origin-a'] };
const second: AppSecrets = { phoneHashKey: 'first-phone-hash-key-000', originVerify: ['origin-b', 'origin-a'] };

describe('cached application secret', () => {
  it('reads Secrets Manager once per cache period, then again (a rotation reaches warm functions)', async () => {
    let now = 0;
    const loader = countedLoader([first, second]);
    const source = cachedAppSecretSource(loader.load, { maxAgeMs: 300_000, now: () => now });

    const reads = [await source.read(), await source.read()];
    now = 299_999;
    reads.push(await source.read());
    now = 300_000;
    reads.push(await source.read());

    expect(reads).toEqual([first, first, first, second]);
    expect(loader.calls).toBe(2);
  });

  it('does not keep a failed read: that request gets a dependency error (503), the next one tries again', async () => {
    const loader = countedLoader([new Error('ThrottlingException'), first]);
    const source = cachedAppSecretSource(loader.load, { now: () => 0 });

    await expect(source.read()).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(await source.read()).toEqual(first);
  });
});

/** Locally no Secrets Manager client may be needed: asking for one fails the test. */
const noSecretsManager = {
  get secretsManager(): never {
    throw new Error('a local secret source must not need Secrets Manager');
  },
};

describe('choice of secret source', () => {
  it('uses fixed values where there is no Secrets Manager (local stack), with no origin value trusting nothing', async () => {
    const withOrigin = appSecretSourceFor({ PHONE_HASH_SECRET: 'local-phone-hash-key-0', ORIGIN_VERIFY_SECRET: 'local-origin-value-000' }, noSecretsManager);
    const withoutOrigin = appSecretSourceFor({ PHONE_HASH_SECRET: 'local-phone-hash-key-0' }, noSecretsManager);

    expect(await withOrigin.read()).toEqual({ phoneHashKey: 'local-phone-hash-key-0', originVerify: ['local-origin-value-000'] });
    expect((await withoutOrigin.read()).originVerify).toEqual([]);
  });

  it('takes the local chat robot from CHAT_WEBHOOK_*, and stops at cold start when it is incomplete', async () => {
    const local = { PHONE_HASH_SECRET: 'local-phone-hash-key-0' };
    const webhook = 'https://oapi.dingtalk.com/robot/send?access_token=x';

    const dingtalk = appSecretSourceFor(
      { ...local, CHAT_WEBHOOK_PLATFORM: 'dingtalk', CHAT_WEBHOOK_URL: webhook, CHAT_WEBHOOK_SECRET: 'SEC-signing-secret' },
      noSecretsManager,
    );

    expect((await dingtalk.read()).chatWebhook).toEqual({ platform: 'dingtalk', url: webhook, secret: 'SEC-signing-secret' });
    expect(() => appSecretSourceFor({ ...local, CHAT_WEBHOOK_PLATFORM: 'dingtalk', CHAT_WEBHOOK_URL: webhook }, noSecretsManager)).toThrow(
      /CHAT_WEBHOOK_\*: secret is required for dingtalk and feishu/,
    );
    expect(() => appSecretSourceFor({ ...local, CHAT_WEBHOOK_PLATFORM: 'wecom' }, noSecretsManager)).toThrow(
      /CHAT_WEBHOOK_\*: url must be the robot webhook URL/,
    );
  });

  it('stops at cold start, naming the variables, when given neither the secret ARN nor local values', () => {
    expect(() => appSecretSourceFor({}, noSecretsManager)).toThrow(/APP_SECRET_ARN: is required/);
  });
});

/** Rotating the origin-verify value in two steps (use-cases/rotate-origin-verify.ts), against an in-memory secret. */
import { describe, expect, it } from 'vitest';
import { appSecretsFrom, type AppSecretDocument, type AppSecretStore } from '../../../functions/domain/app-secrets.ts';
import { finishOriginVerifyRotation, startOriginVerifyRotation } from '../../../functions/use-cases/rotate-origin-verify.ts';

function inMemorySecret(initial: AppSecretDocument): AppSecretStore & { versions: AppSecretDocument[] } {
  const versions = [initial];
  return {
    versions,
    read: async () => versions.at(-1)!,
    write: async (document) => {
      versions.push(document);
      return `version-${versions.length}`;
    },
  };
}
const phoneHashKey = 'never-rotated-phone-hash-key';
const oldValue = 'origin-value-before-rotation';
const newValue = 'origin-value-after-rotation0';

describe('origin-verify rotation', () => {
  it('start: the new value becomes current and the old one stays accepted; the phone-hash key is untouched', async () => {
    const secret = inMemorySecret({ phoneHashKey, originVerify: oldValue });

    const outcome = await startOriginVerifyRotation(secret, newValue);

    expect(outcome).toEqual({ kind: 'started', versionId: 'version-2' });
    expect(await secret.read()).toEqual({ phoneHashKey, originVerify: newValue, originVerifyPrevious: oldValue });
    expect(appSecretsFrom(await secret.read()).originVerify).toEqual([newValue, oldValue]);
  });

  it('refuses a second start before the first is finished (CloudFront may still send the old value)', async () => {
    const secret = inMemorySecret({ phoneHashKey, originVerify: newValue, originVerifyPrevious: oldValue });

    const outcome = await startOriginVerifyRotation(secret, 'a-third-origin-value-00000');

    expect(outcome).toEqual({ kind: 'unfinished' });
    expect(secret.versions).toHaveLength(1);
  });

  it('finish is refused while CloudFront still sends the old value (finishing then would refuse every request)', async () => {
    const secret = inMemorySecret({ phoneHashKey, originVerify: newValue, originVerifyPrevious: oldValue });

    const outcomes = [await finishOriginVerifyRotation(secret, async () => [oldValue]), await finishOriginVerifyRotation(secret, async () => [])];

    expect(outcomes).toEqual([{ kind: 'not_deployed' }, { kind: 'not_deployed' }]);
    expect(secret.versions).toHaveLength(1);
  });

  it('finish, once CloudFront sends the new value: only the new value is accepted; finishing twice changes nothing', async () => {
    const secret = inMemorySecret({ phoneHashKey, originVerify: newValue, originVerifyPrevious: oldValue });
    const sentByCloudFront = async () => [newValue];

    const outcomes = [await finishOriginVerifyRotation(secret, sentByCloudFront), await finishOriginVerifyRotation(secret, sentByCloudFront)];

    expect(outcomes).toEqual([{ kind: 'finished' }, { kind: 'nothing_to_finish' }]);
    expect(await secret.read()).toEqual({ phoneHashKey, originVerify: newValue });
    expect(secret.versions).toHaveLength(2);
  });
});

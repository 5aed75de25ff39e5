/**
 * Rotating the `x-origin-verify` value without refusing a single request, in two steps around a deployment:
 * 1. `start`: a new current value, the old one kept as previous. Within the functions' cache time (5 minutes) they
 *    and the origin authorizer accept both; CloudFront still sends the old one.
 * 2. Deploy, naming the new version (`-c originVerifyVersion=<id>`): CloudFront sends the new value.
 * 3. `finish`: the previous value is dropped; after the cache time a request carrying it is refused.
 */
import type { AppSecretStore } from '#domain/app-secrets.ts';

export type RotationStart = { kind: 'started'; versionId: string } | { kind: 'unfinished' };

export async function startOriginVerifyRotation(secret: AppSecretStore, newValue: string): Promise<RotationStart> {
  const document = await secret.read();
  // A second start before the first finished would drop the value CloudFront may still be sending.
  if (document.originVerifyPrevious !== undefined) return { kind: 'unfinished' };
  const versionId = await secret.write({ ...document, originVerify: newValue, ...(document.originVerify !== undefined && { originVerifyPrevious: document.originVerify }) });
  return { kind: 'started', versionId };
}

export async function finishOriginVerifyRotation(secret: AppSecretStore): Promise<{ kind: 'finished' } | { kind: 'nothing_to_finish' }> {
  const { originVerifyPrevious, ...rest } = await secret.read();
  if (originVerifyPrevious === undefined) return { kind: 'nothing_to_finish' };
  await secret.write(rest);
  return { kind: 'finished' };
}

/**
 * Rotating the `x-origin-verify` value without refusing a single request, in two steps around a deployment:
 * 1. `start`: a new current value, the old one kept as previous. Within the functions' cache time (5 minutes) they
 *    and the origin authorizer accept both; CloudFront still sends the old one. Wait those 5 minutes before step 2.
 * 2. Deploy with the new version as the stage's `originVerifyVersion` (functions/deployment/stages.ts): CloudFront sends the new value.
 * 3. `finish` (refused until CloudFront sends the new value): the previous value is dropped; a request carrying it is
 *    refused within 10 minutes (the functions' cache, then API Gateway's cached authorizer answer).
 */
import type { AppSecretStore } from '#domain/app-secrets.ts';

export type RotationStart = { kind: 'started'; versionId: string } | { kind: 'unfinished' };

export async function startOriginVerifyRotation(secret: AppSecretStore, newValue: string): Promise<RotationStart> {
  const document = await secret.read();
  // A second start before the first finished would drop the value CloudFront may still be sending.
  if (document.originVerifyPrevious !== undefined) return { kind: 'unfinished' };
  const versionId = await secret.write({
    ...document,
    originVerify: newValue,
    ...(document.originVerify !== undefined && { originVerifyPrevious: document.originVerify }),
  });
  return { kind: 'started', versionId };
}

export type RotationFinish = { kind: 'finished' } | { kind: 'nothing_to_finish' } | { kind: 'not_deployed' };

/**
 * Drop the previous value, but only once the distribution sends the current one (`sentByCloudFront`: the values of
 * its x-origin-verify origin header): finishing before the deployment would refuse every request CloudFront sends.
 */
export async function finishOriginVerifyRotation(secret: AppSecretStore, sentByCloudFront: () => Promise<readonly string[]>): Promise<RotationFinish> {
  const { originVerifyPrevious, ...rest } = await secret.read();
  if (originVerifyPrevious === undefined) return { kind: 'nothing_to_finish' };
  const sent = await sentByCloudFront();
  if (sent.length === 0 || sent.some((value) => value !== rest.originVerify)) return { kind: 'not_deployed' };
  await secret.write(rest);
  return { kind: 'finished' };
}

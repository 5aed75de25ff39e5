/**
 * The CDN port of `npm run publish` (functions/deployment/publish-site.ts ContentDeliveryNetwork) on CloudFront:
 * one invalidation per call, optionally waited for. CloudFront has no emulator; tests use a recording fake.
 */
import { CloudFrontClient, CreateInvalidationCommand, waitUntilInvalidationCompleted } from '@aws-sdk/client-cloudfront';
import type { ContentDeliveryNetwork } from '../deployment/publish-site.ts';
import { requestHandlerOptions, sdkCallLimits } from './sdk-call-limits.ts';

/** How long a publish waits for CloudFront to finish forgetting the changed paths (usually well under a minute). */
const INVALIDATION_WAIT_SECONDS = 600;

export function createCloudFrontClient(): CloudFrontClient {
  // The ops machine or CI runner talks to AWS only: a local stack's exported endpoint variables must not redirect it.
  return new CloudFrontClient({
    maxAttempts: sdkCallLimits.tooling.maxAttempts,
    ignoreConfiguredEndpointUrls: true,
    requestHandler: requestHandlerOptions(sdkCallLimits.tooling),
  });
}

export function createCloudFrontInvalidations(client: CloudFrontClient, distributionId: string): ContentDeliveryNetwork {
  return {
    async invalidate(paths, { wait }) {
      const { Invalidation } = await client.send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: {
            CallerReference: `pos-portal-publish-${Date.now()}-${Math.random().toString(36).slice(2)}`,
            Paths: { Quantity: paths.length, Items: [...paths] },
          },
        }),
      );
      if (wait && Invalidation?.Id) {
        await waitUntilInvalidationCompleted(
          { client, maxWaitTime: INVALIDATION_WAIT_SECONDS, minDelay: 5 },
          { DistributionId: distributionId, Id: Invalidation.Id },
        );
      }
    },
  };
}

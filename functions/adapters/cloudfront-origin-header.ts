/**
 * What the deployed distribution actually sends to the API: the value of one origin custom header (x-origin-verify),
 * read from its configuration. Used by the ops CLI to finish an origin-verify rotation only once CloudFront sends the
 * new value. Region and credentials from the usual AWS variables or profile; local endpoint variables are ignored.
 */
import { CloudFrontClient, GetDistributionConfigCommand } from '@aws-sdk/client-cloudfront';
import { requestHandlerOptions, sdkCallLimits } from './sdk-call-limits.ts';

export async function readOriginCustomHeader(distributionId: string, headerName: string): Promise<string[]> {
  const client = new CloudFrontClient({
    maxAttempts: sdkCallLimits.tooling.maxAttempts,
    ignoreConfiguredEndpointUrls: true,
    requestHandler: requestHandlerOptions(sdkCallLimits.tooling),
  });
  try {
    const { DistributionConfig } = await client.send(new GetDistributionConfigCommand({ Id: distributionId }));
    return (DistributionConfig?.Origins?.Items ?? []).flatMap((origin) =>
      (origin.CustomHeaders?.Items ?? [])
        .filter((header) => header.HeaderName?.toLowerCase() === headerName.toLowerCase())
        .map((header) => header.HeaderValue ?? ''),
    );
  } finally {
    client.destroy();
  }
}

/**
 * Reads a deployed stack's outputs (table name, queue URLs, secret ARN) so the ops CLI can find a stage's resources
 * by stack name alone (functions/deployment/stack-outputs.ts). Region and credentials come from the usual AWS variables/profile.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { requestHandlerOptions, sdkCallLimits } from './sdk-call-limits.ts';

// Used by the ops CLI against AWS only: a local stack's exported endpoint variables must not redirect it.
const cloudFormation = new CloudFormationClient({
  maxAttempts: sdkCallLimits.tooling.maxAttempts,
  ignoreConfiguredEndpointUrls: true,
  requestHandler: requestHandlerOptions(sdkCallLimits.tooling),
});

/**
 * Output key → value of `stackName`; throws StackNotFoundError when there is no such stack. `region` (the stage file's)
 * overrides the profile's region.
 */
export async function readStackOutputs(stackName: string, region?: string): Promise<Record<string, string>> {
  const client =
    region === undefined
      ? cloudFormation
      : new CloudFormationClient({
          maxAttempts: sdkCallLimits.tooling.maxAttempts,
          ignoreConfiguredEndpointUrls: true,
          region,
          requestHandler: requestHandlerOptions(sdkCallLimits.tooling),
        });
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = Stacks[0]?.Outputs ?? [];
    return Object.fromEntries(outputs.flatMap((output) => (output.OutputKey && output.OutputValue ? [[output.OutputKey, output.OutputValue]] : [])));
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) throw new StackNotFoundError(stackName);
    throw error;
  }
}

export class StackNotFoundError extends Error {
  readonly stackName: string;
  constructor(stackName: string) {
    super(`stack ${stackName} does not exist`);
    this.name = 'StackNotFoundError';
    this.stackName = stackName;
  }
}

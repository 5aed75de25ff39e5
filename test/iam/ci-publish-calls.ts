/**
 * What `npm run publish` (functions/deployment/publish-command.ts) calls with the CI role only on AWS: CloudFront and
 * CloudFormation have no emulator, so the integration test records its S3 calls only (publish-site.int.test.ts) and
 * these are read from its adapters.
 */
import { stackName } from '../../functions/deployment/stack-outputs.ts';
import { testStage } from '../infra/support/app-under-test.ts';
import { ACCOUNT, REGION, type SynthesizedRoles } from './synthesized-roles.ts';

/**
 * The outputs of both stacks name the bucket, the distribution and the site's address (cloudformation-stack-outputs.ts);
 * a publish invalidates the changed paths and waits until CloudFront is done (cloudfront-invalidations.ts: the waiter
 * polls GetInvalidation).
 */
export function ciPublishCallsOnAwsOnly(roles: SynthesizedRoles): { action: string; arn: string }[] {
  const stack = (role: 'Stateful' | 'Stateless') =>
    `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${stackName(testStage, role)}/0a1b2c3d-0000-0000-0000-000000000000`;
  return [
    { action: 'cloudformation:DescribeStacks', arn: stack('Stateful') },
    { action: 'cloudformation:DescribeStacks', arn: stack('Stateless') },
    { action: 'cloudfront:CreateInvalidation', arn: roles.arnOf('site-distribution') },
    { action: 'cloudfront:GetInvalidation', arn: roles.arnOf('site-distribution') },
  ];
}

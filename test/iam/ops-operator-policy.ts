/**
 * The IAM policy an operator needs for `npm run ops -- … --stage <stage>`, as documented in
 * docs/ops-cli-iam-policy.json (placeholders `${TableName}`…, which an operator fills from the stack outputs),
 * filled in here from the synthesized template so recorded calls can be evaluated against it.
 */
import { readFileSync } from 'node:fs';
import { ACCOUNT, REGION, type PolicyStatement, type SynthesizedRoles } from './synthesized-roles.ts';

export const OPS_POLICY_FILE = new URL('../../docs/ops-cli-iam-policy.json', import.meta.url);
const DISTRIBUTION_ID = 'E2EXAMPLEDIST';
const STAGE = 'dev';

function placeholders(roles: SynthesizedRoles): Record<string, string> {
  const queueName = (arn: string) => arn.split(':').at(-1)!;
  const tableArn = roles.arnOf('applications-table');
  return {
    Region: REGION,
    Account: ACCOUNT,
    Stage: STAGE,
    TableName: tableArn.split('/').at(-1)!,
    ReviewQueueName: queueName(roles.arnOf('review-queue')),
    DeadLetterQueueName: queueName(roles.arnOf('review-dead-letter-queue')),
    AppSecretArn: roles.arnOf('app-secret'),
    DistributionId: DISTRIBUTION_ID,
  };
}

export function opsOperatorPolicy(roles: SynthesizedRoles): PolicyStatement[] {
  const values = placeholders(roles);
  const text = readFileSync(OPS_POLICY_FILE, 'utf8').replace(/\$\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`docs/ops-cli-iam-policy.json: unknown placeholder ${whole}`);
    return value;
  });
  return (JSON.parse(text) as { Statement: PolicyStatement[] }).Statement;
}

/**
 * What the ops CLI calls only on AWS (no emulator runs these in the tests), read from its adapters: the stack outputs
 * of both stacks (cloudformation-stack-outputs.ts, ops/target.ts), the application secret (phone-hash key; rotation
 * writes a new version: secrets-manager-app-secrets.ts), and the distribution's origin header
 * (cloudfront-origin-header.ts, rotate-origin-secret --finish).
 */
export function opsCliCallsOnAwsOnly(roles: SynthesizedRoles): { action: string; arn: string }[] {
  const stack = (role: string) => `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/PosPortal-${STAGE}-${role}/0a1b2c3d-0000-0000-0000-000000000000`;
  return [
    { action: 'cloudformation:DescribeStacks', arn: stack('Stateful') },
    { action: 'cloudformation:DescribeStacks', arn: stack('Stateless') },
    { action: 'secretsmanager:GetSecretValue', arn: roles.arnOf('app-secret') },
    { action: 'secretsmanager:PutSecretValue', arn: roles.arnOf('app-secret') },
    { action: 'cloudfront:GetDistributionConfig', arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/${DISTRIBUTION_ID}` },
  ];
}

import { App, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { acknowledgeWildcardPermissions } from '../../infra/nag.ts';

function policyWith(...actions: string[]): CfnResource {
  const stack = new Stack(new App(), 'Test');
  const policy = new Policy(stack, 'Policy', { statements: [new PolicyStatement({ actions, resources: ['arn:aws:s3:::bucket/*'] })] });
  return policy.node.defaultChild as CfnResource;
}
const acknowledgedIds = (policy: CfnResource) =>
  policy.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.keys(entry.data as Record<string, string>));

describe('acknowledgeWildcardPermissions', () => {
  it('acknowledges each wildcard finding cdk-nag reports, with the reviewed reason', () => {
    const policy = policyWith('s3:GetObject*');

    acknowledgeWildcardPermissions(policy, [
      { finding: /^Action::s3:GetObject\*$/, reason: 'read objects' },
      { finding: /^Resource::arn:aws:s3:::bucket\/\*$/, reason: 'every object of one bucket' },
    ]);

    expect(acknowledgedIds(policy)).toEqual([
      'Annotation::AwsSolutions-IAM5[Action::s3:GetObject*]',
      'Annotation::AwsSolutions-IAM5[Resource::arn:aws:s3:::bucket/*]',
    ]);
  });

  it('stops synth when a wildcard has no reviewed reason', () => {
    const policy = policyWith('s3:GetObject*', 's3:Delete*');

    expect(() =>
      acknowledgeWildcardPermissions(policy, [
        { finding: /^Action::s3:GetObject\*$/, reason: 'read objects' },
        { finding: /^Resource::/, reason: 'one bucket' },
      ]),
    ).toThrow('unreviewed wildcard permission Action::s3:Delete*');
  });
});

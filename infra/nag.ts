import { Validations, type CfnResource } from 'aws-cdk-lib';
import type { Provider } from 'aws-cdk-lib/custom-resources';
import { rules } from 'cdk-nag';

export interface WildcardReason {
  /** Matches cdk-nag finding ids such as `Action::s3:GetObject*` or `Resource::arn:aws:s3:::bucket/*`. */
  readonly finding: RegExp;
  /** Why a security reviewer can accept it. */
  readonly reason: string;
}

/**
 * Acknowledge, finding by finding, the AwsSolutions-IAM5 wildcards in a policy that a CDK-provided construct writes
 * for us (we do not author its statements). The finding ids come from cdk-nag's own rule, so they match exactly what
 * the check reports; a wildcard that no reason matches stops synth, so a CDK upgrade that widens a role gets reviewed.
 * The policy's values must resolve inside its own stack (no implicit cross-stack references), as at check time.
 */
export function acknowledgeWildcardPermissions(policy: CfnResource, reasons: readonly WildcardReason[]): void {
  const findings = rules.iam.IAMNoWildcardPermissions(policy);
  if (!Array.isArray(findings)) return;
  for (const finding of findings) {
    const reviewed = reasons.find((candidate) => candidate.finding.test(finding));
    if (!reviewed) {
      throw new Error(`${policy.node.path}: unreviewed wildcard permission ${finding}. Review it and add a reason next to this call.`);
    }
    Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: reviewed.reason });
  }
}

/**
 * cdk-nag findings on the CDK Provider framework (aws-cdk-lib/custom-resources), which runs our deploy-time custom
 * resources: its framework function and role are written by CDK, not by us, and run only while CloudFormation
 * deploys. Each reason says why the finding does not apply to a function no visitor can reach.
 */
export function acknowledgeProviderFramework(provider: Provider): void {
  const frameworkFunction = provider.node.findChild('framework-onEvent');
  const policy = frameworkFunction.node.findChild('ServiceRole').node.tryFindChild('DefaultPolicy')?.node.defaultChild as CfnResource | undefined;
  if (!policy) throw new Error('Provider framework role policy not found; aws-cdk-lib changed how it builds it');
  acknowledgeWildcardPermissions(policy, [
    {
      finding: /^Resource::<[A-Za-z0-9]+\.Arn>:\*$/,
      reason: 'The framework may invoke every version and alias of our own handler function (`<function ARN>:*`) and nothing else: CDK writes that statement.',
    },
  ]);
  Validations.of(frameworkFunction).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's Provider framework gives its own function AWSLambdaBasicExecutionRole (log writes); it holds no other permission beyond invoking our handler.",
    },
    {
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked by CloudFormation during deployments only; a failure fails the deployment, which CloudFormation rolls back and reports.',
    },
    {
      id: 'Serverless-LambdaDefaultMemorySize',
      reason: "CDK's framework function relays one CloudFormation event per deployment; its default memory is enough.",
    },
    { id: 'Serverless-LambdaTracing', reason: 'Runs only during deployments; CloudFormation events and the framework log are the trace.' },
  );
}

import { Validations, type CfnResource } from 'aws-cdk-lib';
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

import { CfnOutput, Duration, Fn, Stack, type CfnResource, type StackProps } from 'aws-cdk-lib';
import { CfnOIDCProvider, Effect, PolicyStatement, Role, WebIdentityPrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ciOutputKeys, stackName, statefulOutputKeys, statelessOutputKeys } from '../../functions/deployment/stack-outputs.ts';
import type { StageName } from '../../functions/deployment/stages.ts';
import { acknowledgeWildcardPermissions } from '../nag.ts';

/** GitHub's OpenID Connect issuer, and the audience configure-aws-credentials asks for. */
export const githubOidcHost = 'token.actions.githubusercontent.com';
export const githubOidcAudience = 'sts.amazonaws.com';

export interface CiStackProps extends StackProps {
  readonly stage: StageName;
  /** `owner/name` of the GitHub repository whose workflows may deploy this stage. */
  readonly repository: string;
  /** GitHub's OIDC provider exists once per account: create it here, or use the one another stage created. */
  readonly createOidcProvider: boolean;
  /** The stacks whose outputs name the site bucket and the distribution `npm run publish` works on. */
  readonly stateful: Stack;
  readonly stateless: Stack;
}

/**
 * The one way CI reaches AWS: a role GitHub Actions assumes with its OIDC token (no long-lived keys anywhere). Its
 * trust is pinned to this repository AND to the GitHub environment named like the stage (`dev`, `prod`), so only a
 * job that declares `environment: prod` (which GitHub holds for approval) can act on prod, and no fork or other
 * repository can. It may only assume the CDK bootstrap roles (cdk deploy, in this account) and publish the site.
 *
 * Deployed by a person with admin rights (`npx cdk deploy PosPortal-<stage>-Ci -c stage=<stage>`), never by CI itself
 * (`npm run deploy` leaves it out), so a workflow cannot widen its own trust.
 */
export class CiStack extends Stack {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: CiStackProps) {
    super(scope, id, props);
    const providerArn = props.createOidcProvider
      ? new CfnOIDCProvider(this, 'GitHubOidcProvider', { url: `https://${githubOidcHost}`, clientIdList: [githubOidcAudience] }).attrArn
      : `arn:${this.partition}:iam::${this.account}:oidc-provider/${githubOidcHost}`;

    // By their stable outputs (as SiteDistribution imports the bucket), so the policy resolves inside this stack.
    const siteBucketArn = Fn.getStackOutput(props.stateful.stackName, statefulOutputKeys.siteBucketArn, props.stateful.region);
    const distributionId = Fn.getStackOutput(props.stateless.stackName, statelessOutputKeys.distributionId, props.stateless.region);
    this.addStackDependency(props.stateful, 'reads the site bucket from its outputs');
    this.addStackDependency(props.stateless, 'reads the distribution id from its outputs');

    this.role = new Role(this, 'DeployRole', {
      description: `pos-portal ${props.stage}: GitHub Actions (${props.repository}, environment ${props.stage}) deploys and publishes`,
      assumedBy: new WebIdentityPrincipal(providerArn, {
        StringEquals: {
          [`${githubOidcHost}:aud`]: githubOidcAudience,
          [`${githubOidcHost}:sub`]: `repo:${props.repository}:environment:${props.stage}`,
        },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    // cdk deploy: the bootstrap roles (deploy, file and image publishing, lookup) of this account, in any region the
    // app uses (ap-east-1, and us-east-1 for the WAF stack). CloudFormation itself runs as the bootstrap execution role.
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'AssumeCdkBootstrapRoles',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [`arn:${this.partition}:iam::${this.account}:role/cdk-hnb659fds-*-role-${this.account}-*`],
      }),
    );
    // npm run publish: read the stage's outputs, write the site bucket, invalidate its distribution.
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'ReadStageOutputs',
        actions: ['cloudformation:DescribeStacks'],
        resources: [
          `arn:${this.partition}:cloudformation:${this.region}:${this.account}:stack/${stackName(props.stage, 'Stateful')}/*`,
          `arn:${this.partition}:cloudformation:${this.region}:${this.account}:stack/${stackName(props.stage, 'Stateless')}/*`,
        ],
      }),
    );
    this.role.addToPolicy(new PolicyStatement({ sid: 'ListSite', actions: ['s3:ListBucket'], resources: [siteBucketArn] }));
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'PublishSite',
        effect: Effect.ALLOW,
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [`${siteBucketArn}/*`],
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'InvalidateSite',
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [`arn:${this.partition}:cloudfront::${this.account}:distribution/${distributionId}`],
      }),
    );

    const policy = this.role.node.findChild('DefaultPolicy').node.defaultChild as CfnResource;
    acknowledgeWildcardPermissions(policy, [
      {
        finding: /^Resource::arn:[^:]+:iam::(<AWS::AccountId>|\d{12}):role\/cdk-hnb659fds-\*-role-(<AWS::AccountId>|\d{12})-\*$/,
        reason:
          'The CDK bootstrap roles of this account (deploy, file publishing, image publishing, lookup) in each region the app deploys to; their names are fixed by cdk bootstrap, only the role kind and region vary.',
      },
      {
        finding: /^Resource::arn:[^:]+:cloudformation:[^:]+:(<AWS::AccountId>|\d{12}):stack\/PosPortal-(dev|prod)-(Stateful|Stateless)\/\*$/,
        reason: "DescribeStacks on this stage's two stacks; the trailing * is the stack id CloudFormation appends to every stack ARN.",
      },
      {
        finding: new RegExp(`^Resource::.*"OutputName":"${statefulOutputKeys.siteBucketArn}".*/\\*$`),
        reason: 'Objects of the site bucket only: npm run publish writes changed files, removes deleted pages and keeps its publish records there.',
      },
    ]);
    new CfnOutput(this, ciOutputKeys.roleArn, { value: this.role.roleArn, description: 'Set as the GitHub environment variable AWS_ROLE_ARN of this stage' });
  }
}

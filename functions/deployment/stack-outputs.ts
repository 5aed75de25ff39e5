/**
 * How ops tools find a deployed stage: stack names and CloudFormation output keys, in one place. The stacks create
 * exactly these outputs, and the ops CLI reads them with `aws cloudformation describe-stacks --stack-name …`.
 * Keys are stable: renaming one breaks every tool that reads it. This file imports nothing from the CDK so that
 * functions/ops can import it cheaply.
 */
export type StackRole = 'Stateful' | 'Stateless' | 'Edge' | 'Ci';

/** `PosPortal-prod-Stateful`, `PosPortal-dev-Stateless`, … */
export function stackName(stage: string, role: StackRole): string {
  return `PosPortal-${stage}-${role}`;
}

export const statefulOutputKeys = {
  /** DynamoDB applications table name. */
  tableName: 'TableName',
  /** SQS review queue URL. */
  reviewQueueUrl: 'ReviewQueueUrl',
  /** SQS dead-letter queue URL (`ops dlq list|redrive`). */
  deadLetterQueueUrl: 'DeadLetterQueueUrl',
  /** Secrets Manager ARN of the phone-hash HMAC key (ops CLI needs it to look up or erase by phone). */
  appSecretArn: 'AppSecretArn',
  /** Bucket holding the built site (deployments only; nobody reads it but CloudFront). */
  siteBucketName: 'SiteBucketName',
  /** Its ARN; the stateless stack imports the bucket from this output by name. */
  siteBucketArn: 'SiteBucketArn',
  /** The review console's Cognito user pool (inviting reviewers). */
  consoleUserPoolId: 'ConsoleUserPoolId',
} as const;

export const statelessOutputKeys = {
  /** Public site, e.g. https://d111111abcdef8.cloudfront.net or the custom domain. */
  siteUrl: 'SiteUrl',
  /** Public API base behind CloudFront (same origin as the site), e.g. https://…/api. */
  apiUrl: 'ApiUrl',
  /** CloudFront distribution id (`aws cloudfront create-invalidation`). */
  distributionId: 'DistributionId',
  /** SNS topic for alarms and new-application notices. */
  opsTopicArn: 'OpsTopicArn',
} as const;

export const ciOutputKeys = {
  /** The role GitHub Actions assumes through OIDC (the workflows read it from the environment variable AWS_ROLE_ARN). */
  roleArn: 'CiRoleArn',
} as const;

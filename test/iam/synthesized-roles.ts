/**
 * The IAM side of the stacks, read from a synthesized template: each function's identity policy and the CI role's
 * with every CloudFormation reference resolved to a concrete ARN (logical ids stand in for generated names), and the
 * ARNs of the resources the recorded calls name by role (aws-call-recorder.ts).
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { StageSettings } from '../../functions/deployment/stages.ts';
import { buildApp, testDeploymentContext, testStage, testStages } from '../infra/support/app-under-test.ts';
import { mapKnownName, type ResourceRole, type StageVariant } from '../support/aws-call-recorder.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'ap-east-1';

type Json = any;
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Json;
}

export interface SynthesizedRoles {
  /** Function (by handler name) → its identity policy's statements, resolved. */
  policies: Map<string, PolicyStatement[]>;
  /** The CI stack's role (GitHub Actions through OIDC: cdk deploy and `npm run publish`), resolved. */
  ciPolicy: PolicyStatement[];
  /** Role of a resource → its ARN. */
  arnOf(role: ResourceRole | `unknown:${string}`): string;
  /** The role of an ARN (or ARN pattern) for messages; the ARN itself when it is no known resource's. */
  roleOfArn(arn: string): string;
}

function arnOfResource(logicalId: string, type: string): string {
  switch (type) {
    case 'AWS::DynamoDB::Table':
      return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${logicalId}`;
    case 'AWS::SQS::Queue':
      return `arn:aws:sqs:${REGION}:${ACCOUNT}:${logicalId}`;
    case 'AWS::SecretsManager::Secret':
      return `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${logicalId}-AbCdEf`;
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${REGION}:${ACCOUNT}:${logicalId}`;
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${bucketNameOf(logicalId)}`;
    case 'AWS::CloudFront::Distribution':
      return `arn:aws:cloudfront::${ACCOUNT}:distribution/${logicalId}`;
    default:
      return `arn:aws:${type.split('::')[1]!.toLowerCase()}:${REGION}:${ACCOUNT}:${logicalId}`;
  }
}

/** Bucket names are lower case. */
const bucketNameOf = (logicalId: string) => logicalId.toLowerCase();

/** `Ref` of a resource: what CloudFormation returns for each type we reference. */
function refOf(logicalId: string, type: string): string {
  if (type === 'AWS::SQS::Queue') return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${logicalId}`;
  if (type === 'AWS::DynamoDB::Table' || type === 'AWS::IAM::Role' || type === 'AWS::CloudFront::Distribution') return logicalId;
  if (type === 'AWS::S3::Bucket') return bucketNameOf(logicalId);
  return arnOfResource(logicalId, type);
}

/** The label DynamoDB gives a table's stream (its creation time); any fixed one will do. */
const STREAM_LABEL = '2026-01-01T00:00:00.000';

/** Stage settings that change a function's role (aws-call-recorder.ts StageVariant), as the stage file would say them. */
const variantSettings: Record<StageVariant, Partial<StageSettings>> = { 'chat-notices': { newApplicationNotices: 'chat' } };

/** The roles of the dev stage, or of the dev stage with `variant`'s setting in its stage file. */
export function synthesizedRoles(variant?: StageVariant): SynthesizedRoles {
  const built = buildApp({
    context: { ...testDeploymentContext, siteDist: '/nonexistent-site-dist' },
    bundling: false,
    ...(variant && { stageFile: { ...testStages, [testStage]: { ...testStages[testStage], ...variantSettings[variant] } } }),
  });
  const stateful = Template.fromStack(built.stateful).toJSON() as Json;
  const stateless = Template.fromStack(built.stateless).toJSON() as Json;
  const ci = Template.fromStack(built.ci).toJSON() as Json;

  const resolveIn = (template: Json) => {
    const resolve = (value: Json): Json => {
      if (Array.isArray(value)) return value.map(resolve);
      if (value === null || typeof value !== 'object') return value;
      if ('Ref' in value) {
        const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com' };
        if (pseudo[value.Ref]) return pseudo[value.Ref];
        const resource = template.Resources[value.Ref];
        if (!resource) throw new Error(`Ref to ${value.Ref}, which is not in the template`);
        return refOf(value.Ref, resource.Type);
      }
      if ('Fn::GetAtt' in value) {
        const [logicalId, attribute] = value['Fn::GetAtt'] as [string, string];
        const resource = template.Resources[logicalId];
        if (!resource) throw new Error(`GetAtt of ${logicalId}, which is not in the template`);
        if (attribute === 'Arn') return arnOfResource(logicalId, resource.Type);
        if (attribute === 'StreamArn') return `${arnOfResource(logicalId, resource.Type)}/stream/${STREAM_LABEL}`;
        if (attribute === 'QueueName' || attribute === 'TopicName') return logicalId;
        return `${logicalId}.${attribute}`;
      }
      if ('Fn::Join' in value) {
        const [separator, parts] = value['Fn::Join'] as [string, Json[]];
        return parts.map(resolve).join(separator);
      }
      if ('Fn::GetStackOutput' in value) {
        const { StackName, OutputName } = value['Fn::GetStackOutput'];
        const source = { [built.stateful.stackName]: stateful, [built.stateless.stackName]: stateless }[StackName as string];
        if (!source) throw new Error(`output of ${StackName}: only the stateful and stateless stacks' are resolved`);
        const output = source.Outputs?.[OutputName];
        if (!output) throw new Error(`${StackName} has no output ${OutputName}`);
        return resolveIn(source)(output.Value);
      }
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
    };
    return resolve;
  };
  const resolveStateless = resolveIn(stateless);

  const resourcesOf = (template: Json, type: string): [string, Json][] =>
    Object.entries(template.Resources as Record<string, Json>).filter(([, resource]) => resource.Type === type);

  const policies = new Map<string, PolicyStatement[]>();
  for (const [, fn] of resourcesOf(stateless, 'AWS::Lambda::Function')) {
    const description = String(fn.Properties?.Description ?? '');
    if (!description.startsWith('pos-portal ')) continue;
    const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const role = stateless.Resources[roleId];
    const statements = [
      ...resourcesOf(stateless, 'AWS::IAM::Policy')
        .filter(([, policy]) => (policy.Properties.Roles as Json[]).some((ref) => ref.Ref === roleId))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Json[]),
      ...((role.Properties.Policies ?? []) as Json[]).flatMap((policy) => policy.PolicyDocument.Statement as Json[]),
    ];
    policies.set(description.slice('pos-portal '.length), resolveStateless(statements) as PolicyStatement[]);
  }
  const [ciRoleId] = resourcesOf(ci, 'AWS::IAM::Role').map(([id]) => id);
  const ciPolicy = resolveIn(ci)(
    resourcesOf(ci, 'AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties.Roles as Json[]).some((ref) => ref.Ref === ciRoleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Json[]),
  ) as PolicyStatement[];

  const [tableId] = resourcesOf(stateful, 'AWS::DynamoDB::Table').map(([id]) => id);
  const queues = resourcesOf(stateful, 'AWS::SQS::Queue');
  const reviewQueueId = queues.find(([, queue]) => queue.Properties?.RedrivePolicy)?.[0];
  // By construct id (stateful construct ids never change): two queues are dead-letter queues.
  const deadLetterQueueId = queues.find(([id]) => id.startsWith('ReviewDeadLetterQueue'))?.[0];
  const expiryDeadLetterQueueId = queues.find(([id]) => id.startsWith('ExpiryDeadLetterQueue'))?.[0];
  const [secretId] = resourcesOf(stateful, 'AWS::SecretsManager::Secret').map(([id]) => id);
  const [topicId] = resourcesOf(stateless, 'AWS::SNS::Topic').map(([id]) => id);
  const siteBucketId = resourcesOf(stateful, 'AWS::S3::Bucket').find(([id]) => id.startsWith('SiteBucket'))?.[0];
  const [distributionId] = resourcesOf(stateless, 'AWS::CloudFront::Distribution').map(([id]) => id);
  if (!tableId || !reviewQueueId || !deadLetterQueueId || !expiryDeadLetterQueueId || !secretId || !topicId || !siteBucketId || !distributionId) {
    throw new Error('a stack lost its table, queues, secret, topic, site bucket or distribution');
  }
  const roleArns: Record<string, string> = {
    // Before the table: a stream ARN starts with the table's.
    'applications-table-stream': `${arnOfResource(tableId, 'AWS::DynamoDB::Table')}/stream/${STREAM_LABEL}`,
    'applications-table': arnOfResource(tableId, 'AWS::DynamoDB::Table'),
    'expiry-dead-letter-queue': arnOfResource(expiryDeadLetterQueueId, 'AWS::SQS::Queue'),
    'review-queue': arnOfResource(reviewQueueId, 'AWS::SQS::Queue'),
    'review-dead-letter-queue': arnOfResource(deadLetterQueueId, 'AWS::SQS::Queue'),
    'app-secret': arnOfResource(secretId, 'AWS::SecretsManager::Secret'),
    'ops-topic': arnOfResource(topicId, 'AWS::SNS::Topic'),
    'site-bucket': arnOfResource(siteBucketId, 'AWS::S3::Bucket'),
    'site-distribution': arnOfResource(distributionId, 'AWS::CloudFront::Distribution'),
  };

  return {
    policies,
    ciPolicy,
    // What follows a role after `/` (an index, an object's key) follows its ARN alike.
    arnOf: (role) => mapKnownName(role, roleArns) ?? `arn:aws:unknown:${REGION}:${ACCOUNT}:${role}`,
    roleOfArn(arn) {
      for (const [role, roleArn] of Object.entries(roleArns)) {
        if (arn === roleArn) return role;
        if (arn.startsWith(`${roleArn}/`)) return `${role}${arn.slice(roleArn.length)}`;
      }
      return arn;
    },
  };
}

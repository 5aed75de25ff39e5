import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, inject, it } from 'vitest';
import { applicationsTableDefinition, applicationsTableDesign } from '../../../functions/adapters/dynamodb-table-design.ts';
import { reviewQueueDesign } from '../../../functions/adapters/sqs-queue-design.ts';
import { statefulOutputKeys } from '../../../functions/deployment/stack-outputs.ts';
import { publishRecordsPrefix } from '../../../functions/deployment/publish-site.ts';
import { stages } from '../../../functions/deployment/stages.ts';
import { readTemplate, readTemplateJson, resourcesOfType } from '../support/app-under-test.ts';

const { outdir } = inject('infraAssembly');
const template = readTemplate(outdir, 'Stateful');
const json = readTemplateJson(outdir, 'Stateful');

describe('applications table', () => {
  it('is on-demand with PITR, deletion protection and AWS-managed encryption', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('is retained when the stack or the resource goes away', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('projects into each index only what its queries read: keys for byPhone and outbox, keys and brand for byStatus, keys and the "to call" filters for toCall', () => {
    const table = resourcesOfType(json, 'AWS::DynamoDB::Table')[0]![1];
    const indexes = table.Properties!.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown; Projection: unknown }[];
    expect(Object.fromEntries(indexes.map((index) => [index.IndexName, { keys: index.KeySchema, projection: index.Projection }]))).toEqual({
      byPhone: {
        keys: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        projection: { ProjectionType: 'KEYS_ONLY' },
      },
      byStatus: {
        keys: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['brand'] },
      },
      outbox: {
        keys: [
          { AttributeName: 'gsi3pk', KeyType: 'HASH' },
          { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
        ],
        projection: { ProjectionType: 'KEYS_ONLY' },
      },
      toCall: {
        keys: [
          { AttributeName: 'gsi4pk', KeyType: 'HASH' },
          { AttributeName: 'gsi4sk', KeyType: 'RANGE' },
        ],
        projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['brand', 'city', 'owner'] },
      },
    });
    // No index copies whole items: ALL would store (and write) every application twice more.
    expect(indexes.map((index) => index.Projection)).not.toContainEqual({ ProjectionType: 'ALL' });
  });

  it('has the keys, indexes and TTL attribute of the shared table design (what the local stack creates too)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: applicationsTableDefinition.KeySchema,
      TimeToLiveSpecification: { AttributeName: applicationsTableDesign.timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: applicationsTableDefinition.GlobalSecondaryIndexes.map((index) => Match.objectLike(index)),
    });
  });

  it('streams keys only (the personal-data expiry needs the reference, and no name or phone passes through)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'KEYS_ONLY' } });
  });
});

describe('review queue and dead-letter queue', () => {
  const queues = resourcesOfType(json, 'AWS::SQS::Queue');
  const [, reviewQueue] = queues.find(([, queue]) => queue.Properties?.RedrivePolicy)!;
  const [deadLetterQueueId] = queues.find(([id]) => id.startsWith('ReviewDeadLetterQueue'))!;

  it('sends a message to the DLQ after at most 5 receives, as the queue design says', () => {
    expect(reviewQueue.Properties!.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] },
      maxReceiveCount: reviewQueueDesign.maxReceiveCount,
    });
    expect(reviewQueueDesign.maxReceiveCount).toBeLessThanOrEqual(5);
  });

  it('hides a received batch for at least 6× the worker function timeout', () => {
    const stateless = readTemplateJson(outdir, 'Stateless');
    const [, worker] = resourcesOfType(stateless, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Description === 'pos-portal review-worker')!;

    expect(reviewQueue.Properties!.VisibilityTimeout).toBeGreaterThanOrEqual(6 * worker.Properties!.Timeout);
  });

  it('encrypts every queue (the expiry DLQ too) and refuses non-TLS access to each', () => {
    expect(queues.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['ExpiryDeadLetterQueue', 'ReviewDeadLetterQueue', 'ReviewQueue']);
    for (const [queueId, queue] of queues) {
      expect(queue.Properties!.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });
});

describe('site bucket', () => {
  it('is private, versioned, encrypted and retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: Match.anyValue(),
      }),
    });
  });

  it('allows reads to CloudFront of this account only, and nothing over plain HTTP', () => {
    const [, policy] = resourcesOfType(json, 'AWS::S3::BucketPolicy')[0]!;
    const statements = policy.Properties!.PolicyDocument.Statement as Record<string, any>[];
    const allows = statements.filter((statement) => statement.Effect === 'Allow');

    expect(allows).toEqual([
      {
        Sid: 'AllowCloudFrontOriginAccessControlReadOnly',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: expect.anything(),
        Condition: {
          StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'AWS:SourceArn': expect.anything() },
        },
      },
    ]);
    expect(JSON.stringify(allows[0]!.Condition.ArnLike['AWS:SourceArn'])).toMatch(/:cloudfront::.*:distribution\/\*/);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('keeps the publish records (manifests, rollback copies) away from CloudFront', () => {
    const [, policy] = resourcesOfType(json, 'AWS::S3::BucketPolicy')[0]!;
    const deny = (policy.Properties!.PolicyDocument.Statement as Record<string, any>[]).find((statement) => statement.Sid === 'DenyCloudFrontPublishRecords');

    expect(deny).toMatchObject({ Effect: 'Deny', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(deny!.Resource)).toContain(`/${publishRecordsPrefix}*`);
  });
});

describe('application secret', () => {
  const secrets = resourcesOfType(json, 'AWS::SecretsManager::Secret');

  it('is one secret (Secrets Manager bills per secret), generated by Secrets Manager, never written into the template', () => {
    expect(secrets.map(([logicalId]) => logicalId.replace(/[0-9A-F]{8}$/, ''))).toEqual(['AppSecret']);
    const [, secret] = secrets[0]!;
    expect(secret.Properties!.SecretString).toBeUndefined();
    expect(secret.Properties!.GenerateSecretString).toEqual({
      SecretStringTemplate: '{}',
      GenerateStringKey: 'phoneHashKey',
      PasswordLength: 64,
      ExcludePunctuation: true,
      IncludeSpace: false,
    });
  });

  it('keeps the phone-hash key when the stack goes away', () => {
    expect(secrets[0]![1].DeletionPolicy).toBe('Retain');
  });

  it('gets its origin-verify value from the deploy-time initialiser, which may read and write this secret only', () => {
    const [, initialiser] = resourcesOfType(json, 'Custom::PosPortalAppSecret')[0]!;
    const secretRef = { Ref: secrets[0]![0] };
    expect(initialiser.Properties!.SecretArn).toEqual(secretRef);
    const initialiserPolicies = resourcesOfType(json, 'AWS::IAM::Policy').filter(([logicalId]) => logicalId.startsWith('AppSecretInitialiserRole'));
    const statements = initialiserPolicies.flatMap(
      ([, policy]) => policy.Properties!.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const secretsManagerStatements = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('secretsmanager:')));
    expect(secretsManagerStatements.length).toBeGreaterThan(0);
    for (const statement of secretsManagerStatements) expect(statement.Resource).toEqual(secretRef);
  });
});

describe('first-deploy hazards', () => {
  it('gives the app-secret provider framework its own log group before it can run (no race with Lambda creating it)', () => {
    const frameworks = resourcesOfType(json, 'AWS::Lambda::Function').filter(([logicalId]) => logicalId.startsWith('AppSecretProviderframeworkonEvent'));
    expect(frameworks).toHaveLength(1);
    const logGroup = frameworks[0]![1].Properties!.LoggingConfig?.LogGroup;

    expect(logGroup).toEqual({ Ref: expect.stringMatching(/^AppSecretProviderLogs/) });
    expect(json.Resources[logGroup.Ref]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: expect.any(Number) } });
    expect(json.Resources[logGroup.Ref]!.Properties!.LogGroupName).toBeUndefined();
  });

  it('takes the Cognito domain prefix from the stage file', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: stages.dev.consoleDomainPrefix });
  });

  it('outputs the user pool id from this stack, which owns the pool', () => {
    expect(json.Outputs?.[statefulOutputKeys.consoleUserPoolId]?.Value).toEqual({ Ref: expect.stringMatching(/^ConsoleUsersUserPool/) });
  });
});

describe('stateful stack as a whole', () => {
  it('lets CloudFormation generate every physical name', () => {
    const namedProperties = ['TableName', 'QueueName', 'BucketName', 'Name'];
    for (const [logicalId, resource] of Object.entries(json.Resources)) {
      for (const property of namedProperties) expect(resource.Properties?.[property], `${logicalId}.${property}`).toBeUndefined();
    }
  });

  it('publishes the outputs the ops CLI reads, under stable keys', () => {
    expect(Object.keys(json.Outputs ?? {})).toEqual(expect.arrayContaining(Object.values(statefulOutputKeys)));
  });
});

import { CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { applicationsTableDesign } from '../../functions/adapters/dynamodb-table-design.ts';
import { reviewQueueDesign } from '../../functions/adapters/sqs-queue-design.ts';
import type { Stage } from '../config.ts';
import { ConsoleUserPool } from '../constructs/console-auth.ts';
import { PosFunction } from '../constructs/pos-function.ts';
import { acknowledgeProviderFramework } from '../nag.ts';
import { statefulOutputKeys } from '../../functions/deployment/stack-outputs.ts';
import { publishRecordsPrefix } from '../../functions/deployment/publish-site.ts';

export interface StatefulStackProps extends StackProps {
  readonly stage: Stage;
  /** The console's Cognito domain prefix, from the stage file (unique per region across all accounts). */
  readonly consoleDomainPrefix: string;
}

/**
 * Everything that holds data we cannot rebuild from git: applications, in-flight review messages, the phone-hash key,
 * and the site bucket. Kept apart from the stateless stack so that replacing functions, the API or the distribution
 * can never delete data. Construct ids here are permanent: renaming one replaces the resource.
 */
export class StatefulStack extends Stack {
  readonly applicationsTable: ITable;
  readonly reviewQueue: IQueue;
  readonly reviewDeadLetterQueue: IQueue;
  /** Where the personal-data expiry's stream mapping puts the position of records it gave up on (no data). */
  readonly expiryDeadLetterQueue: IQueue;
  readonly siteBucket: IBucket;
  /** Phone-hash key and origin-verify values, read by the functions at run time (createAppSecret). */
  readonly appSecret: ISecret;
  /** The review console's sign-in users (Cognito, groups reviewer/admin). */
  readonly consoleUserPool: IUserPool;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.applicationsTable = this.createApplicationsTable();
    const { reviewQueue, reviewDeadLetterQueue } = this.createReviewQueues(props.stage);
    this.reviewQueue = reviewQueue;
    this.reviewDeadLetterQueue = reviewDeadLetterQueue;
    this.expiryDeadLetterQueue = this.createExpiryDeadLetterQueue(props.stage);
    this.siteBucket = this.createSiteBucket();
    this.appSecret = this.createAppSecret();
    this.consoleUserPool = new ConsoleUserPool(this, 'ConsoleUsers', { domainPrefix: props.consoleDomainPrefix }).userPool;

    new CfnOutput(this, statefulOutputKeys.tableName, { value: this.applicationsTable.tableName });
    new CfnOutput(this, statefulOutputKeys.reviewQueueUrl, { value: this.reviewQueue.queueUrl });
    new CfnOutput(this, statefulOutputKeys.deadLetterQueueUrl, { value: this.reviewDeadLetterQueue.queueUrl });
    new CfnOutput(this, statefulOutputKeys.appSecretArn, { value: this.appSecret.secretArn });
    new CfnOutput(this, statefulOutputKeys.siteBucketName, { value: this.siteBucket.bucketName });
    new CfnOutput(this, statefulOutputKeys.siteBucketArn, { value: this.siteBucket.bucketArn });
    // From the stack that owns the pool (a bare cross-stack reference as an output is what cfn-lint flags).
    new CfnOutput(this, statefulOutputKeys.consoleUserPoolId, {
      value: this.consoleUserPool.userPoolId,
      description: 'aws cognito-idp admin-create-user --user-pool-id <this> …',
    });
  }

  /** Single-table design from functions/adapters/dynamodb-table-design.ts, so AWS and the local stack match. */
  private createApplicationsTable(): Table {
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    const table = new Table(this, 'Applications', {
      partitionKey: key(applicationsTableDesign.partitionKey),
      sortKey: key(applicationsTableDesign.sortKey),
      timeToLiveAttribute: applicationsTableDesign.timeToLiveAttribute,
      // For the personal-data expiry (functions/handlers/personal-data-expiry.ts): TTL deletions of personal data must
      // unlink the same person's other applications, as erasure does. Keys only: the reference is all it needs, and
      // no name or phone passes through the stream.
      stream: StreamViewType.KEYS_ONLY,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Lead data: never deleted with the stack, in any stage.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of applicationsTableDesign.globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        // Only what each index's queries read (see dynamodb-table-design.ts): smaller index writes and storage.
        projectionType: ProjectionType[index.projection.type],
        ...('nonKeyAttributes' in index.projection && { nonKeyAttributes: [...index.projection.nonKeyAttributes] }),
      });
    }
    return table;
  }

  /** Review queue and its DLQ, with the receive count and timeouts from functions/adapters/sqs-queue-design.ts. */
  private createReviewQueues(stage: Stage): { reviewQueue: Queue; reviewDeadLetterQueue: Queue } {
    const { visibilityTimeoutSeconds, workerTimeoutSeconds, maxReceiveCount, deadLetterRetentionDays } = reviewQueueDesign;
    // AWS: a queue feeding Lambda needs visibility ≥ 6× the function timeout, or batches become visible again mid-run.
    if (visibilityTimeoutSeconds < 6 * workerTimeoutSeconds) {
      throw new Error(`reviewQueueDesign: visibility timeout ${visibilityTimeoutSeconds}s is below 6× the worker timeout ${workerTimeoutSeconds}s`);
    }
    // A queue only holds references for minutes; in dev it goes with the stack, in prod it stays with the data.
    const removalPolicy = stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const reviewDeadLetterQueue = new Queue(this, 'ReviewDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(deadLetterRetentionDays),
      removalPolicy,
    });
    const reviewQueue = new Queue(this, 'ReviewQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(deadLetterRetentionDays),
      deadLetterQueue: { queue: reviewDeadLetterQueue, maxReceiveCount },
      removalPolicy,
    });
    Validations.of(reviewDeadLetterQueue).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is the dead-letter queue of the review queue; a DLQ of a DLQ would only move the same poison message again.',
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'This queue is the dead-letter queue itself; ops inspect and redrive it with `npm run ops -- dlq list|redrive`, and an alarm fires when it holds any message.',
      },
    );
    return { reviewQueue, reviewDeadLetterQueue };
  }

  /**
   * The dead-letter queue of the personal-data expiry's stream mapping: after its retries, the mapping sends the
   * failed batch's position in the stream (shard and sequence numbers, never an item). The stream keeps records for
   * 24 hours, so ops act on it within a day (docs/operations.md).
   */
  private createExpiryDeadLetterQueue(stage: Stage): Queue {
    const queue = new Queue(this, 'ExpiryDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(queue).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason: "This queue is itself the on-failure destination of the personal-data expiry's stream mapping; it is read by ops, never by a function.",
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason: 'This queue is a dead-letter destination itself (positions of failed stream batches), read by ops (docs/operations.md).',
      },
    );
    return queue;
  }

  /**
   * Private bucket for the built site, read only by CloudFront through Origin Access Control. The grant names this
   * account's distributions rather than one distribution id: the distribution lives in the stateless stack, and
   * naming its id here would make the two stacks depend on each other (a cycle CloudFormation cannot deploy).
   */
  private createSiteBucket(): Bucket {
    const bucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      // Every deployment replaces files; old versions are only for rolling back a bad deployment.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudFrontOriginAccessControlReadOnly',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': this.account },
          ArnLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` },
        },
      }),
    );
    // The publish records (manifests, rollback copies) share the bucket but are nobody's business but the publisher's.
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyCloudFrontPublishRecords',
        effect: Effect.DENY,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(`${publishRecordsPrefix}*`)],
      }),
    );
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build output of the site. Reads come only from CloudFront via OAC and writes only from the deployment role (both recorded by CloudTrail); S3 server access logs would add a log bucket and cost without review value.',
    });
    return bucket;
  }

  /**
   * The application secret (functions/domain/app-secrets.ts), one JSON document: the phone-hash HMAC key, generated
   * here, and the `x-origin-verify` value CloudFront adds to API requests, added by a deploy-time initialiser because
   * CloudFormation generates only one value per secret. The functions read it at run time (cached a few minutes),
   * never through their environment. One secret, not two: Secrets Manager bills per secret.
   */
  private createAppSecret(): Secret {
    const secret = new Secret(this, 'AppSecret', {
      description:
        'pos-portal: phone-hash HMAC key (never rotate without re-hashing stored applications) and the x-origin-verify value (rotate with npm run ops -- rotate-origin-secret).',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: 'phoneHashKey',
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
      },
      // Losing the key orphans every stored phone hash (no duplicate links, no erasure or blocking by phone).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Two values with different lives: the phone-hash key must never rotate (a new key orphans every stored phone hash; that needs a planned re-hash), and the origin-verify value rotates in two steps around a deployment (npm run ops -- rotate-origin-secret, README), because CloudFront only picks up a new value when the stack is deployed. An automatic Secrets Manager rotation could do neither safely.',
    });

    const initialiser = new PosFunction(this, 'AppSecretInitialiser', {
      handler: 'app-secret-initialiser',
      timeout: Duration.seconds(30),
      logRemovalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(initialiser.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked by the CDK Provider framework during deployments only; a failure fails the deployment, which CloudFormation rolls back and reports.',
    });
    secret.grantRead(initialiser.role);
    secret.grantWrite(initialiser.role);
    // Its own log group, created before the framework function can run: left to Lambda, the framework's first log
    // line can create the group while CloudFormation creates the CDK-managed one of the same name, and the first
    // deploy fails with "already exists" (aws/aws-cdk#34612).
    const providerLogs = new LogGroup(this, 'AppSecretProviderLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const provider = new Provider(this, 'AppSecretProvider', { onEventHandler: initialiser.function, logGroup: providerLogs });
    acknowledgeProviderFramework(provider);
    // The stateless stack (functions, CloudFront) deploys after this one, so it always finds the origin value there.
    new CustomResource(this, 'AppSecretOriginVerify', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::PosPortalAppSecret',
      properties: { SecretArn: secret.secretArn },
    });
    return secret;
  }
}

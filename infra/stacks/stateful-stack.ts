import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { applicationsTableDesign } from '../../functions/adapters/dynamodb-table-design.ts';
import { reviewQueueDesign } from '../../functions/adapters/sqs-queue-design.ts';
import type { Stage } from '../config.ts';
import { ConsoleUserPool } from '../constructs/console-auth.ts';
import { statefulOutputKeys } from '../stack-outputs.ts';

export interface StatefulStackProps extends StackProps {
  readonly stage: Stage;
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
  readonly siteBucket: IBucket;
  readonly phoneHashSecret: ISecret;
  readonly originVerifySecret: ISecret;
  /** The review console's sign-in users (Cognito, groups reviewer/admin). */
  readonly consoleUserPool: IUserPool;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.applicationsTable = this.createApplicationsTable();
    const { reviewQueue, reviewDeadLetterQueue } = this.createReviewQueues(props.stage);
    this.reviewQueue = reviewQueue;
    this.reviewDeadLetterQueue = reviewDeadLetterQueue;
    this.siteBucket = this.createSiteBucket();
    this.phoneHashSecret = this.createPhoneHashSecret();
    this.originVerifySecret = this.createOriginVerifySecret();
    this.consoleUserPool = new ConsoleUserPool(this, 'ConsoleUsers').userPool;

    new CfnOutput(this, statefulOutputKeys.tableName, { value: this.applicationsTable.tableName });
    new CfnOutput(this, statefulOutputKeys.reviewQueueUrl, { value: this.reviewQueue.queueUrl });
    new CfnOutput(this, statefulOutputKeys.deadLetterQueueUrl, { value: this.reviewDeadLetterQueue.queueUrl });
    new CfnOutput(this, statefulOutputKeys.phoneHashSecretArn, { value: this.phoneHashSecret.secretArn });
    new CfnOutput(this, statefulOutputKeys.siteBucketName, { value: this.siteBucket.bucketName });
    new CfnOutput(this, statefulOutputKeys.siteBucketArn, { value: this.siteBucket.bucketArn });
  }

  /** Single-table design from functions/adapters/dynamodb-table-design.ts, so AWS and the local stack match. */
  private createApplicationsTable(): Table {
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    const table = new Table(this, 'Applications', {
      partitionKey: key(applicationsTableDesign.partitionKey),
      sortKey: key(applicationsTableDesign.sortKey),
      timeToLiveAttribute: applicationsTableDesign.timeToLiveAttribute,
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
        reason: 'This queue is the dead-letter queue itself; ops inspect and redrive it with `npm run ops -- dlq list|redrive`, and an alarm fires when it holds any message.',
      },
    );
    return { reviewQueue, reviewDeadLetterQueue };
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
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build output of the site. Reads come only from CloudFront via OAC and writes only from the deployment role (both recorded by CloudTrail); S3 server access logs would add a log bucket and cost without review value.',
    });
    return bucket;
  }

  /**
   * HMAC key for phone hashes (duplicate detection, lookup and erasure by phone). Handlers receive its value through
   * a CloudFormation dynamic reference, so it is never in the template or in git.
   */
  private createPhoneHashSecret(): Secret {
    const secret = new Secret(this, 'PhoneHashSecret', {
      description: 'pos-portal: HMAC key for phone-number hashes. Do not rotate without re-hashing stored applications.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      // Losing the key orphans every stored phone hash (no duplicate detection, no erasure by phone).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is an HMAC key for phone-number hashes stored in DynamoDB, not a credential. Rotating it would silently break duplicate detection and erasure by phone for every stored application; a rotation needs a re-hash migration, planned by hand.',
    });
    return secret;
  }

  /**
   * Shared value that proves a request came through our CloudFront distribution: CloudFront adds it to every `/api/*`
   * origin request as a custom header, and the API functions trust the CloudFront-Viewer-Address header (the visitor's
   * IP, for per-IP rate limits) only when it matches. Both receive it through a CloudFormation dynamic reference at
   * deploy time. Here rather than in the stateless stack so that rebuilding that stack never changes the value.
   */
  private createOriginVerifySecret(): Secret {
    const secret = new Secret(this, 'OriginVerifySecret', {
      description: 'pos-portal: value of the x-origin-verify header CloudFront adds to API requests (see README, Deploying).',
      // Letters and digits only: it travels as an HTTP header value.
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      // Holds no data: a lost value is simply regenerated by the next deployment of both stacks.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFormation copies the value into the CloudFront origin header and the API functions when it updates them, so an automatic rotation would change nothing live, or worse, reach only one side (the handlers then count every visitor behind an edge as one IP). It is not a credential: a leaked value only lets a caller choose the IP its requests are rate-limited under.',
    });
    return secret;
  }
}

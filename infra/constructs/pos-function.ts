import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { applicationsTableDesign } from '../../functions/adapters/dynamodb-table-design.ts';
import { serviceName } from '../config.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * DynamoDB actions a handler may be granted on the table. Deliberately no Scan. Transactions need no action of their
 * own: IAM checks each item in a TransactWriteItems call as PutItem, UpdateItem, DeleteItem or ConditionCheckItem.
 * DeleteItem and BatchGetItem are for the review console only (erasure deletes personal data; the queue joins each
 * page's personal data in one batch read).
 */
export type ApplicationsTableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';
export type ApplicationsIndexName = (typeof applicationsTableDesign.globalSecondaryIndexes)[number]['indexName'];

export interface PosFunctionProps {
  /** File name (without `.ts`) of the entry point in `functions/lambda/` (the composition root of the factory in `functions/handlers/`); it must export `handler`. */
  readonly handler: string;
  /**
   * Memory in MB; Lambda gives CPU in proportion, so this also sets cold-start speed.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Maximum run time of one invocation.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * How long CloudWatch keeps this function's logs.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the log group when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Powertools Logger level (`POWERTOOLS_LOG_LEVEL`).
   * @default 'INFO'
   */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Concurrency reserved for (and capping) this function.
   * @default - none: it shares the account's unreserved concurrency
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Extra environment variables; the grant methods below add the ones that come with a permission.
   * @default - only the Powertools variables and NODE_OPTIONS
   */
  readonly environment?: Record<string, string>;
}

/**
 * One Lambda handler from functions/handlers/, with our defaults fixed in one place: Node 24 on arm64, an esbuild
 * bundle that is minified ESM with source maps (the runtime's AWS SDK v3 stays external), explicit memory and timeout,
 * its own log group with retention, Powertools settings, and a role that starts with nothing but writing its own logs.
 * Each `grant…` method adds exactly the IAM statements a use needs together with the environment variable that
 * tells the handler where to find the resource, so the two cannot drift apart.
 */
export class PosFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PosFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // Own role instead of the AWSLambdaBasicExecutionRole managed policy: log writes only to this log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `pos-portal ${props.handler} handler`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      description: `pos-portal ${props.handler}`,
      entry: `${repositoryRoot}functions/lambda/${props.handler}.ts`,
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: `${repositoryRoot}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        // Stack traces in logs point at the TypeScript sources, not the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // Maps carry positions only; the sources stay out of the deployment package.
        sourcesContent: false,
        // Prefer the ESM build of dependencies; keeps the bundle ESM-clean and tree-shakable.
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require() for Node built-ins; give ESM output a real require.
        banner: "import { createRequire as __posCreateRequire } from 'node:module'; const require = __posCreateRequire(import.meta.url);",
      },
    });

    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaTracing',
      reason:
        'X-Ray is off on purpose: each request is one hop (API → function → DynamoDB/SQS), Powertools structured logs carry the application reference as the correlation key, and tracing would add an xray:Put* grant on Resource "*" to every role.',
    });
  }

  /** Set plain configuration variables (limits, log level) that come with no permission. */
  configure(environment: Record<string, string>): this {
    for (const [name, value] of Object.entries(environment)) this.function.addEnvironment(name, value);
    return this;
  }

  /**
   * Allow exactly `actions` on the applications table, plus Query on the named indexes only (index ARNs spelled out
   * from the table design, never `index/*`); sets APPLICATIONS_TABLE_NAME.
   */
  grantApplicationsTable(table: ITable, access: { actions: readonly ApplicationsTableAction[]; queryIndexes?: readonly ApplicationsIndexName[] }): this {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ApplicationsTable',
        effect: Effect.ALLOW,
        actions: access.actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
      }),
    );
    if (access.queryIndexes?.length) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'ApplicationsTableIndexes',
          effect: Effect.ALLOW,
          actions: ['dynamodb:Query'],
          resources: access.queryIndexes.map((indexName) => `${table.tableArn}/index/${indexName}`),
        }),
      );
    }
    this.function.addEnvironment('APPLICATIONS_TABLE_NAME', table.tableName);
    return this;
  }

  /** Allow sending review messages (the reference only) to the queue; sets REVIEW_QUEUE_URL. */
  grantSendReviewMessages(queue: IQueue): this {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'SendReviewMessages', effect: Effect.ALLOW, actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
    );
    this.function.addEnvironment('REVIEW_QUEUE_URL', queue.queueUrl);
    return this;
  }

  /**
   * Allow reading the application secret (phone-hash key, origin-verify values) and only that secret; sets
   * APP_SECRET_ARN. The handler reads it at run time and caches it, so no secret value is in the function's
   * configuration, where `lambda:GetFunctionConfiguration` would show it.
   */
  grantAppSecret(secret: ISecret): this {
    // GetSecretValue only (CDK's grantRead adds DescribeSecret, which nothing calls: test/iam lists unused grants).
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ReadAppSecret', effect: Effect.ALLOW, actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
    this.function.addEnvironment('APP_SECRET_ARN', secret.secretArn);
    return this;
  }

  /**
   * Announce new applications to the team's group robot (adapters/chat-webhook-notifier.ts): the robot's settings
   * are read from the application secret at run time; sets OPS_NOTIFIER=chat and CONSOLE_URL for the notices' links.
   */
  grantChatNotices(secret: ISecret, consoleUrl: string): this {
    this.grantAppSecret(secret);
    this.function.addEnvironment('OPS_NOTIFIER', 'chat');
    this.function.addEnvironment('CONSOLE_URL', consoleUrl);
    return this;
  }

  /** Allow publishing to the ops topic encrypted with `key`; sets OPS_TOPIC_ARN and OPS_NOTIFIER=sns. */
  grantNotifyOps(topic: ITopic): this {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'PublishOpsNotices', effect: Effect.ALLOW, actions: ['sns:Publish'], resources: [topic.topicArn] }),
    );
    this.function.addEnvironment('OPS_TOPIC_ARN', topic.topicArn);
    this.function.addEnvironment('OPS_NOTIFIER', 'sns');
    return this;
  }
}

import { CfnOutput, Duration, Lazy, RemovalPolicy, SecretValue, Stack, Validations, type CfnResource, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition, type IEventSourceDlq } from 'aws-cdk-lib/aws-lambda';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { DynamoEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { applicationsTableDesign } from '../../functions/adapters/dynamodb-table-design.ts';
import { personalDataExpiryFilterPattern } from '../../functions/adapters/dynamodb-ttl-expiry.ts';
import { reviewQueueDesign } from '../../functions/adapters/sqs-queue-design.ts';
import { apiRoutes, type ApiHandlerName, type ApiRoute } from '../../functions/http/routes.ts';
import { apiTimeouts, limitsEnvironment, type DeploymentContext, type StageProfile } from '../config.ts';
import { ConsoleSignIn } from '../constructs/console-auth.ts';
import { CALL_REMINDER_TIMES } from '../../functions/use-cases/call-reminders.ts';
import { timeOfDay } from '../../functions/domain/time.ts';
import { OpsNotifications } from '../constructs/ops-notifications.ts';
import { PosFunction, type PosFunctionProps } from '../constructs/pos-function.ts';
import { acknowledgeWildcardPermissions } from '../nag.ts';
import { SiteDistribution } from '../constructs/site-distribution.ts';
import { statelessOutputKeys } from '../../functions/deployment/stack-outputs.ts';
import type { StatefulStack } from './stateful-stack.ts';

/** The stateful resources this stack uses, exactly as the stateful stack exposes them. */
type StatefulResources = Pick<
  StatefulStack,
  'applicationsTable' | 'reviewQueue' | 'reviewDeadLetterQueue' | 'expiryDeadLetterQueue' | 'siteBucket' | 'appSecret' | 'consoleUserPool'
>;

export interface StatelessStackProps extends StackProps, StatefulResources {
  readonly context: DeploymentContext;
  readonly settings: StageProfile;
  /**
   * CLOUDFRONT-scope web ACL from the edge stack.
   * @default - no WAF
   */
  readonly webAclArn?: string;
}

/**
 * Why each API handler's routes are open to anonymous callers (cdk-nag AwsSolutions-APIG4). Keyed by the handler
 * names in functions/http/routes.ts, so a new handler cannot go live without someone writing down why it is public.
 */
const publicHandlerReasons: Record<Extract<ApiRoute, { access: 'public' }>['handler'], string> = {
  'submit-application':
    'Anonymous lead capture by design: merchants apply without an account. Abuse is bounded by per-IP and per-phone rate limits, a honeypot and minimum fill time in the handler, idempotency keys, and stage throttling; the catch-all route only answers JSON 404/405.',
  'status-lookup':
    'Status lookup needs the unguessable reference plus the last four phone digits; wrong and unknown references answer the same 404, and misses are rate-limited per IP. No account exists to authorize against.',
};

/**
 * A stream mapping's on-failure destination that grants only what the mapping does with the function's role: send
 * the failed batch's position. (CDK's SqsDlq grants GetQueueAttributes and GetQueueUrl too, which nothing calls.)
 */
function sendMessageOnly(queue: IQueue): IEventSourceDlq {
  return {
    bind(_mapping, target) {
      target.addToRolePolicy(
        new PolicyStatement({ sid: 'SendFailedBatchPositions', effect: Effect.ALLOW, actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
      );
      return { destination: queue.queueArn };
    },
  };
}

/**
 * Everything that can be rebuilt from git at any time: the Lambda functions, the HTTP API, the CloudFront
 * distribution, the ops topic and the alarms. It receives the stateful resources as props.
 */
export class StatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { settings, context } = props;
    const logRemovalPolicy = context.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const functionDefaults = { logRetention: settings.logRetention, logRemovalPolicy, logLevel: settings.powertoolsLogLevel };

    const ops = new OpsNotifications(this, 'Ops', { opsEmail: context.opsEmail });

    // One function per handler file. Each gets only the table actions its use cases perform (see the adapters
    // functions/adapters/dynamodb-*.ts) and only the variables its handler's loadConfig() reads.
    // API functions outlast their SDK calls, so a slow dependency ends in our 503, not a Lambda timeout (apiTimeouts).
    const apiFunctionDefaults = { ...functionDefaults, timeout: Duration.seconds(apiTimeouts.functionSeconds) };
    // The site's origin, for telling our own form posts from another site's (functions/http/request.ts). Known only
    // with a custom domain: the distribution's generated name would make the functions depend on the distribution,
    // which depends on them. Without it the handlers compare Origin with the Host they see (see config.ts SITE_ORIGIN).
    const siteOrigin: Record<string, string> = context.domainName ? { SITE_ORIGIN: `https://${context.domainName}` } : {};
    // Who runs the site, for the footer and contact block of the API's pages (the site build shows the same). Without
    // one the functions show the marked example operator; prod cannot get there: its deploy and site build refuse a
    // stage file without the operator (placeholderSettings, site-operator.ts).
    const siteOperator: Record<string, string> = context.operator ? { SITE_OPERATOR: JSON.stringify(context.operator) } : {};
    const submitApplication = new PosFunction(this, 'SubmitApplication', { handler: 'submit-application', ...apiFunctionDefaults })
      .grantApplicationsTable(props.applicationsTable, { actions: ['GetItem', 'PutItem', 'UpdateItem'] })
      .grantSendReviewMessages(props.reviewQueue)
      .grantAppSecret(props.appSecret)
      .configure({ ...limitsEnvironment('submit-application'), ...siteOrigin, ...siteOperator });
    const statusLookup = new PosFunction(this, 'StatusLookup', { handler: 'status-lookup', ...apiFunctionDefaults })
      .grantApplicationsTable(props.applicationsTable, { actions: ['GetItem', 'UpdateItem'] })
      .grantAppSecret(props.appSecret)
      .configure({ ...limitsEnvironment('status-lookup'), ...siteOrigin, ...siteOperator });
    // The review console: its app client's callback is the site, which is created after the API (hence Lazy).
    let siteUrl: string | undefined;
    const consoleSignIn = new ConsoleSignIn(this, 'ConsoleSignIn', { userPool: props.consoleUserPool, siteUrl: Lazy.string({ produce: () => siteUrl }) });
    const reviewWorker = new PosFunction(this, 'ReviewWorker', {
      handler: 'review-worker',
      timeout: Duration.seconds(reviewQueueDesign.workerTimeoutSeconds),
      ...functionDefaults,
    })
      // Reads the application, its personal data and the blocked list (GetItem); finds duplicates by phone hash (byPhone
      // index); writes the status change as a conditional transaction of updates. Needs no phone-hash key: it compares
      // hashes intake already stored.
      .grantApplicationsTable(props.applicationsTable, { actions: ['GetItem', 'UpdateItem'], queryIndexes: ['byPhone'] })
      .configure(limitsEnvironment('review-worker'));
    // New applications: an e-mail through the ops topic, or a message from the team's group robot (-c newApplicationNotices).
    if (context.newApplicationNotices === 'chat') reviewWorker.grantChatNotices(props.appSecret, consoleSignIn.consoleUrl);
    else reviewWorker.grantNotifyOps(ops.topic);
    const outboxSweeper = new PosFunction(this, 'OutboxSweeper', {
      handler: 'outbox-sweeper',
      // Finishes well before the next one-minute tick, so two sweeps rarely overlap (and overlapping sends are idempotent).
      timeout: Duration.seconds(50),
      // One sweep at a time, whatever happens to the schedule: a backlog is drained by one function, never by a crowd
      // that would compete with intake for the table and the account's concurrency. (Reserving needs the account's
      // unreserved concurrency to stay ≥ 10: see docs/deploy.md.)
      reservedConcurrentExecutions: 1,
      ...functionDefaults,
    })
      .grantApplicationsTable(props.applicationsTable, { actions: ['UpdateItem'], queryIndexes: ['outbox'] })
      .grantSendReviewMessages(props.reviewQueue)
      .configure(limitsEnvironment('outbox-sweeper'));

    // The review console's API.
    const consoleFunction = new PosFunction(this, 'Console', { handler: 'console', ...apiFunctionDefaults })
      // Reads applications with their personal data (GetItem, BatchGetItem, byStatus/byPhone, toCall for the "to call"
      // view) and their activity items (Query on the table: the application's partition); status changes, notes,
      // per-user counters and unlinking are conditional updates; reveals, blocking and audit records are new items
      // (PutItem, blocking in a transaction with the blocked-list item); erasure deletes the personal-data and
      // idempotency items in a transaction.
      // A call attempt puts its own item (`CALL#` keys) in a transaction with the application's summary.
      .grantApplicationsTable(props.applicationsTable, {
        actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
        queryIndexes: ['byStatus', 'byPhone', 'toCall'],
      })
      .grantAppSecret(props.appSecret)
      .configure({ ...consoleSignIn.functionEnvironment, ...limitsEnvironment('console') });

    const apiFunctions: Record<ApiHandlerName, PosFunction> = {
      'submit-application': submitApplication,
      'status-lookup': statusLookup,
      console: consoleFunction,
    };
    // Public routes admit only requests that came through CloudFront (handlers/origin-authorizer.ts); API Gateway
    // caches each answer per header value, so the function runs about once per value every five minutes.
    const originAuthorizerFunction = new PosFunction(this, 'OriginAuthorizer', {
      handler: 'origin-authorizer',
      memorySize: 256,
      timeout: Duration.seconds(5),
      ...functionDefaults,
    }).grantAppSecret(props.appSecret);
    const originAuthorizer = new HttpLambdaAuthorizer('OriginAuthorizer', originAuthorizerFunction.function, {
      authorizerName: 'came-through-cloudfront',
      identitySource: ['$request.header.x-origin-verify'],
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: Duration.minutes(5),
    });
    const httpApi = this.createHttpApi(apiFunctions, props, { console: consoleSignIn.authorizer, public: originAuthorizer });

    reviewWorker.function.addEventSource(
      new SqsEventSource(props.reviewQueue, {
        batchSize: reviewQueueDesign.batchSize,
        reportBatchItemFailures: true,
        // A burst of applications is screened a couple of batches at a time instead of scaling the worker out until it
        // throttles the table or the account; messages wait in the queue, which is what it is for.
        maxConcurrency: reviewQueueDesign.maxWorkerConcurrency,
      }),
    );
    const sweepSchedule = new Rule(this, 'OutboxSweepSchedule', {
      description: 'pos-portal: re-send review messages whose enqueue failed after the application was stored',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(outboxSweeper.function, { retryAttempts: 0 })],
    });
    Validations.of(sweepSchedule).acknowledge({
      id: 'Serverless-EventBusDLQ',
      reason:
        'The target is a one-minute tick with no payload: an undelivered tick carries nothing to keep, and the next tick a minute later does the same work.',
    });
    outboxSweeper.function.configureAsyncInvoke({ retryAttempts: 0 });

    // Twice a day the team hears whom to call (use-cases/call-reminders.ts); the function stays quiet on days off,
    // which the calendar knows (weekends can be working days: 调休), so the rules fire every day.
    const callReminders = new PosFunction(this, 'CallReminders', { handler: 'call-reminders', timeout: Duration.seconds(30), ...functionDefaults })
      // Lists the leads due by the end of the day through the toCall index and reads each page whole (BatchGetItem:
      // masked phones in the digest).
      .grantApplicationsTable(props.applicationsTable, { actions: ['BatchGetItem'], queryIndexes: ['toCall'] });
    if (context.newApplicationNotices === 'chat') callReminders.grantChatNotices(props.appSecret, consoleSignIn.consoleUrl);
    else callReminders.grantNotifyOps(ops.topic);
    callReminders.function.configureAsyncInvoke({ retryAttempts: 0 });
    for (const [index, time] of CALL_REMINDER_TIMES.entries()) {
      const { hour, minute } = timeOfDay(time);
      const rule = new Rule(this, `CallReminderSchedule${index + 1}`, {
        description: `pos-portal: calls due, posted at ${time} China time`,
        // China Standard Time is UTC+8 all year.
        schedule: Schedule.cron({ hour: String((hour + 24 - 8) % 24), minute: String(minute) }),
        targets: [new LambdaFunction(callReminders.function, { retryAttempts: 0 })],
      });
      Validations.of(rule).acknowledge({
        id: 'Serverless-EventBusDLQ',
        reason: 'A reminder tick carries no payload: a lost one means one digest fewer, and the next one lists the same calls.',
      });
    }
    this.createPersonalDataExpiry(props, functionDefaults);
    this.acknowledgeInvocationFindings({ apiFunctions, reviewWorker, outboxSweeper, callReminders, originAuthorizer: originAuthorizerFunction });

    const site = new SiteDistribution(this, 'Site', {
      siteBucket: props.siteBucket,
      httpApi,
      // CloudFormation resolves this at deploy time into the distribution's origin header; a rotation names the new
      // version (-c originVerifyVersion) so that the template changes and CloudFront picks it up.
      originVerify: SecretValue.secretsManager(props.appSecret.secretArn, {
        jsonField: 'originVerify',
        ...(context.originVerifyVersion && { versionId: context.originVerifyVersion }),
      }),
      consoleConfig: consoleSignIn.browserConfig,
      logRetention: settings.logRetention,
      customDomain: context.domainName && context.certificateArn ? { domainName: context.domainName, certificateArn: context.certificateArn } : undefined,
      webAclArn: props.webAclArn,
    });
    siteUrl = site.siteUrl;

    ops.alarmOnApiServerErrors(httpApi);
    ops.alarmOnApiClientErrorSpike(httpApi);
    // Ten alarms at most (CloudWatch's free tier counts metrics): the API functions' failures are the API's 5xx.
    ops.alarmOnFunctionErrors('reviewWorker', reviewWorker.function);
    ops.alarmOnFunctionErrors('outboxSweeper', outboxSweeper.function);
    ops.alarmOnLambdaThrottles();
    ops.alarmOnReviewQueues(props.reviewQueue, props.reviewDeadLetterQueue);
    ops.alarmOnIndexWriteThrottles(
      props.applicationsTable,
      // Not toCall: it is written only by a status change into or out of 审核中 (which rewrites byStatus in the same
      // shard, so a hot toCall partition is a hot byStatus partition too) or by a call attempt (people's pace). Its
      // metric would be an eleventh alarm metric, past CloudWatch's free ten.
      applicationsTableDesign.globalSecondaryIndexes.map((index) => index.indexName).filter((indexName) => indexName !== 'toCall'),
    );

    new CfnOutput(this, statelessOutputKeys.siteUrl, { value: site.siteUrl });
    new CfnOutput(this, statelessOutputKeys.apiUrl, { value: `${site.siteUrl}/api` });
    new CfnOutput(this, statelessOutputKeys.distributionId, { value: site.distribution.distributionId });
    new CfnOutput(this, statelessOutputKeys.opsTopicArn, { value: ops.topic.topicArn });
  }

  /**
   * HTTP API with exactly the routes in functions/http/routes.ts, a `$default` stage with explicit throttling
   * and JSON access logs (no bodies, no query strings: personal data never reaches them).
   * Its execute-api address is reachable from the internet (HTTP APIs have no resource policies) but published
   * nowhere; a direct caller, lacking our x-origin-verify value, is refused by the authorizers before any function
   * runs (and would be rate-limited under its own source IP if it got further).
   */
  private createHttpApi(
    apiFunctions: Record<ApiHandlerName, PosFunction>,
    props: StatelessStackProps,
    authorizers: { console: IHttpRouteAuthorizer; public: IHttpRouteAuthorizer },
  ): HttpApi {
    const httpApi = new HttpApi(this, 'HttpApi', { description: 'pos-portal intake and status API', createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: props.settings.logRetention,
      removalPolicy: props.context.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.settings.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            error: '$context.error.message',
            // Behind CloudFront this is the edge address, so visitors' IPs stay out of the logs (a direct caller's is logged).
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });

    const integrations = new Map<ApiHandlerName, HttpLambdaIntegration>();
    for (const route of apiRoutes) {
      let integration = integrations.get(route.handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${apiFunctions[route.handler].node.id}Integration`, apiFunctions[route.handler].function, {
          timeout: Duration.seconds(apiTimeouts.integrationSeconds),
        });
        integrations.set(route.handler, integration);
      }
      // Console routes need a signed-in user (JWT authorizer); public routes need only to come through CloudFront
      // (origin authorizer) and say why no user is asked for.
      if (route.access !== 'public') {
        httpApi.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, authorizer: authorizers.console });
        continue;
      }
      const [httpRoute] = httpApi.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, authorizer: authorizers.public });
      Validations.of(httpRoute!).acknowledge({ id: 'AwsSolutions-APIG4', reason: publicHandlerReasons[route.handler] });
    }
    return httpApi;
  }

  /**
   * When TTL deletes an application's personal data, its same-phone links go too, as on erasure
   * (handlers/personal-data-expiry.ts). Invoked by the table's stream, filtered to exactly those deletions
   * (adapters/dynamodb-ttl-expiry.ts), so it runs a few times a day at most. A failing record is retried (the batch
   * halved to isolate it) and after the retries its position goes to the expiry DLQ; the records after it go on. The
   * DLQ has no alarm of its own: the ten free alarm metrics are taken (docs/operations.md says how to check it).
   * Starts at the oldest record the stream holds, so nothing expired during a deploy is skipped.
   */
  private createPersonalDataExpiry(props: StatelessStackProps, defaults: Pick<PosFunctionProps, 'logRetention' | 'logRemovalPolicy' | 'logLevel'>): void {
    const expiry = new PosFunction(this, 'PersonalDataExpiry', { handler: 'personal-data-expiry', timeout: Duration.seconds(30), ...defaults })
      // Reads the application's links (GetItem) and removes them on it and on each linked application (UpdateItem).
      .grantApplicationsTable(props.applicationsTable, { actions: ['GetItem', 'UpdateItem'] });
    expiry.function.addEventSource(
      new DynamoEventSource(props.applicationsTable, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        filters: [FilterCriteria.filter(personalDataExpiryFilterPattern)],
        batchSize: 10,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(24),
        onFailure: sendMessageOnly(props.expiryDeadLetterQueue),
      }),
    );
    const policy = expiry.role.node.tryFindChild('DefaultPolicy')?.node.defaultChild as CfnResource | undefined;
    if (!policy) throw new Error('PersonalDataExpiry: role policy not found; aws-cdk-lib changed how it builds it');
    acknowledgeWildcardPermissions(policy, [
      {
        finding: /^Resource::\*$/,
        reason:
          "dynamodb:ListStreams only, which DynamoEventSource grants because Lambda's stream polling needs it and which IAM supports on no narrower resource; it lists stream ARNs, never records. The record reads (DescribeStream, GetRecords, GetShardIterator) name the table's stream.",
      },
    ]);
    Validations.of(expiry.function).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          "Invoked only by the table's stream mapping, whose on-failure destination is the expiry DLQ (function DLQs apply only to asynchronous invocations).",
      },
      {
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason: "Never invoked asynchronously: its only trigger is the table's stream mapping, which sends failed batches to the expiry DLQ.",
      },
    );
  }

  /** Findings that depend on how each function is invoked, with the reason for that invocation type. */
  private acknowledgeInvocationFindings(functions: {
    apiFunctions: Record<ApiHandlerName, PosFunction>;
    reviewWorker: PosFunction;
    outboxSweeper: PosFunction;
    callReminders: PosFunction;
    originAuthorizer: PosFunction;
  }): void {
    Validations.of(functions.originAuthorizer.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked synchronously by API Gateway as a request authorizer; a failure is an answer to that request (refused), with no event to dead-letter.',
    });
    for (const api of Object.values(functions.apiFunctions)) {
      Validations.of(api.function).acknowledge(
        {
          id: 'Serverless-LambdaDLQ',
          reason: 'Invoked synchronously by the HTTP API only; the caller gets the error response, so there is no event to dead-letter.',
        },
        {
          id: 'Serverless-LambdaAsyncFailureDestination',
          reason: 'Never invoked asynchronously: the HTTP API invokes it synchronously and is its only trigger.',
        },
      );
    }
    Validations.of(functions.reviewWorker.function).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason: `Invoked by an SQS event source mapping: failed messages go to the review queue's own DLQ after ${reviewQueueDesign.maxReceiveCount} receives (function DLQs apply only to asynchronous invocations).`,
      },
      {
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason: 'Never invoked asynchronously: its only trigger is the SQS event source mapping, which redrives to the queue DLQ.',
      },
      {
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason:
          'On-failure destinations are not supported for SQS event sources; the review queue redrive policy sends failing messages to its DLQ, which is alarmed.',
      },
    );
    Validations.of(functions.callReminders.function).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason: 'A reminder tick carries no data: a failed digest is superseded by the next one (the same calls, still due), and errors show in its log.',
      },
      {
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason: 'The only asynchronous events are reminder ticks without payload; a failed one is superseded by the next.',
      },
    );
    Validations.of(functions.outboxSweeper.function).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason: 'A scheduled tick carries no data: a failed sweep is simply redone by the next tick one minute later, and errors raise an alarm.',
      },
      {
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason:
          'The only asynchronous events are one-minute schedule ticks without payload; a failed tick is superseded by the next one and errors raise an alarm.',
      },
    );
  }
}

import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, inject, it } from 'vitest';
import { stages } from '../../../functions/deployment/stages.ts';
import { reviewQueueDesign } from '../../../functions/adapters/sqs-queue-design.ts';
import { apiRoutes, routeKeyOf, type ApiHandlerName } from '../../../functions/http/routes.ts';
import { loadConfig, type EnvironmentKey } from '../../../functions/config.ts';
import { functionEnvironments, type FunctionName } from '../../../functions/function-environments.ts';
import { apiTimeouts, limitsEnvironment } from '../../../infra/config.ts';
import { originVerifyHeader } from '../../../infra/constructs/site-distribution.ts';
import { personalDataExpiryFilterPattern } from '../../../functions/adapters/dynamodb-ttl-expiry.ts';
import { statelessOutputKeys } from '../../../functions/deployment/stack-outputs.ts';
import { readTemplate, readTemplateJson, resourcesOfType, testStage, type CfnTemplate } from '../support/app-under-test.ts';

const { outdir } = inject('infraAssembly');
const template = readTemplate(outdir, 'Stateless');
const json = readTemplateJson(outdir, 'Stateless');

/** Our functions by handler name (their description is `pos-portal <handler>`). */
const functions = new Map(
  resourcesOfType(json, 'AWS::Lambda::Function')
    .filter(([, fn]) => String(fn.Properties?.Description).startsWith('pos-portal '))
    .map(([logicalId, fn]) => [String(fn.Properties!.Description).slice('pos-portal '.length), { logicalId, fn }]),
);
const functionOf = (handler: string) => {
  const found = functions.get(handler);
  if (!found) throw new Error(`no function for ${handler}`);
  return found;
};

/** Every policy statement attached to a function's role. */
function statementsOf(handler: string): Record<string, any>[] {
  const roleId = functionOf(handler).fn.Properties!.Role['Fn::GetAtt'][0];
  return resourcesOfType(json, 'AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties!.Roles.some((role: unknown) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement);
}
const apiHandlers = [...new Set(apiRoutes.map((route) => route.handler))] as ApiHandlerName[];
const [, distribution] = resourcesOfType(json, 'AWS::CloudFront::Distribution')[0]!;
/** The distribution's only custom origin: the HTTP API (the site bucket is an S3 origin). */
const apiOrigin = (distribution.Properties!.DistributionConfig.Origins as Record<string, any>[]).find((origin) => origin.CustomOriginConfig)!;
const actionsOf = (statement: Record<string, any>): string[] => [statement.Action].flat();
const resourcesOf = (statement: Record<string, any>): unknown[] => [statement.Resource].flat();
const tableActionsOf = (handler: string) =>
  statementsOf(handler)
    .flatMap(actionsOf)
    .filter((action) => action.startsWith('dynamodb:'))
    .sort();

function allPolicyStatements(template: CfnTemplate): Record<string, any>[] {
  return [
    ...resourcesOfType(template, 'AWS::IAM::Policy').flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement),
    ...resourcesOfType(template, 'AWS::IAM::Role').flatMap(([, role]) =>
      (role.Properties!.Policies ?? []).flatMap((policy: any) => policy.PolicyDocument.Statement),
    ),
  ];
}

describe('functions', () => {
  it('has one function per handler in routes.ts plus the review worker, the outbox sweeper, the call reminders, the origin authorizer and the personal-data expiry', () => {
    const expected = [
      ...new Set(apiRoutes.map((route) => route.handler)),
      'review-worker',
      'outbox-sweeper',
      'call-reminders',
      'origin-authorizer',
      'personal-data-expiry',
    ].sort();

    expect([...functions.keys()].sort()).toEqual(expected);
  });

  it('passes each function exactly the configuration its declaration lists (functions/function-environments.ts)', () => {
    const variables = (name: FunctionName) => Object.keys(functionOf(name).fn.Properties!.Environment.Variables).filter((key) => key !== 'NODE_OPTIONS');
    // Required means the parser has no default: a function without it would fail at cold start.
    const isRequired = (key: EnvironmentKey) => {
      try {
        loadConfig([key], {});
        return false;
      } catch {
        return true;
      }
    };

    for (const name of Object.keys(functionEnvironments) as FunctionName[]) {
      const declared: readonly EnvironmentKey[] = functionEnvironments[name];
      expect(
        variables(name).filter((key) => !declared.includes(key as EnvironmentKey)),
        name,
      ).toEqual([]);
      expect(
        declared.filter((key) => isRequired(key) && !variables(name).includes(key)),
        name,
      ).toEqual([]);
      // Limits are set explicitly, so the deployed values show in the template and the console.
      expect(variables(name), name).toEqual(expect.arrayContaining(Object.keys(limitsEnvironment(name))));
    }
    expect(functionOf('review-worker').fn.Properties!.Environment.Variables.OPS_NOTIFIER).toBe('sns');
    expect(variables('status-lookup')).toContain('STATUS_MISSES_PER_REFERENCE_PER_DAY');
    expect(variables('call-reminders')).toEqual(expect.arrayContaining(['OPS_NOTIFIER', 'OPS_TOPIC_ARN']));
    expect(variables('console')).toContain('FAILED_CALL_DAYS_BEFORE_CLOSING');
  });

  it("gives the page-rendering functions the stage's operator, as the functions' config parses it", () => {
    const value = functionOf('submit-application').fn.Properties!.Environment.Variables.SITE_OPERATOR as string;

    expect(loadConfig(['SITE_OPERATOR'], { SITE_OPERATOR: value }).SITE_OPERATOR).toEqual(stages[testStage].operator);
  });

  it('puts no secret value in any function environment: only the ARN of the one secret they read at run time', () => {
    // The stateful stack's secret, by reference (Fn::GetStackOutput): an ARN, never a value.
    const secretArnImport =
      /^\{"Fn::GetStackOutput":\{"StackName":"PosPortal-dev-Stateful","Region":"[a-z0-9-]+","OutputName":"PublishOutputRefAppSecret[0-9A-F]+"\}\}$/;
    for (const [handler, { fn }] of functions) {
      const variables = fn.Properties!.Environment.Variables as Record<string, unknown>;
      expect(JSON.stringify(variables), handler).not.toMatch(/resolve:secretsmanager/);
      expect(Object.keys(variables), handler).not.toEqual(expect.arrayContaining(['PHONE_HASH_SECRET']));
      expect(Object.keys(variables), handler).not.toEqual(expect.arrayContaining(['ORIGIN_VERIFY_SECRET']));
      if (variables.APP_SECRET_ARN !== undefined) expect(JSON.stringify(variables.APP_SECRET_ARN), handler).toMatch(secretArnImport);
    }
  });

  it('lets a function read that secret and no other, and only the functions that need it', () => {
    const readers = [...functions.keys()].filter((handler) =>
      statementsOf(handler).some((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue')),
    );

    expect(readers.sort()).toEqual(['console', 'origin-authorizer', 'status-lookup', 'submit-application']);
    for (const handler of readers) {
      const reads = statementsOf(handler).filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));
      for (const statement of reads) {
        expect(resourcesOf(statement), handler).toEqual([functionOf(handler).fn.Properties!.Environment.Variables.APP_SECRET_ARN]);
        expect(
          actionsOf(statement).every((action) => ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'].includes(action)),
          handler,
        ).toBe(true);
      }
    }
  });

  it('has CloudFront send the origin-verify field of that secret, by dynamic reference resolved at deploy time', () => {
    const sent = (apiOrigin.OriginCustomHeaders as Record<string, unknown>[]).find((header) => header.HeaderName === originVerifyHeader)!.HeaderValue;

    expect(JSON.stringify(sent)).toMatch(
      /^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:",\{"Fn::GetStackOutput":\{[^}]*"OutputName":"PublishOutputRefAppSecret[0-9A-F]+"\}\},":SecretString:originVerify::\}\}"\]\]\}$/,
    );
  });

  it('lets the API functions outlast their SDK calls, and API Gateway and CloudFront outlast the functions', () => {
    const integrationTimeouts = resourcesOfType(json, 'AWS::ApiGatewayV2::Integration').map(([, integration]) => integration.Properties!.TimeoutInMillis);

    for (const handler of apiHandlers) {
      const timeout = functionOf(handler).fn.Properties!.Timeout as number;
      expect(timeout, handler).toBe(apiTimeouts.functionSeconds);
      for (const integrationTimeout of integrationTimeouts) expect(timeout * 1000, handler).toBeLessThan(integrationTimeout);
    }
    expect(integrationTimeouts).toHaveLength(apiHandlers.length);
    for (const integrationTimeout of integrationTimeouts) {
      expect(integrationTimeout).toBeLessThanOrEqual(apiOrigin.CustomOriginConfig.OriginReadTimeout * 1000);
    }
  });

  it('uses the production limits from functions/config.ts', () => {
    expect(functionOf('submit-application').fn.Properties!.Environment.Variables).toMatchObject({
      RATE_LIMIT_PER_IP_PER_MINUTE: '10',
      RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY: '3',
      RETENTION_DAYS: '180',
    });
    expect(functionOf('status-lookup').fn.Properties!.Environment.Variables).toMatchObject({ STATUS_MISSES_PER_IP_PER_HOUR: '10' });
  });
});

describe('least privilege', () => {
  it('has no statement with a "*" action or dynamodb:*, and no DynamoDB action on Resource "*"', () => {
    for (const statement of allPolicyStatements(json)) {
      const actions = actionsOf(statement);
      expect(actions, JSON.stringify(statement)).not.toContain('*');
      expect(
        actions.filter((action) => /^dynamodb:.*\*/.test(action)),
        JSON.stringify(statement),
      ).toEqual([]);
      // ListStreams names no resource in IAM; Lambda's stream polling needs it (personal-data expiry, checked below).
      if (actions.some((action) => action.startsWith('dynamodb:') && action !== 'dynamodb:ListStreams')) {
        expect(resourcesOf(statement), JSON.stringify(statement)).not.toContain('*');
      }
    }
  });

  // What each function may do here is what test/iam/recorded-calls.iam.test.ts found its calls need, no more.
  it('lets intake only read, put and update the table, and only send to the queue', () => {
    expect(tableActionsOf('submit-application')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    const sqsActions = statementsOf('submit-application')
      .flatMap(actionsOf)
      .filter((action) => action.startsWith('sqs:'));
    expect(sqsActions).toEqual(['sqs:SendMessage']);
  });

  it('lets the status lookup read and update counters, nothing else', () => {
    expect(tableActionsOf('status-lookup')).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(
      statementsOf('status-lookup')
        .flatMap(actionsOf)
        .filter((action) => /^(sqs|sns):/.test(action)),
    ).toEqual([]);
  });

  it('lets the sweeper query the outbox index only, update, and send (no reads: the index has the references)', () => {
    const queryStatement = statementsOf('outbox-sweeper').find((statement) => actionsOf(statement).includes('dynamodb:Query'))!;

    expect(JSON.stringify(queryStatement.Resource)).toMatch(/\/index\/outbox"/);
    expect(resourcesOf(queryStatement)).toHaveLength(1);
    expect(tableActionsOf('outbox-sweeper')).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
  });

  it('lets the worker read, query the byPhone index only, and update the table: no puts, deletes or scans', () => {
    const queryStatement = statementsOf('review-worker').find((statement) => actionsOf(statement).includes('dynamodb:Query'))!;

    expect(tableActionsOf('review-worker')).toEqual(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(JSON.stringify(queryStatement.Resource)).toMatch(/\/index\/byPhone"/);
    expect(resourcesOf(queryStatement)).toHaveLength(1);
  });

  it('lets the console read, batch-read, update and delete (erasure) on the table, put and query call attempts, and query byStatus/byPhone/toCall: no scans', () => {
    const queryStatement = statementsOf('console').find(
      (statement) => actionsOf(statement).includes('dynamodb:Query') && JSON.stringify(statement.Resource).includes('/index/'),
    )!;
    const tableStatement = statementsOf('console').find((statement) => actionsOf(statement).includes('dynamodb:PutItem'))!;

    expect(tableActionsOf('console')).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    // Call attempts (use-cases/lead-follow-up.ts) are items of their own, read by a Query on the application's partition.
    expect(actionsOf(tableStatement)).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    expect(JSON.stringify(tableStatement.Resource)).not.toContain('/index/');
    expect(JSON.stringify(queryStatement.Resource)).toMatch(/\/index\/byStatus"/);
    expect(JSON.stringify(queryStatement.Resource)).toMatch(/\/index\/byPhone"/);
    expect(JSON.stringify(queryStatement.Resource)).toMatch(/\/index\/toCall"/);
  });

  it('lets the worker consume the review queue and publish to the ops topic', () => {
    const actions = statementsOf('review-worker').flatMap(actionsOf);

    expect(actions).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sns:Publish']));
    expect(actions).not.toContain('sqs:SendMessage');
  });
});

describe('HTTP API', () => {
  it('has exactly the routes of functions/http/routes.ts, each to its handler', () => {
    const routes = resourcesOfType(json, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties!);
    const integrations = Object.fromEntries(resourcesOfType(json, 'AWS::ApiGatewayV2::Integration'));
    const handlerOfRoute = (route: Record<string, any>) => {
      const integrationId = route.Target['Fn::Join'][1][1].Ref as string;
      const functionId = integrations[integrationId]!.Properties!.IntegrationUri['Fn::GetAtt'][0] as string;
      return [...functions].find(([, { logicalId }]) => logicalId === functionId)![0];
    };

    expect(routes.map((route) => [route.RouteKey, handlerOfRoute(route)]).sort()).toEqual(apiRoutes.map((route) => [routeKeyOf(route), route.handler]).sort());
  });

  it('throttles the $default stage explicitly and writes JSON access logs', () => {
    const [, stage] = resourcesOfType(json, 'AWS::ApiGatewayV2::Stage')[0]!;

    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) },
      AccessLogSettings: { DestinationArn: expect.anything() },
    });
    expect(JSON.parse(stage.Properties!.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });
});

describe('asynchronous wiring', () => {
  it('feeds the worker from the review queue in design-size batches with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionOf('review-worker').logicalId },
      BatchSize: reviewQueueDesign.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetStackOutput': Match.objectLike({ OutputName: Match.stringLikeRegexp('ReviewQueue.*Arn') }) },
    });
  });

  it("caps the worker's queue trigger, so a burst waits in the queue instead of scaling out against the table", () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionOf('review-worker').logicalId },
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    expect(reviewQueueDesign.maxWorkerConcurrency).toBe(2);
  });

  it('runs one outbox sweep at a time (reserved concurrency 1), and only the sweeper reserves any', () => {
    const reserved = Object.entries(template.findResources('AWS::Lambda::Function')).flatMap(([id, fn]) =>
      fn.Properties.ReservedConcurrentExecutions === undefined ? [] : [[id, fn.Properties.ReservedConcurrentExecutions]],
    );

    expect(reserved).toEqual([[functionOf('outbox-sweeper').logicalId, 1]]);
  });

  it('posts the call reminders at 09:30 and 14:00 China time (01:30 and 06:00 UTC) every day; the function skips days off', () => {
    for (const expression of ['cron(30 1 * * ? *)', 'cron(0 6 * * ? *)']) {
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: expression,
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionOf('call-reminders').logicalId, 'Arn'] } })],
      });
    }
  });

  it('lets the call reminders list the leads due (toCall, not byStatus) and read those pages, and publish to the ops topic: nothing else', () => {
    expect(tableActionsOf('call-reminders')).toEqual(['dynamodb:BatchGetItem', 'dynamodb:Query']);
    const queried = JSON.stringify(statementsOf('call-reminders').find((statement) => actionsOf(statement).includes('dynamodb:Query'))!.Resource);
    expect(queried).toMatch(/\/index\/toCall"/);
    expect(queried).not.toMatch(/\/index\/(byStatus|byPhone|outbox)"/);
    expect(statementsOf('call-reminders').flatMap(actionsOf)).toContain('sns:Publish');
  });

  it('unlinks expired personal data from the table stream: only TTL deletions of personal-data items, retried, then dead-lettered', () => {
    const [, mapping] = resourcesOfType(json, 'AWS::Lambda::EventSourceMapping').find(
      ([, candidate]) => JSON.stringify(candidate.Properties!.FunctionName) === JSON.stringify({ Ref: functionOf('personal-data-expiry').logicalId }),
    )!;
    const { Properties: properties } = mapping;

    expect(properties!.EventSourceArn).toEqual({
      'Fn::GetStackOutput': expect.objectContaining({ OutputName: expect.stringMatching(/^PublishOutputFnGetAttApplications.*StreamArn/) }),
    });
    expect(properties!.FilterCriteria.Filters.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern))).toEqual([personalDataExpiryFilterPattern]);
    expect(personalDataExpiryFilterPattern).toEqual({
      eventName: ['REMOVE'],
      userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
      dynamodb: { Keys: { sk: { S: ['PERSONAL'] } } },
    });
    expect(properties).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 86_400,
    });
    expect(properties!.DestinationConfig.OnFailure.Destination).toEqual({
      'Fn::GetStackOutput': expect.objectContaining({ OutputName: expect.stringMatching(/^PublishOutputFnGetAttExpiryDeadLetterQueue.*Arn/) }),
    });
  });

  it('lets the personal-data expiry read and update applications, read the stream and send to its DLQ: nothing else', () => {
    const statements = statementsOf('personal-data-expiry').filter((statement) => !actionsOf(statement).every((action) => action.startsWith('logs:')));
    const grants = statements.map((statement) => ({ actions: actionsOf(statement).sort(), resource: JSON.stringify(statement.Resource) }));

    expect(grants).toEqual([
      { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resource: expect.stringMatching(/PublishOutputFnGetAttApplications[0-9A-F]+Arn/) },
      { actions: ['sqs:SendMessage'], resource: expect.stringMatching(/ExpiryDeadLetterQueue[0-9A-F]+Arn/) },
      { actions: ['dynamodb:ListStreams'], resource: '"*"' },
      {
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resource: expect.stringMatching(/Applications[0-9A-F]+StreamArn/),
      },
    ]);
  });

  it('runs the outbox sweeper every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionOf('outbox-sweeper').logicalId, 'Arn'] } })],
    });
  });
});

describe('outputs', () => {
  it('publishes what the ops CLI and people need under stable keys', () => {
    expect(Object.keys(json.Outputs ?? {})).toEqual(expect.arrayContaining(Object.values(statelessOutputKeys)));
  });

  it('does not advertise the execute-api address that skips CloudFront', () => {
    const [httpApiId] = resourcesOfType(json, 'AWS::ApiGatewayV2::Api')[0]!;

    for (const [key, output] of Object.entries(json.Outputs ?? {})) {
      expect(JSON.stringify(output.Value), key).not.toContain(httpApiId);
    }
  });
});

import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OpsNotificationsProps {
  /**
   * Mailbox subscribed to the topic (AWS sends a confirmation link first).
   * @default - no subscription; subscribe later in the console or with `aws sns subscribe`
   */
  readonly opsEmail?: string;
}

/**
 * 4xx answers in 5 minutes that mean a flood rather than merchants mistyping: one a second, sustained. Counts the
 * stage throttle's 429s (API Gateway's body, no Retry-After) and the handlers' own 400/404/429 alike.
 */
export const apiClientErrorSpikeThreshold = 300;

/** Age of the oldest review message that means the worker is not keeping up (or keeps failing): 5 minutes. */
export const reviewBacklogAgeAlarmSeconds = 300;

/**
 * The ops topic (alarms and new-application notices) and the alarms ops must act on.
 *
 * The topic's resource policy must say that CloudWatch may publish: `enforceSSL` creates a topic policy, and a topic
 * policy replaces SNS's default one, so a policy holding only the TLS Deny would leave alarms without `sns:Publish`
 * (they would go to ALARM and tell nobody). The grant is limited to this account's alarms.
 *
 * No customer-managed KMS key (US$1/month each, plus rotation): CloudWatch cannot publish to a topic under the
 * AWS-managed SNS key, and what the topic carries is an alarm's name or an application's reference, brand, city and
 * masked phone — nothing that needs more than TLS in transit and SNS's own storage.
 */
export class OpsNotifications extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OpsNotificationsProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    this.topic = new Topic(this, 'Topic', { displayName: 'pos-portal ops', enforceSSL: true });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowThisAccountsCloudWatchAlarmsToPublish',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer-managed key costs more than the rest of the idle stack. The topic carries alarm names and, for new applications, reference, brand, city and a masked phone only; TLS is enforced by the topic policy.',
    });
    if (props.opsEmail) {
      this.topic.addSubscription(new EmailSubscription(props.opsEmail));
      Validations.of(this.topic).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An e-mail subscription to ops: an undeliverable notice loses nothing, because every application and its status are in DynamoDB (`npm run ops -- list --status pending_review`) and alarms stay in ALARM state in CloudWatch.',
      });
    }
  }

  /** Alarm when `metric` crosses `threshold`; notify the topic on ALARM and again on OK. */
  alarm(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    return alarm;
  }

  /** Any 5xx from the API in 5 minutes (the handlers answer 503 when DynamoDB or SQS fail). */
  alarmOnApiServerErrors(httpApi: IHttpApi): Alarm {
    return this.alarm(
      'Api5xx',
      httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      0,
      'The API answered 5xx (503 means DynamoDB or SQS failed). Check the function logs.',
    );
  }

  /**
   * A spike of 4xx answers: a flood hitting the handlers' rate limits or the stage throttle (HTTP APIs publish no
   * separate throttle metric; in the access logs, a stage throttle is a 429 that never reached an integration, so
   * it has no integrationStatus).
   */
  alarmOnApiClientErrorSpike(httpApi: IHttpApi): Alarm {
    return this.alarm(
      'Api4xxSpike',
      httpApi.metricClientError({ period: Duration.minutes(5), statistic: 'Sum' }),
      apiClientErrorSpikeThreshold,
      `The API answered more than ${apiClientErrorSpikeThreshold} 4xx in 5 minutes: a flood or the stage throttle. Check the API access logs (status, integrationStatus) and consider -c waf=true.`,
    );
  }

  /**
   * Errors of a function no API answer reports (the API functions' failures already show as 5xx): over 5 minutes.
   */
  alarmOnFunctionErrors(name: string, fn: IFunction): Alarm {
    return this.alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 0, `${name} threw errors. Check its log group.`);
  }

  /**
   * Any throttled invocation in this account and region, over 5 minutes: one alarm (one billed metric) for every
   * function, since the cause is shared (account concurrency, or a reserved/maximum concurrency reached).
   */
  alarmOnLambdaThrottles(): Alarm {
    return this.alarm(
      'LambdaThrottles',
      new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', period: Duration.minutes(5), statistic: 'Sum' }),
      0,
      "A Lambda function was throttled: account concurrency exhausted, or the sweeper or worker met its concurrency cap. Check each function's Throttles metric.",
    );
  }

  /**
   * Writes throttled on any of the table's secondary indexes: an index partition that gets too hot throttles the
   * table's own writes (intake included), so this is the early warning for the sharded status and outbox keys.
   */
  alarmOnIndexWriteThrottles(table: ITable, indexNames: readonly string[]): Alarm {
    const metrics = Object.fromEntries(
      indexNames.map((indexName, position) => [
        `index${position}`,
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'WriteThrottleEvents',
          dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: indexName },
          period: Duration.minutes(5),
          statistic: 'Sum',
        }),
      ]),
    );
    return this.alarm(
      'IndexWriteThrottles',
      // FILL: each index publishes WriteThrottleEvents only in periods with a throttle. Without a fill, the sum has
      // no value in a quiet period, and an alarm on AWS/DynamoDB metrics then keeps its state: it would stay in ALARM
      // after the first throttle and never notify again.
      new MathExpression({
        expression: `SUM([${Object.keys(metrics)
          .map((id) => `FILL(${id}, 0)`)
          .join(', ')}])`,
        usingMetrics: metrics,
        period: Duration.minutes(5),
        label: 'index write throttles',
      }),
      0,
      `Writes to a secondary index of the applications table (${indexNames.join(', ')}) were throttled. See docs/deploy.md.`,
    );
  }

  /** Anything in the DLQ, and review messages waiting too long. */
  alarmOnReviewQueues(reviewQueue: IQueue, deadLetterQueue: IQueue): void {
    this.alarm(
      'DeadLetterQueueNotEmpty',
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      0,
      'A review message failed repeatedly and is in the DLQ: `npm run ops -- dlq list`, fix, then `dlq redrive`.',
    );
    this.alarm(
      'ReviewBacklogAge',
      reviewQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      reviewBacklogAgeAlarmSeconds,
      `A review message has waited more than ${reviewBacklogAgeAlarmSeconds} s: the worker is failing or not running.`,
    );
  }
}

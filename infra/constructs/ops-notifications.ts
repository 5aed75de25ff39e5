import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
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
 * The ops topic (alarms and new-application notices) and the alarms ops must act on. The topic is encrypted with a
 * customer-managed key because CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key.
 */
export class OpsNotifications extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: OpsNotificationsProps) {
    super(scope, id);
    this.key = new Key(this, 'TopicKey', {
      description: 'pos-portal ops topic encryption',
      enableKeyRotation: true,
      // Messages are transient (delivered within seconds); nothing stays encrypted under this key after delivery.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'pos-portal ops', masterKey: this.key, enforceSSL: true });
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

  /** Errors and throttles of one function, each over 5 minutes. */
  alarmOnFunction(name: string, fn: IFunction): void {
    this.alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 0, `${name} threw errors. Check its log group.`);
    this.alarm(
      `${name}Throttles`,
      fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      0,
      `${name} was throttled (account concurrency exhausted?).`,
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

import { describe, expect, inject, it } from 'vitest';
import { apiClientErrorSpikeThreshold, reviewBacklogAgeAlarmSeconds } from '../../../infra/constructs/ops-notifications.ts';
import { readTemplateJson, resourcesOfType } from '../support/app-under-test.ts';

const { outdir } = inject('infraAssembly');
const json = readTemplateJson(outdir, 'Stateless');
const [topicId, topic] = resourcesOfType(json, 'AWS::SNS::Topic')[0]!;
const alarms = resourcesOfType(json, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties!);
const functionIdOf = (handler: string) =>
  resourcesOfType(json, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Description === `pos-portal ${handler}`)![0];

/** Alarms on `metricName` whose dimensions mention `dimensionFragment`. */
const alarmsOn = (metricName: string, dimensionFragment: string) =>
  alarms.filter((alarm) => alarm.MetricName === metricName && JSON.stringify(alarm.Dimensions).includes(dimensionFragment));

describe('ops topic', () => {
  it('is encrypted with a rotating customer-managed key that CloudWatch may use, and TLS-only', () => {
    const keyId = topic.Properties!.KmsMasterKeyId['Fn::GetAtt'][0] as string;
    const key = json.Resources[keyId]!.Properties!;
    const [, topicPolicy] = resourcesOfType(json, 'AWS::SNS::TopicPolicy')[0]!;

    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
    expect(topicPolicy.Properties!.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('e-mails the ops mailbox given with -c opsEmail', () => {
    const subscriptions = resourcesOfType(json, 'AWS::SNS::Subscription').map(([, subscription]) => subscription.Properties);

    expect(subscriptions).toEqual([{ Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } }]);
  });
});

describe('alarms', () => {
  it('all notify the ops topic on ALARM and on recovery', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('watch API 5xx responses', () => {
    expect(alarmsOn('5xx', 'HttpApi')).toEqual([
      expect.objectContaining({ Namespace: 'AWS/ApiGateway', Statistic: 'Sum', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 }),
    ]);
  });

  it('watch for 4xx floods (stage throttling included) above one a second over 5 minutes', () => {
    expect(apiClientErrorSpikeThreshold).toBe(300);
    expect(alarmsOn('4xx', 'HttpApi')).toEqual([
      expect.objectContaining({ Namespace: 'AWS/ApiGateway', Statistic: 'Sum', Period: 300, ComparisonOperator: 'GreaterThanThreshold', Threshold: 300 }),
    ]);
  });

  it.each(['submit-application', 'application-status', 'review-worker', 'outbox-sweeper'])('watch errors and throttles of %s', (handler) => {
    const functionId = functionIdOf(handler);

    for (const metricName of ['Errors', 'Throttles']) {
      expect(alarmsOn(metricName, functionId), metricName).toEqual([
        expect.objectContaining({ Namespace: 'AWS/Lambda', Statistic: 'Sum', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 }),
      ]);
    }
  });

  it('fire as soon as the dead-letter queue holds a message', () => {
    expect(alarmsOn('ApproximateNumberOfMessagesVisible', 'ReviewDeadLetterQueue')).toEqual([
      expect.objectContaining({ Namespace: 'AWS/SQS', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 }),
    ]);
  });

  it('fire when the oldest review message waits longer than five minutes', () => {
    const backlog = alarmsOn('ApproximateAgeOfOldestMessage', 'ReviewQueue').filter(
      (alarm) => !JSON.stringify(alarm.Dimensions).includes('DeadLetter'),
    );

    expect(reviewBacklogAgeAlarmSeconds).toBe(300);
    expect(backlog).toEqual([
      expect.objectContaining({ Namespace: 'AWS/SQS', Statistic: 'Maximum', ComparisonOperator: 'GreaterThanThreshold', Threshold: 300 }),
    ]);
  });
});

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
  it("lets this account's CloudWatch alarms publish (a TLS-only Deny alone would replace the default policy and silence them)", () => {
    const [, topicPolicy] = resourcesOfType(json, 'AWS::SNS::TopicPolicy')[0]!;
    const statements = topicPolicy.Properties!.PolicyDocument.Statement as Record<string, any>[];

    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: topicId },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:aws:cloudwatch:ap-east-1:', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
        },
      }),
    );
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('costs no customer-managed key (TLS-only; the messages carry no personal data beyond a masked phone)', () => {
    expect(topic.Properties).not.toHaveProperty('KmsMasterKeyId');
    expect(resourcesOfType(json, 'AWS::KMS::Key')).toEqual([]);
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

  it("are ten at most (CloudWatch's free tier counts alarm metrics, and every metric of a math alarm counts)", () => {
    const metricCount = alarms.reduce(
      (sum, alarm) => sum + (alarm.Metrics ? alarm.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).length : 1),
      0,
    );

    expect(metricCount).toBeLessThanOrEqual(10);
  });

  it.each(['review-worker', 'outbox-sweeper'])("watch errors of %s (the API functions' failures are the API's 5xx)", (handler) => {
    expect(alarmsOn('Errors', functionIdOf(handler))).toEqual([
      expect.objectContaining({ Namespace: 'AWS/Lambda', Statistic: 'Sum', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 }),
    ]);
  });

  it('watch throttling of any function with one account-wide metric', () => {
    expect(alarms.filter((alarm) => alarm.MetricName === 'Throttles')).toEqual([
      expect.objectContaining({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 0 }),
    ]);
    expect(alarms.find((alarm) => alarm.MetricName === 'Throttles')).not.toHaveProperty('Dimensions');
  });

  it('watch write throttles on every secondary index intake or screening can make hot (toCall moves with byStatus: see the stack)', () => {
    const [indexAlarm] = alarms.filter((alarm) => JSON.stringify(alarm.Metrics ?? []).includes('WriteThrottleEvents'));
    const indexes = (indexAlarm!.Metrics as { MetricStat?: { Metric: { Dimensions: { Name: string; Value: unknown }[] } } }[])
      .flatMap((metric) => metric.MetricStat?.Metric.Dimensions ?? [])
      .filter((dimension) => dimension.Name === 'GlobalSecondaryIndexName')
      .map((dimension) => dimension.Value);

    expect(indexes.sort()).toEqual(['byPhone', 'byStatus', 'outbox']);
    expect(indexAlarm).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
  });

  it('recover after a throttle: every sparse index metric is filled with 0, so a quiet period evaluates to 0, not "missing"', () => {
    const [indexAlarm] = alarms.filter((alarm) => JSON.stringify(alarm.Metrics ?? []).includes('WriteThrottleEvents'));
    const metrics = indexAlarm!.Metrics as { Id: string; Expression?: string; MetricStat?: unknown; ReturnData?: boolean }[];
    const [expression] = metrics.filter((metric) => metric.Expression !== undefined);
    const ids = metrics.filter((metric) => metric.MetricStat).map((metric) => metric.Id);

    expect(ids).toHaveLength(3);
    for (const id of ids) expect(expression!.Expression).toContain(`FILL(${id}, 0)`);
    // Without FILL, an alarm on AWS/DynamoDB metrics keeps its last state through missing data (stuck in ALARM).
    expect(expression!.Expression!.replace(/FILL\(\w+, 0\)/g, '')).not.toMatch(/index\d/);
  });

  it('fire as soon as the dead-letter queue holds a message', () => {
    expect(alarmsOn('ApproximateNumberOfMessagesVisible', 'ReviewDeadLetterQueue')).toEqual([
      expect.objectContaining({ Namespace: 'AWS/SQS', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 }),
    ]);
  });

  it('fire when the oldest review message waits longer than five minutes', () => {
    const backlog = alarmsOn('ApproximateAgeOfOldestMessage', 'ReviewQueue').filter((alarm) => !JSON.stringify(alarm.Dimensions).includes('DeadLetter'));

    expect(reviewBacklogAgeAlarmSeconds).toBe(300);
    expect(backlog).toEqual([
      expect.objectContaining({ Namespace: 'AWS/SQS', Statistic: 'Maximum', ComparisonOperator: 'GreaterThanThreshold', Threshold: 300 }),
    ]);
  });
});

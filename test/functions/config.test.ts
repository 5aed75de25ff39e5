import { describe, expect, it } from 'vitest';
import { loadConfig, opsNotifierChoice } from '../../functions/config.ts';

describe('loadConfig', () => {
  it('applies production defaults to limits', () => {
    const config = loadConfig(
      ['RATE_LIMIT_PER_IP_PER_MINUTE', 'RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY', 'STATUS_MISSES_PER_IP_PER_HOUR', 'RETENTION_DAYS'],
      {},
    );

    expect(config).toEqual({
      RATE_LIMIT_PER_IP_PER_MINUTE: 10,
      RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY: 3,
      STATUS_MISSES_PER_IP_PER_HOUR: 10,
      RETENTION_DAYS: 180,
    });
  });

  it('reads and converts what is set', () => {
    expect(loadConfig(['RATE_LIMIT_PER_IP_PER_MINUTE'], { RATE_LIMIT_PER_IP_PER_MINUTE: '250' })).toEqual({ RATE_LIMIT_PER_IP_PER_MINUTE: 250 });
  });

  it('names every missing or malformed variable in one error', () => {
    const load = () =>
      loadConfig(['APPLICATIONS_TABLE_NAME', 'REVIEW_QUEUE_URL', 'RATE_LIMIT_PER_IP_PER_MINUTE'], {
        REVIEW_QUEUE_URL: 'not a url',
        RATE_LIMIT_PER_IP_PER_MINUTE: 'ten',
      });

    expect(load).toThrow(/APPLICATIONS_TABLE_NAME: is required/);
    expect(load).toThrow(/REVIEW_QUEUE_URL: must be a queue URL/);
    expect(load).toThrow(/RATE_LIMIT_PER_IP_PER_MINUTE: must be a whole number/);
  });

  it('refuses a zero or empty limit instead of silently disabling it', () => {
    expect(() => loadConfig(['RATE_LIMIT_PER_IP_PER_MINUTE'], { RATE_LIMIT_PER_IP_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_IP_PER_MINUTE/);
    expect(() => loadConfig(['RATE_LIMIT_PER_IP_PER_MINUTE'], { RATE_LIMIT_PER_IP_PER_MINUTE: '' })).toThrow(/RATE_LIMIT_PER_IP_PER_MINUTE/);
  });

  it('only demands the variables asked for', () => {
    expect(loadConfig(['POWERTOOLS_LOG_LEVEL'], {})).toEqual({ POWERTOOLS_LOG_LEVEL: 'INFO' });
  });

  it('takes the ops topic as an SNS topic ARN', () => {
    const arn = 'arn:aws:sns:ap-east-1:123456789012:PosPortal-prod-Stateless-OpsTopic1A2B3C';

    expect(loadConfig(['OPS_TOPIC_ARN'], { OPS_TOPIC_ARN: arn })).toEqual({ OPS_TOPIC_ARN: arn });
    expect(() => loadConfig(['OPS_TOPIC_ARN'], { OPS_TOPIC_ARN: 'arn:aws:sqs:ap-east-1:123456789012:queue' })).toThrow(
      /OPS_TOPIC_ARN: must be an SNS topic ARN/,
    );
  });
});

describe('the ops notifier is chosen explicitly', () => {
  const arn = 'arn:aws:sns:ap-east-1:123456789012:ops';

  it('requires OPS_NOTIFIER: no silent fallback to logging when the topic is missing', () => {
    expect(() => loadConfig(['OPS_NOTIFIER', 'OPS_TOPIC_ARN'], { OPS_TOPIC_ARN: arn })).toThrow(/OPS_NOTIFIER: is required/);
    expect(() => loadConfig(['OPS_NOTIFIER'], { OPS_NOTIFIER: 'email' })).toThrow(/OPS_NOTIFIER: must be one of sns, log, chat/);
  });

  it('sns needs the topic', () => {
    expect(opsNotifierChoice(loadConfig(['OPS_NOTIFIER', 'OPS_TOPIC_ARN'], { OPS_NOTIFIER: 'sns', OPS_TOPIC_ARN: arn }))).toEqual({
      kind: 'sns',
      topicArn: arn,
    });
    expect(() => opsNotifierChoice(loadConfig(['OPS_NOTIFIER', 'OPS_TOPIC_ARN'], { OPS_NOTIFIER: 'sns' }))).toThrow(
      /OPS_TOPIC_ARN: is required when OPS_NOTIFIER is sns/,
    );
  });

  it('log needs nothing else (the local stack)', () => {
    expect(opsNotifierChoice(loadConfig(['OPS_NOTIFIER', 'OPS_TOPIC_ARN'], { OPS_NOTIFIER: 'log' }))).toEqual({ kind: 'log' });
  });

  it('chat needs nothing in the environment on AWS: the robot settings are secret (application secret)', () => {
    const keys = ['OPS_NOTIFIER', 'OPS_TOPIC_ARN', 'CONSOLE_URL'] as const;

    expect(opsNotifierChoice(loadConfig(keys, { OPS_NOTIFIER: 'chat', CONSOLE_URL: 'https://pos.example.com/console/' }))).toEqual({
      kind: 'chat',
      consoleUrl: 'https://pos.example.com/console/',
    });
    expect(() => loadConfig(['CHAT_WEBHOOK_PLATFORM'], { CHAT_WEBHOOK_PLATFORM: 'slack' })).toThrow(
      /CHAT_WEBHOOK_PLATFORM: must be one of wecom, dingtalk, feishu/,
    );
  });
});

describe('ORIGIN_VERIFY_SECRET', () => {
  it('is optional (absent in the local stack) and, when set, long enough not to be guessed', () => {
    expect(loadConfig(['ORIGIN_VERIFY_SECRET'], {})).toEqual({});
    expect(loadConfig(['ORIGIN_VERIFY_SECRET'], { ORIGIN_VERIFY_SECRET: 'x'.repeat(32) })).toEqual({ ORIGIN_VERIFY_SECRET: 'x'.repeat(32) });
    expect(() => loadConfig(['ORIGIN_VERIFY_SECRET'], { ORIGIN_VERIFY_SECRET: 'short' })).toThrow(/ORIGIN_VERIFY_SECRET: must be at least 16 characters/);
  });
});
